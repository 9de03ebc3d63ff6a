import * as oidc from 'openid-client'
import type { Kysely } from 'kysely'
import { isValidCitizenId } from '@congso/domain'
import type { Config } from '../../config.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { RequestMeta } from '../../http/request-context.ts'
import { createSession } from '../../auth/sessions.ts'
import { writeAudit } from '../audit/audit.repo.ts'

type OidcSettings = NonNullable<Config['oidc']>

const CALLBACK_PATH = '/api/v1/auth/oidc/callback'

/** Discovery result per issuer; a cache of public metadata, not shared state (any process can rebuild it). */
const discovered = new Map<string, Promise<oidc.Configuration>>()

function configuration(settings: OidcSettings): Promise<oidc.Configuration> {
  let c = discovered.get(settings.issuer)
  if (!c) {
    const insecure = settings.issuer.startsWith('http://')
    c = oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret,
      undefined,
      insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
    )
    c.catch(() => discovered.delete(settings.issuer))
    discovered.set(settings.issuer, c)
  }
  return c
}

/** Builds the authorisation URL (code flow + PKCE, state and nonce kept in the database). */
export async function startOidc(db: Kysely<DB>, config: Config, returnTo: string): Promise<string> {
  if (!config.oidc) throw new AppError('AUTH_OIDC_DISABLED')
  const cfg = await configuration(config.oidc)
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  await db
    .insertInto('oidc_states')
    .values({ state, nonce, code_verifier: codeVerifier, return_to: returnTo.startsWith('/') ? returnTo : '/' })
    .execute()
  return oidc
    .buildAuthorizationUrl(cfg, {
      redirect_uri: config.publicUrl + CALLBACK_PATH,
      scope: 'openid profile email phone',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    .toString()
}

/** Completes the code flow, then signs in the citizen linked to the subject (or to the verified citizen ID). */
export async function finishOidc(
  db: Kysely<DB>,
  config: Config,
  meta: RequestMeta,
  callbackUrl: URL,
): Promise<{ token: string; returnTo: string }> {
  if (!config.oidc) throw new AppError('AUTH_OIDC_DISABLED')
  const settings = config.oidc
  const state = callbackUrl.searchParams.get('state') ?? ''
  const saved = await db.deleteFrom('oidc_states').where('state', '=', state).returningAll().executeTakeFirst()
  if (!saved) throw new AppError('AUTH_OIDC_FAILED', 'state không hợp lệ hoặc đã hết hạn')
  let claims: oidc.IDToken
  try {
    const cfg = await configuration(settings)
    const tokens = await oidc.authorizationCodeGrant(cfg, callbackUrl, {
      pkceCodeVerifier: saved.code_verifier,
      expectedState: saved.state,
      expectedNonce: saved.nonce,
    })
    const c = tokens.claims()
    if (!c) throw new Error('no id_token')
    // A conformant provider returns the profile/email/phone claims from the UserInfo endpoint, not
    // in the ID token (when an access token is issued): merge them, the ID token's own claims first.
    const userInfo = cfg.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(cfg, tokens.access_token, c.sub) : {}
    claims = { ...userInfo, ...c }
  } catch (e) {
    throw new AppError('AUTH_OIDC_FAILED', (e as Error).message)
  }
  const subject = claims.sub
  const rawId = claims[settings.citizenIdClaim]
  const citizenId = typeof rawId === 'string' && isValidCitizenId(rawId) ? rawId : null
  const name = typeof claims.name === 'string' ? claims.name : 'Công dân'
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null
  const phone = typeof claims.phone_number === 'string' ? claims.phone_number : null

  const token = await db.transaction().execute(async (tx) => {
    let user = await tx
      .selectFrom('users')
      .select(['id', 'disabled'])
      .where('oidc_issuer', '=', settings.issuer)
      .where('oidc_subject', '=', subject)
      .executeTakeFirst()
    if (!user && citizenId) {
      // the identity provider verified the citizen ID: link the existing account that holds it
      user = await tx
        .selectFrom('users')
        .select(['id', 'disabled'])
        .where('kind', '=', 'citizen')
        .where('citizen_id', '=', citizenId)
        .executeTakeFirst()
      if (user)
        await tx.updateTable('users').set({ oidc_issuer: settings.issuer, oidc_subject: subject }).where('id', '=', user.id).execute()
    }
    if (!user) {
      const clash =
        email || phone
          ? await tx
              .selectFrom('users')
              .select('id')
              .where('kind', '=', 'citizen')
              .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', email ?? ''), eb('phone', '=', phone ?? '')]))
              .executeTakeFirst()
          : undefined
      user = await tx
        .insertInto('users')
        .values({
          kind: 'citizen',
          username: null,
          full_name: name,
          // an address already registered to another account is not copied: it would steal that login
          email: clash ? null : email,
          phone: clash ? null : phone,
          citizen_id: citizenId,
          organization_name: null,
          tax_code: null,
          agency_id: null,
          unit_id: null,
          roles: ['citizen'],
          password_hash: null,
          totp_secret: null,
          locked_until: null,
          oidc_issuer: settings.issuer,
          oidc_subject: subject,
          updated_at: new Date(),
        })
        .returning(['id', 'disabled'])
        .executeTakeFirstOrThrow()
    }
    if (user.disabled) throw new AppError('AUTH_DISABLED')
    await writeAudit(
      tx,
      { ...meta, actor: null },
      { action: 'identity.login.oidc', subjectType: 'user', subjectId: user.id, details: { issuer: settings.issuer } },
    )
    return (await createSession(tx, user.id, 'ok', meta)).token
  })
  return { token, returnTo: saved.return_to }
}
