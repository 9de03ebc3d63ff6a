import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Me } from '@congso/contracts'
import {
  auditRows,
  client,
  createAgency,
  createOfficer,
  currentTotp,
  errorOf,
  randomCitizenId,
  randomIp,
  randomPhone,
  sessionCookie,
  signIn,
  signInCitizen,
  startTestApp,
  type Session,
  type TestAgency,
  type TestApp,
} from '../../../test/harness.ts'
import { MAX_FAILED_LOGINS } from './identity.service.ts'

let t: TestApp
let agency: TestAgency
let sysAdmin: Session

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/officer/login', payload: { username, password }, remoteAddress: randomIp() })

const userRow = (id: string) => t.ctx.database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

beforeAll(async () => {
  t = await startTestApp()
  agency = await createAgency(t.ctx, { kind: 'province' })
  const sys = await createOfficer(t.ctx, { roles: ['system_admin'], agencyId: agency.id, totp: true })
  sysAdmin = await signIn(t.app, sys.username, sys.password, sys.totpSecret)
})
afterAll(async () => {
  await t?.close()
})

describe('officer sign-in', () => {
  it('signs in, sets an HttpOnly SameSite=Lax session cookie and records the login', async () => {
    const o = await createOfficer(t.ctx, { roles: ['processing_officer'], agencyId: agency.id })
    const res = await login(o.username, o.password)
    expect(res.statusCode, res.body).toBe(200)
    const me = res.json<Me>()
    expect(me).toMatchObject({ id: o.id, kind: 'officer', stage: 'ok', roles: ['processing_officer'], agencyId: agency.id })
    const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('congso_sid='))
    expect(setCookie).toBeDefined()
    expect(setCookie).toMatch(/;\s*HttpOnly/i)
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i)
    expect(setCookie).toMatch(/;\s*Path=\//i)
    expect(setCookie).not.toMatch(/;\s*Secure/i) // http://localhost: Secure only behind https
    const cookie = sessionCookie(res)!
    const who = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })
    expect(who.json<Me>()).toMatchObject({ id: o.id, stage: 'ok' })
    expect(await auditRows(t.ctx, 'identity.login', o.id)).toHaveLength(1)
    // the token itself is never stored
    const stored = await t.ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', o.id).execute()
    expect(stored).toHaveLength(1)
    expect(cookie).not.toContain(stored[0]!.id)
  })

  it('answers 401 without a session', async () => {
    const res = await client(t.app).get('/auth/me')
    expect(res.statusCode).toBe(401)
    expect(errorOf(res).code).toBe('UNAUTHENTICATED')
  })

  it('counts a wrong password and records it', async () => {
    const o = await createOfficer(t.ctx, { roles: ['clerk'], agencyId: agency.id })
    const res = await login(o.username, 'WrongPassword1')
    expect(res.statusCode).toBe(401)
    expect(errorOf(res).code).toBe('AUTH_INVALID_CREDENTIALS')
    expect((await userRow(o.id)).failed_logins).toBe(1)
    expect(await auditRows(t.ctx, 'identity.login.failed', o.id)).toHaveLength(1)
    // a success resets the counter
    expect((await login(o.username, o.password)).statusCode).toBe(200)
    expect((await userRow(o.id)).failed_logins).toBe(0)
  })

  it('gives the same answer for an unknown user, and records the attempt', async () => {
    const res = await login('nobody.here', 'WrongPassword1')
    expect(res.statusCode).toBe(401)
    expect(errorOf(res).code).toBe('AUTH_INVALID_CREDENTIALS')
    const [row] = await auditRows(t.ctx, 'identity.login.failed', 'nobody.here')
    expect(row?.details).toMatchObject({ reason: 'unknown' })
  })

  it(`locks the account after ${MAX_FAILED_LOGINS} failures, even for the right password, until an admin unlocks it`, async () => {
    const o = await createOfficer(t.ctx, { roles: ['receiving_officer'], agencyId: agency.id })
    const codes: number[] = []
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) codes.push((await login(o.username, `WrongPassword${i}`)).statusCode)
    expect(codes).toEqual([...Array<number>(MAX_FAILED_LOGINS - 1).fill(401), 423])
    const right = await login(o.username, o.password)
    expect(right.statusCode).toBe(423)
    expect(errorOf(right).code).toBe('AUTH_LOCKED')
    expect((await userRow(o.id)).locked_until!.getTime()).toBeGreaterThan(Date.now())

    const staff = await client(t.app, sysAdmin).get(`/admin/agencies/${agency.id}/staff`)
    expect(staff.json<{ id: string; lockedUntil: string | null }[]>().find((s) => s.id === o.id)?.lockedUntil).not.toBeNull()

    const unlock = await client(t.app, sysAdmin).post(`/admin/staff/${o.id}/unlock`)
    expect(unlock.statusCode, unlock.body).toBe(200)
    expect(await auditRows(t.ctx, 'org.staff.unlock', o.id)).toHaveLength(1)
    expect((await login(o.username, o.password)).statusCode).toBe(200)
  })

  it('refuses a disabled account', async () => {
    const o = await createOfficer(t.ctx, { roles: ['clerk'], agencyId: agency.id })
    const s = await signIn(t.app, o.username, o.password)
    const res = await client(t.app, sysAdmin).patch(`/admin/staff/${o.id}`, { disabled: true })
    expect(res.statusCode, res.body).toBe(200)
    // disabling ends the sessions at once
    expect((await client(t.app, s).get('/auth/me')).statusCode).toBe(401)
    const again = await login(o.username, o.password)
    expect(again.statusCode).toBe(403)
    expect(errorOf(again).code).toBe('AUTH_DISABLED')
    expect(await auditRows(t.ctx, 'org.staff.update', o.id)).toHaveLength(1)
  })
})

describe('second factor', () => {
  it('makes an admin without TOTP enrol before anything else, then refuses a replayed code', async () => {
    const o = await createOfficer(t.ctx, { roles: ['agency_admin'], agencyId: agency.id })
    const s = await signIn(t.app, o.username, o.password)
    expect(s.me.stage).toBe('totp_setup')
    const api = client(t.app, s)
    const blocked = await api.get(`/admin/agencies/${agency.id}/staff`)
    expect(blocked.statusCode).toBe(403)
    expect(errorOf(blocked).code).toBe('AUTH_STAGE')

    const setup = await api.post('/auth/totp/setup')
    expect(setup.statusCode, setup.body).toBe(200)
    const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>()
    expect(otpauthUrl).toContain(`secret=${secret}`)
    expect((await api.post('/auth/totp/enable', { code: '000000' })).statusCode).toBe(401)
    const code = currentTotp(secret)
    const enabled = await api.post('/auth/totp/enable', { code })
    expect(enabled.statusCode, enabled.body).toBe(200)
    expect(enabled.json<Me>()).toMatchObject({ stage: 'ok', totpEnabled: true })
    expect((await api.get(`/admin/agencies/${agency.id}/staff`)).statusCode).toBe(200)
    expect(await auditRows(t.ctx, 'identity.totp.enabled', o.id)).toHaveLength(1)

    // next sign-in asks for the code; the code already used is refused (replay), a fresh one passes
    const res = await login(o.username, o.password)
    const second: Session = { cookie: sessionCookie(res)!, csrf: res.json<Me>().csrfToken, me: res.json<Me>() }
    expect(second.me.stage).toBe('totp_required')
    const api2 = client(t.app, second)
    expect((await api2.get(`/admin/agencies/${agency.id}/staff`)).statusCode).toBe(403)
    const replay = await api2.post('/auth/totp/verify', { code })
    expect(replay.statusCode).toBe(401)
    expect(errorOf(replay).code).toBe('AUTH_TOTP_INVALID')
    expect(await auditRows(t.ctx, 'identity.totp.failed', o.id)).toHaveLength(1)
    const malformed = await api2.post('/auth/totp/verify', { code: '12ab' })
    expect(malformed.statusCode).toBe(400)
    expect(errorOf(malformed).fields?.[0]?.path).toBe('body.code')
    const full = await signIn(t.app, o.username, o.password, secret)
    expect(full.me.stage).toBe('ok')
  })
})

describe('CSRF and origin checks', () => {
  let s: Session
  beforeAll(async () => {
    const o = await createOfficer(t.ctx, { roles: ['clerk'], agencyId: agency.id })
    s = await signIn(t.app, o.username, o.password)
  })

  it('refuses a state-changing request with the cookie but without the CSRF header', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie }, payload: {} })
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).code).toBe('CSRF_FAILED')
  })

  it('refuses a wrong CSRF token', async () => {
    const res = await client(t.app, { ...s, csrf: 'not-the-token' }).post('/auth/logout')
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).code).toBe('CSRF_FAILED')
  })

  it('refuses a cross-origin request even with the right token', async () => {
    const res = await client(t.app, s).post('/auth/logout', {}, { headers: { origin: 'https://evil.example' } })
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).code).toBe('CSRF_FAILED')
    const anonymous = await client(t.app).post(
      '/auth/officer/login',
      { username: 'x', password: 'y' },
      { headers: { origin: 'https://evil.example' } },
    )
    expect(anonymous.statusCode).toBe(403)
  })

  it('lets reads through without a token and accepts the same origin', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200)
    const res = await client(t.app, s).post('/auth/logout', {}, { headers: { origin: 'http://localhost' } })
    expect(res.statusCode, res.body).toBe(200)
    expect(await auditRows(t.ctx, 'identity.logout', s.me.id)).toHaveLength(1)
    expect((await client(t.app, s).get('/auth/me')).statusCode).toBe(401)
  })
})

describe('password reset by an admin', () => {
  it('ends the sessions and makes the officer change the password at next sign-in', async () => {
    const o = await createOfficer(t.ctx, { roles: ['processing_officer', 'unit_head'], agencyId: agency.id })
    const before = await signIn(t.app, o.username, o.password)
    const reset = await client(t.app, sysAdmin).post(`/admin/staff/${o.id}/reset-password`, { newPassword: 'TamThoi12345' })
    expect(reset.statusCode, reset.body).toBe(200)
    expect(await auditRows(t.ctx, 'org.staff.reset-password', o.id)).toHaveLength(1)
    expect((await client(t.app, before).get('/auth/me')).statusCode).toBe(401)
    expect((await login(o.username, o.password)).statusCode).toBe(401)

    const s = await signIn(t.app, o.username, 'TamThoi12345')
    expect(s.me.stage).toBe('password_change')
    const api = client(t.app, s)
    expect((await api.get(`/admin/agencies/${agency.id}/staff`)).statusCode).toBe(403)
    const weak = await api.post('/auth/password', { currentPassword: 'TamThoi12345', newPassword: 'short' })
    expect(weak.statusCode).toBe(400)
    expect(errorOf(weak).fields?.[0]?.path).toBe('body.newPassword')
    const wrong = await api.post('/auth/password', { currentPassword: 'NotIt1234567', newPassword: 'MatKhauMoi2025' })
    expect(errorOf(wrong).code).toBe('AUTH_WRONG_PASSWORD')
    const changed = await api.post('/auth/password', { currentPassword: 'TamThoi12345', newPassword: 'MatKhauMoi2025' })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json<Me>().stage).toBe('ok')
    expect((await api.get(`/admin/agencies/${agency.id}/staff`)).statusCode).toBe(200)
    expect(await auditRows(t.ctx, 'identity.password.changed', o.id)).toHaveLength(1)
    expect((await userRow(o.id)).must_change_password).toBe(false)
  })
})

describe('citizen registration', () => {
  const registration = (over: Record<string, unknown> = {}) => ({
    fullName: 'Nguyễn Văn An',
    citizenId: randomCitizenId(),
    phone: randomPhone(),
    email: `an.${Math.random().toString(36).slice(2, 10)}@example.vn`,
    password: 'MatKhau12345',
    ...over,
  })
  const register = (body: unknown, ip = randomIp()) => client(t.app).post('/auth/citizen/register', body, { remoteAddress: ip })

  it.each([['123'], ['0010901234567'], ['097090123456'], ['00109012345a']])(
    'refuses the citizen ID %s naming body.citizenId',
    async (citizenId) => {
      const res = await register(registration({ citizenId }))
      expect(res.statusCode).toBe(400)
      const err = errorOf(res)
      expect(err.code).toBe('VALIDATION_FAILED')
      expect(err.fields?.map((f) => f.path)).toEqual(['body.citizenId'])
      expect(err.message).toContain('CCCD')
    },
  )

  it('registers, signs the citizen in, and refuses a second account with the same ID, e-mail or phone', async () => {
    const body = registration()
    const res = await register(body)
    expect(res.statusCode, res.body).toBe(201)
    const me = res.json<Me>()
    expect(me).toMatchObject({ kind: 'citizen', roles: ['citizen'], stage: 'ok', fullName: 'Nguyễn Văn An', email: body.email })
    expect(sessionCookie(res)).not.toBeNull()
    expect(await auditRows(t.ctx, 'identity.citizen.register', me.id)).toHaveLength(1)

    for (const clash of [{ citizenId: body.citizenId }, { email: body.email.toUpperCase() }, { phone: body.phone }]) {
      const dup = await register(registration(clash))
      expect(dup.statusCode, JSON.stringify(clash)).toBe(409)
      expect(errorOf(dup).code).toBe('CITIZEN_EXISTS')
    }
    for (const id of [body.citizenId, body.email, body.phone]) {
      expect((await signInCitizen(t.app, id, body.password)).me.id).toBe(me.id)
    }
    // a citizen never sees staff
    const citizen = await signInCitizen(t.app, body.citizenId, body.password)
    expect((await client(t.app, citizen).get(`/admin/agencies/${agency.id}/staff`)).statusCode).toBe(403)
  })

  it('normalises +84 phone numbers', async () => {
    const local = randomPhone()
    const res = await register(registration({ phone: `+84${local.slice(1)}` }))
    expect(res.statusCode, res.body).toBe(201)
    expect((await userRow(res.json<Me>().id)).phone).toBe(local)
  })

  it('limits registrations per address', async () => {
    const ip = randomIp()
    const codes: number[] = []
    for (let i = 0; i < 11; i++) codes.push((await register(registration({ citizenId: '001' }), ip)).statusCode)
    // invalid bodies are refused before the limiter; valid ones count
    expect(codes.every((c) => c === 400)).toBe(true)
    const valid: number[] = []
    for (let i = 0; i < 11; i++) valid.push((await register(registration(), ip)).statusCode)
    expect(valid.slice(0, 10).every((c) => c === 201)).toBe(true)
    expect(valid[10]).toBe(429)
  })

  it('refuses an unknown field', async () => {
    const res = await register(registration({ isAdmin: true }))
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('VALIDATION_FAILED')
  })

  it('refuses an oversize body with 413', async () => {
    const res = await register(registration({ fullName: 'x'.repeat(t.config.bodyLimitBytes + 1) }))
    expect(res.statusCode).toBe(413)
    expect(errorOf(res).code).toBe('BODY_TOO_LARGE')
  })
})

describe('sessions live in the database', () => {
  it('are accepted by a second web process on the same database, and ended there for both', async () => {
    const o = await createOfficer(t.ctx, { roles: ['clerk'], agencyId: agency.id })
    const s = await signIn(t.app, o.username, o.password)
    const other = await startTestApp({ shareDatabaseWith: t })
    try {
      const me = await client(other.app, s).get('/auth/me')
      expect(me.statusCode, me.body).toBe(200)
      expect(me.json<Me>()).toMatchObject({ id: o.id, stage: 'ok' })
      const out = await client(other.app, s).post('/auth/logout')
      expect(out.statusCode, out.body).toBe(200)
      expect((await client(t.app, s).get('/auth/me')).statusCode).toBe(401)
    } finally {
      await other.close()
    }
  })
})
