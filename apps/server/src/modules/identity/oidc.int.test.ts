import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Me } from '@congso/contracts'
import { auditRows, randomCitizenId, randomIp, randomPhone, startTestApp, type TestApp } from '../../../test/harness.ts'

/**
 * The whole authorisation code flow against a real OpenID provider (oidc-provider) on a random
 * localhost port, driven like a browser would: plain fetch, manual redirects, a cookie jar.
 */

const CLIENT_ID = 'congso-test'
const CLIENT_SECRET = 'congso-test-secret-0123456789'
const CALLBACK = '/api/v1/auth/oidc/callback'

interface Person {
  sub: string
  name: string
  email: string
  phone_number: string
  citizen_id: string
}

/** Who the next login at the provider signs in as (the provider's own login page, automated). */
let nextPerson: Person
const people = new Map<string, Person>()

let provider: Provider
let providerServer: Server
let issuer: string
let t: TestApp
let appUrl: string

async function freePort(): Promise<number> {
  const s = createNetServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

/** Finishes the provider's login and consent prompts without a page: login as `nextPerson`, grant what is asked. */
async function interaction(req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res)
  if (details.prompt.name === 'login') {
    people.set(nextPerson.sub, nextPerson)
    await provider.interactionFinished(req, res, { login: { accountId: nextPerson.sub } }, { mergeWithLastSubmission: false })
    return
  }
  const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id })
  if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '))
  if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims)
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true })
}

beforeAll(async () => {
  providerServer = createServer()
  await new Promise<void>((r) => providerServer.listen(0, '127.0.0.1', r))
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`
  const appPort = await freePort()
  appUrl = `http://127.0.0.1:${appPort}`

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [appUrl + CALLBACK],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'citizen_id'], email: ['email'], phone: ['phone_number'] },
    findAccount: (_ctx, sub) => {
      const p = people.get(sub)
      return p ? { accountId: sub, claims: () => ({ ...p }) } : undefined
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-cookie-key'] },
  })
  const handle = provider.callback()
  providerServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((e: unknown) => {
        res.statusCode = 500
        res.end(String(e))
      })
      return
    }
    handle(req, res)
  })

  t = await startTestApp({
    env: {
      PUBLIC_URL: appUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_LABEL: 'VNeID thử nghiệm',
    },
  })
  await t.app.listen({ port: appPort, host: '127.0.0.1' })
})

afterAll(async () => {
  await t?.close()
  await new Promise<void>((r) => (providerServer ? providerServer.close(() => r()) : r()))
})

/** Cookies per origin, as a browser keeps them (paths and expiry are not needed here). */
class CookieJar {
  readonly #byOrigin = new Map<string, Map<string, string>>()
  header(url: URL): string {
    return [...(this.#byOrigin.get(url.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ')
  }
  store(url: URL, res: Response) {
    let jar = this.#byOrigin.get(url.origin)
    if (!jar) this.#byOrigin.set(url.origin, (jar = new Map<string, string>()))
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()),
      )
      if (!value || expired) jar.delete(name)
      else jar.set(name, value)
    }
  }
  get(origin: string, name: string): string | undefined {
    return this.#byOrigin.get(origin)?.get(name)
  }
}

async function get(jar: CookieJar, url: URL): Promise<Response> {
  const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url), 'x-forwarded-for': randomIp() } })
  jar.store(url, res)
  return res
}

/** Follows redirects from `start` until the provider sends the browser back to Congso's callback. */
async function untilCallback(jar: CookieJar, start: URL): Promise<URL> {
  let url = start
  for (let hop = 0; hop < 20; hop++) {
    const res = await get(jar, url)
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`expected a redirect from ${url.href}, got ${res.status}: ${await res.text()}`)
    }
    await res.body?.cancel()
    url = new URL(location, url)
    if (url.origin === appUrl && url.pathname === CALLBACK) return url
  }
  throw new Error('too many redirects')
}

async function signInWithProvider(jar: CookieJar, person: Person): Promise<{ me: Me; location: string | null }> {
  nextPerson = person
  const callback = await untilCallback(jar, new URL(`${appUrl}/api/v1/auth/oidc/start?returnTo=/ho-so`))
  expect(callback.searchParams.get('code')).toBeTruthy()
  const res = await get(jar, callback)
  expect(res.status, await res.clone().text()).toBe(302)
  const sid = jar.get(appUrl, 'congso_sid')
  expect(sid).toBeTruthy()
  const me = await fetch(`${appUrl}/api/v1/auth/me`, { headers: { cookie: `congso_sid=${sid}` } })
  expect(me.status).toBe(200)
  return { me: (await me.json()) as Me, location: res.headers.get('location') }
}

const person = (over: Partial<Person> = {}): Person => {
  const sub = `vneid-${Math.random().toString(36).slice(2, 10)}`
  return { sub, name: 'Trần Thị Bình', email: `${sub}@example.vn`, phone_number: randomPhone(), citizen_id: randomCitizenId(), ...over }
}

describe('OIDC sign-in (authorisation code + PKCE)', () => {
  it('advertises the provider', async () => {
    const res = await fetch(`${appUrl}/api/v1/auth/oidc`)
    expect(await res.json()).toEqual({ enabled: true, label: 'VNeID thử nghiệm' })
  })

  it('creates the citizen from the claims, signs them in, and links the next login to the same account', async () => {
    const p = person()
    const first = await signInWithProvider(new CookieJar(), p)
    expect(first.location).toBe('/ho-so')
    expect(first.me).toMatchObject({ kind: 'citizen', fullName: 'Trần Thị Bình', email: p.email, roles: ['citizen'], stage: 'ok' })
    const row = await t.ctx.database.db.selectFrom('users').selectAll().where('id', '=', first.me.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      citizen_id: p.citizen_id,
      phone: p.phone_number,
      oidc_issuer: issuer,
      oidc_subject: p.sub,
      password_hash: null,
    })
    expect(await auditRows(t.ctx, 'identity.login.oidc', first.me.id)).toHaveLength(1)

    // a fresh browser, a new login at the provider: the same Congso account
    const second = await signInWithProvider(new CookieJar(), p)
    expect(second.me.id).toBe(first.me.id)
    // the same browser again: the provider's session is reused, still the same account
    const jar = new CookieJar()
    await signInWithProvider(jar, p)
    expect((await signInWithProvider(jar, p)).me.id).toBe(first.me.id)
    expect(await auditRows(t.ctx, 'identity.login.oidc', first.me.id)).toHaveLength(4)
  })

  it('links a citizen who registered with a password to the verified citizen ID', async () => {
    const p = person({ name: 'Lê Văn Cường' })
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/citizen/register',
      payload: {
        fullName: 'Lê Văn Cường',
        citizenId: p.citizen_id,
        phone: randomPhone(),
        email: `other.${p.email}`,
        password: 'MatKhau12345',
      },
      remoteAddress: randomIp(),
    })
    expect(reg.statusCode, reg.body).toBe(201)
    const { me } = await signInWithProvider(new CookieJar(), p)
    expect(me.id).toBe(reg.json<Me>().id)
  })

  it('refuses a tampered state', async () => {
    const jar = new CookieJar()
    nextPerson = person()
    const callback = await untilCallback(jar, new URL(`${appUrl}/api/v1/auth/oidc/start`))
    const tampered = new URL(callback)
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`)
    const res = await get(jar, tampered)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string } }
    expect(body.error.code).toBe('AUTH_OIDC_FAILED')
    expect(jar.get(appUrl, 'congso_sid')).toBeUndefined()
  })

  it('refuses a replayed callback', async () => {
    const jar = new CookieJar()
    nextPerson = person()
    const callback = await untilCallback(jar, new URL(`${appUrl}/api/v1/auth/oidc/start`))
    expect((await get(jar, callback)).status).toBe(302)
    const again = await get(new CookieJar(), callback)
    expect(again.status).toBe(400)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('AUTH_OIDC_FAILED')
  })
})
