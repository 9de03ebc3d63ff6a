import type { Kysely, Selectable } from 'kysely'
import type { Me, Role } from '@congso/contracts'
import { ADMIN_ROLES } from '../../auth/policy.ts'
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../auth/passwords.ts'
import { hitRateLimit } from '../../auth/rate-limit.ts'
import { createSession, destroySession, setSessionStage, type LoadedSession } from '../../auth/sessions.ts'
import type { DB, SessionStage, UsersTable } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { RequestMeta } from '../../http/request-context.ts'
import { enqueueMail } from '../../jobs/mail.ts'
import type { Queue } from '../../jobs/queue.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import { findCitizenByLogin, findOfficerByUsername, findUser } from './identity.repo.ts'
import { newTotpSecret, totpEnrolment, verifyTotp } from './totp.ts'

type UserRow = Selectable<UsersTable>

/** Failures before the account locks, and the first lock; each further failure doubles it (max 24 h). */
export const MAX_FAILED_LOGINS = 5
const FIRST_LOCK_MS = 15 * 60 * 1000
const MAX_LOCK_MS = 24 * 60 * 60 * 1000

export function stageAfter(user: Pick<UserRow, 'totp_enabled' | 'must_change_password' | 'roles'>, totpPassed: boolean): SessionStage {
  if (user.totp_enabled && !totpPassed) return 'totp_required'
  if (user.must_change_password) return 'password_change'
  if (!user.totp_enabled && user.roles.some((r) => ADMIN_ROLES.includes(r as Role))) return 'totp_setup'
  return 'ok'
}

export interface SignedIn {
  token: string
  userId: string
}

async function passwordSignIn(
  db: Kysely<DB>,
  meta: RequestMeta,
  user: UserRow | undefined,
  password: string,
  login: string,
): Promise<SignedIn> {
  // Per-address limit in the database: shared by every web process.
  await hitRateLimit(db, `login:${meta.ip}`, 30, 60_000)
  if (!user) {
    await verifyPassword(DUMMY_HASH, password)
    await writeAudit(db, meta, { action: 'identity.login.failed', subjectType: 'login', subjectId: login, details: { reason: 'unknown' } })
    throw new AppError('AUTH_INVALID_CREDENTIALS')
  }
  if (user.disabled) throw new AppError('AUTH_DISABLED')
  if (user.locked_until && user.locked_until > new Date()) throw new AppError('AUTH_LOCKED')
  if (!(await verifyPassword(user.password_hash, password))) {
    const failed = user.failed_logins + 1
    const lockMs = failed >= MAX_FAILED_LOGINS ? Math.min(FIRST_LOCK_MS * 2 ** (failed - MAX_FAILED_LOGINS), MAX_LOCK_MS) : 0
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ failed_logins: failed, locked_until: lockMs ? new Date(Date.now() + lockMs) : user.locked_until })
        .where('id', '=', user.id)
        .execute()
      await writeAudit(tx, meta, {
        action: 'identity.login.failed',
        subjectType: 'user',
        subjectId: user.id,
        details: { failed, lockedForMs: lockMs },
      })
    })
    throw new AppError(lockMs ? 'AUTH_LOCKED' : 'AUTH_INVALID_CREDENTIALS')
  }
  const stage = stageAfter(user, false)
  const session = await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute()
    await writeAudit(
      tx,
      { ...meta, actor: null },
      { action: 'identity.login', subjectType: 'user', subjectId: user.id, details: { stage } },
    )
    return createSession(tx, user.id, stage, meta)
  })
  return { token: session.token, userId: user.id }
}

export async function officerLogin(db: Kysely<DB>, meta: RequestMeta, username: string, password: string): Promise<SignedIn> {
  return passwordSignIn(db, meta, await findOfficerByUsername(db, username.toLowerCase()), password, username)
}

export async function citizenLogin(db: Kysely<DB>, meta: RequestMeta, login: string, password: string): Promise<SignedIn> {
  return passwordSignIn(db, meta, await findCitizenByLogin(db, login), password, login)
}

async function loadUser(db: Kysely<DB>, userId: string) {
  const user = await findUser(db, userId)
  if (!user) throw new AppError('UNAUTHENTICATED')
  return user
}

export async function verifyTotpStep(db: Kysely<DB>, meta: RequestMeta, session: LoadedSession, code: string): Promise<void> {
  if (session.stage !== 'totp_required') throw new AppError('AUTH_STAGE')
  await hitRateLimit(db, `totp:${session.actor.userId}`, 10, 5 * 60_000)
  const user = await loadUser(db, session.actor.userId)
  const step = user.totp_secret ? verifyTotp(user.totp_secret, code, user.totp_last_step) : null
  if (step === null) {
    await writeAudit(db, meta, { action: 'identity.totp.failed', subjectType: 'user', subjectId: user.id })
    throw new AppError('AUTH_TOTP_INVALID')
  }
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ totp_last_step: step }).where('id', '=', user.id).execute()
    await setSessionStage(tx, session.id, stageAfter(user, true))
    await writeAudit(tx, meta, { action: 'identity.totp.verified', subjectType: 'user', subjectId: user.id })
  })
}

/** Starts (or restarts) TOTP enrolment: a new secret, not active until confirmed with a code. */
export async function beginTotpSetup(db: Kysely<DB>, session: LoadedSession) {
  if (session.stage !== 'totp_setup' && session.stage !== 'ok') throw new AppError('AUTH_STAGE')
  const user = await loadUser(db, session.actor.userId)
  if (user.totp_enabled) throw new AppError('AUTH_STAGE', 'TOTP đã được bật')
  const secret = newTotpSecret()
  await db.updateTable('users').set({ totp_secret: secret }).where('id', '=', user.id).execute()
  return totpEnrolment(secret, user.username ?? user.email ?? user.id)
}

export async function enableTotp(db: Kysely<DB>, meta: RequestMeta, session: LoadedSession, code: string): Promise<void> {
  if (session.stage !== 'totp_setup' && session.stage !== 'ok') throw new AppError('AUTH_STAGE')
  const user = await loadUser(db, session.actor.userId)
  const step = user.totp_secret && !user.totp_enabled ? verifyTotp(user.totp_secret, code, null) : null
  if (step === null) throw new AppError('AUTH_TOTP_INVALID')
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ totp_enabled: true, totp_last_step: step, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute()
    await setSessionStage(tx, session.id, stageAfter({ ...user, totp_enabled: true }, true))
    await writeAudit(tx, meta, { action: 'identity.totp.enabled', subjectType: 'user', subjectId: user.id })
  })
}

export async function changePassword(
  db: Kysely<DB>,
  meta: RequestMeta,
  session: LoadedSession,
  current: string,
  next: string,
): Promise<void> {
  if (session.stage !== 'password_change' && session.stage !== 'ok') throw new AppError('AUTH_STAGE')
  const user = await loadUser(db, session.actor.userId)
  if (!(await verifyPassword(user.password_hash, current))) throw new AppError('AUTH_WRONG_PASSWORD')
  const hash = await hashPassword(next)
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute()
    // other sessions of this account end with the old password
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '<>', session.id).execute()
    await setSessionStage(tx, session.id, stageAfter({ ...user, must_change_password: false }, true))
    await writeAudit(tx, meta, { action: 'identity.password.changed', subjectType: 'user', subjectId: user.id })
  })
}

export async function logout(db: Kysely<DB>, meta: RequestMeta, session: LoadedSession): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await destroySession(tx, session.id)
    await writeAudit(tx, meta, { action: 'identity.logout', subjectType: 'user', subjectId: session.actor.userId })
  })
}

export interface Registration {
  fullName: string
  citizenId: string
  phone: string
  email: string
  password: string
  applicantType: 'citizen' | 'business'
  organizationName?: string | undefined
  taxCode?: string | undefined
}

export async function registerCitizen(db: Kysely<DB>, queue: Queue, meta: RequestMeta, input: Registration): Promise<SignedIn> {
  await hitRateLimit(db, `register:${meta.ip}`, 10, 60 * 60_000)
  const hash = await hashPassword(input.password)
  const result = await db.transaction().execute(async (tx) => {
    const clash = await tx
      .selectFrom('users')
      .select('id')
      .where('kind', '=', 'citizen')
      .where((eb) =>
        eb.or([
          eb('citizen_id', '=', input.citizenId),
          eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()),
          eb('phone', '=', input.phone),
        ]),
      )
      .executeTakeFirst()
    if (clash) throw new AppError('CITIZEN_EXISTS')
    const user = await tx
      .insertInto('users')
      .values({
        kind: 'citizen',
        username: null,
        full_name: input.fullName,
        email: input.email.toLowerCase(),
        phone: input.phone,
        citizen_id: input.citizenId,
        applicant_type: input.applicantType,
        organization_name: input.organizationName ?? null,
        tax_code: input.taxCode ?? null,
        agency_id: null,
        unit_id: null,
        roles: ['citizen'],
        password_hash: hash,
        totp_secret: null,
        locked_until: null,
        oidc_issuer: null,
        oidc_subject: null,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(tx, { ...meta, actor: null }, { action: 'identity.citizen.register', subjectType: 'user', subjectId: user.id })
    const session = await createSession(tx, user.id, 'ok', meta)
    return { token: session.token, userId: user.id }
  })
  await enqueueMail(queue, {
    to: input.email,
    subject: 'Chào mừng bạn đến với Cổng dịch vụ công',
    text: `Xin chào ${input.fullName}, tài khoản của bạn đã được tạo.`,
  })
  return result
}

export async function describeMe(db: Kysely<DB>, session: LoadedSession): Promise<Me> {
  const user = await loadUser(db, session.actor.userId)
  return {
    id: user.id,
    kind: user.kind,
    username: user.username,
    fullName: user.full_name,
    email: user.email,
    roles: user.roles as Role[],
    agencyId: user.agency_id,
    agencyName: user.agency_name,
    stage: session.stage,
    csrfToken: session.csrfToken,
    totpEnabled: user.totp_enabled,
    phone: user.kind === 'citizen' ? user.phone : null,
    citizenIdLast4: user.kind === 'citizen' && user.citizen_id ? user.citizen_id.slice(-4) : null,
  }
}
