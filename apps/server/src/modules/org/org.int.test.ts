import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Agency, Role, Staff } from '@congso/contracts'
import {
  auditRows,
  client,
  createAgency,
  createOfficer,
  errorOf,
  signIn,
  startTestApp,
  type Session,
  type TestAgency,
  type TestApp,
} from '../../../test/harness.ts'

let t: TestApp
let home: TestAgency
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  home = await createAgency(t.ctx, { kind: 'province', name: 'Văn phòng quản trị hệ thống' })
  const sys = await createOfficer(t.ctx, { roles: ['system_admin'], agencyId: home.id, totp: true })
  admin = await signIn(t.app, sys.username, sys.password, sys.totpSecret)
  expect(admin.me.stage).toBe('ok')
})
afterAll(async () => {
  await t?.close()
})

const agencyBody = (over: Record<string, unknown>) => ({ name: 'Cơ quan thử nghiệm', parentId: null, ...over })

describe('agency tree', () => {
  let province: Agency

  it('creates a province, its departments, communes and units', async () => {
    const api = client(t.app, admin)
    const p = await api.post('/admin/agencies', agencyBody({ kind: 'province', code: '000.00.00.H99', name: 'Tỉnh Thử Nghiệm' }))
    expect(p.statusCode, p.body).toBe(201)
    province = p.json<Agency>()
    expect(province).toMatchObject({ kind: 'province', code: '000.00.00.H99', parentId: null, active: true })

    const dept = await api.post(
      '/admin/agencies',
      agencyBody({ kind: 'department', code: '000.00.01.H99', name: 'Sở Tư pháp', parentId: province.id }),
    )
    expect(dept.statusCode, dept.body).toBe(201)
    const commune = await api.post(
      '/admin/agencies',
      agencyBody({ kind: 'commune', code: '000.00.31.H99', name: 'Xã Thử Nghiệm', parentId: province.id }),
    )
    expect(commune.statusCode, commune.body).toBe(201)
    const unit = await api.post(
      '/admin/agencies',
      agencyBody({ kind: 'unit', code: null, name: 'Phòng Hành chính tư pháp', parentId: dept.json<Agency>().id }),
    )
    expect(unit.statusCode, unit.body).toBe(201)
    expect(unit.json<Agency>()).toMatchObject({ kind: 'unit', code: null, parentId: dept.json<Agency>().id })

    const pub = await client(t.app).get('/agencies')
    expect(pub.statusCode).toBe(200)
    const names = pub.json<Agency[]>().map((a) => a.name)
    expect(names).toEqual(expect.arrayContaining(['Tỉnh Thử Nghiệm', 'Sở Tư pháp', 'Xã Thử Nghiệm', 'Phòng Hành chính tư pháp']))

    const rows = await auditRows(t.ctx, 'org.agency.create')
    expect(rows.map((r) => r.subject_id)).toEqual(expect.arrayContaining([province.id, dept.json<Agency>().id, unit.json<Agency>().id]))
    expect(rows.every((r) => r.actor_id === admin.me.id)).toBe(true)
  })

  it.each([['12.34'], ['000.05.00.H99'], ['000.00.00.H00'], ['abc.de.fg.H12']])(
    'refuses the malformed agency code %s with a Vietnamese message',
    async (code) => {
      const res = await client(t.app, admin).post('/admin/agencies', agencyBody({ kind: 'department', code, parentId: province.id }))
      expect(res.statusCode).toBe(400)
      const err = errorOf(res)
      expect(err.code).toBe('VALIDATION_FAILED')
      expect(err.fields?.map((f) => f.path)).toContain('body.code')
      expect(err.message).toContain('body.code')
      expect(err.message).toContain('Mã định danh không đúng định dạng')
    },
  )

  it('requires a code for departments and communes but not for units', async () => {
    const res = await client(t.app, admin).post('/admin/agencies', agencyBody({ kind: 'department', code: null, parentId: province.id }))
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('ORG_CODE_REQUIRED')
  })

  it('refuses a kind under a parent it cannot sit under', async () => {
    const depts = (await client(t.app, admin).get('/admin/agencies')).json<Agency[]>().filter((a) => a.kind === 'department')
    const res = await client(t.app, admin).post(
      '/admin/agencies',
      agencyBody({ kind: 'commune', code: '000.00.32.H99', parentId: depts[0]!.id }),
    )
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('ORG_INVALID_PARENT')
  })

  it('refuses a duplicate code with 409', async () => {
    const res = await client(t.app, admin).post(
      '/admin/agencies',
      agencyBody({ kind: 'department', code: '000.00.01.H99', parentId: province.id }),
    )
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).code).toBe('ORG_CODE_TAKEN')
  })

  it('refuses a district under 2-level government and allows it after switching to 3 levels', async () => {
    const api = client(t.app, admin)
    expect((await api.get('/org/settings')).json()).toMatchObject({ governmentLevels: 2 })
    const district = agencyBody({ kind: 'district', code: '000.00.21.H99', name: 'Huyện Thử Nghiệm', parentId: province.id })
    const refused = await api.post('/admin/agencies', district)
    expect(refused.statusCode).toBe(400)
    expect(errorOf(refused).code).toBe('ORG_DISTRICT_DISABLED')

    const switched = await api.put('/admin/org/settings', { governmentLevels: 3 })
    expect(switched.statusCode, switched.body).toBe(200)
    expect(switched.json()).toMatchObject({ governmentLevels: 3 })
    expect(await auditRows(t.ctx, 'org.settings.update')).toHaveLength(1)

    const allowed = await api.post('/admin/agencies', district)
    expect(allowed.statusCode, allowed.body).toBe(201)
    const commune = await api.post(
      '/admin/agencies',
      agencyBody({ kind: 'commune', code: '000.01.21.H99', name: 'Xã thuộc huyện', parentId: allowed.json<Agency>().id }),
    )
    expect(commune.statusCode, commune.body).toBe(201)
  })

  it('lets only a system admin change the government levels', async () => {
    const a = await createOfficer(t.ctx, { roles: ['agency_admin'], agencyId: province.id, totp: true })
    const s = await signIn(t.app, a.username, a.password, a.totpSecret)
    const res = await client(t.app, s).put('/admin/org/settings', { governmentLevels: 2 })
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).code).toBe('FORBIDDEN')
  })

  it('records who changed an agency, before and after', async () => {
    const res = await client(t.app, admin).patch(`/admin/agencies/${province.id}`, { shortName: 'TTN' })
    expect(res.statusCode, res.body).toBe(200)
    const [row] = await auditRows(t.ctx, 'org.agency.update', province.id)
    // a PATCH changes only what it names: the code and other fields stay
    expect(res.json<Agency>()).toMatchObject({ shortName: 'TTN', code: '000.00.00.H99', name: 'Tỉnh Thử Nghiệm' })
    expect(row?.details).toMatchObject({ before: { shortName: null }, after: { shortName: 'TTN', code: '000.00.00.H99' } })
    const withAddress = await client(t.app, admin).patch(`/admin/agencies/${province.id}`, { address: '1 Đường Thử' })
    const renamed = await client(t.app, admin).patch(`/admin/agencies/${province.id}`, { name: 'Tỉnh Thử Nghiệm Mới' })
    expect(withAddress.statusCode).toBe(200)
    expect(renamed.json<Agency>()).toMatchObject({ address: '1 Đường Thử', shortName: 'TTN', name: 'Tỉnh Thử Nghiệm Mới' })
  })

  it('merges a commune into its successor: the old one leaves the public tree, its code stays in history', async () => {
    const api = client(t.app, admin)
    const make = async (code: string, name: string) =>
      (await api.post('/admin/agencies', agencyBody({ kind: 'commune', code, name, parentId: province.id }))).json<Agency>()
    const merged = await make('000.00.41.H99', 'Xã Cũ')
    const successor = await make('000.00.42.H99', 'Xã Mới')

    const self = await api.patch(`/admin/agencies/${merged.id}`, { successorId: merged.id })
    expect(self.statusCode).toBe(400)
    expect(errorOf(self)).toMatchObject({ code: 'ORG_INVALID_SUCCESSOR' })

    const res = await api.patch(`/admin/agencies/${merged.id}`, { successorId: successor.id, validTo: '2025-06-30', active: false })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<Agency>()).toMatchObject({ successorId: successor.id, validTo: '2025-06-30', active: false, code: '000.00.41.H99' })
    const publicTree = (await client(t.app).get('/agencies')).json<Agency[]>()
    expect(publicTree.map((a) => a.id)).toContain(successor.id)
    expect(publicTree.map((a) => a.id)).not.toContain(merged.id)
    // the successor of a live agency must itself be live
    const toInactive = await api.patch(`/admin/agencies/${successor.id}`, { successorId: merged.id })
    expect(errorOf(toInactive)).toMatchObject({ code: 'ORG_INVALID_SUCCESSOR' })
  })

  it('refuses an unknown field', async () => {
    const res = await client(t.app, admin).post(
      '/admin/agencies',
      agencyBody({ kind: 'department', code: '000.00.05.H99', parentId: province.id, colour: 'red' }),
    )
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('VALIDATION_FAILED')
  })
})

describe('authorisation sweep', () => {
  const ROLES: Role[] = ['system_admin', 'agency_admin', 'agency_leader', 'unit_head', 'receiving_officer', 'processing_officer', 'clerk']
  const SCOPED: Role[] = ['agency_admin', 'agency_leader', 'unit_head']
  let a: TestAgency
  let aChild: TestAgency
  let b: TestAgency
  const sessions = new Map<string, Session>()
  const key = (role: Role, homeId: string) => `${role}@${homeId}`

  beforeAll(async () => {
    a = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh A' })
    aChild = await createAgency(t.ctx, { kind: 'department', parentId: a.id, name: 'Sở thuộc tỉnh A' })
    b = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh B' })
    for (const homeAgency of [a, aChild]) {
      for (const role of ROLES) {
        const o = await createOfficer(t.ctx, {
          roles: [role],
          agencyId: homeAgency.id,
          totp: role === 'system_admin' || role === 'agency_admin',
        })
        const s = await signIn(t.app, o.username, o.password, o.totpSecret)
        expect(s.me.stage).toBe('ok')
        sessions.set(key(role, homeAgency.id), s)
      }
    }
    await createOfficer(t.ctx, { roles: ['processing_officer'], agencyId: b.id })
  })

  it('lets each role list the staff of exactly the agencies it may see', async () => {
    const outcomes: string[] = []
    for (const homeAgency of [a, aChild]) {
      for (const role of ROLES) {
        for (const target of [a, aChild, b]) {
          const inSubtree = target.id === homeAgency.id || target.ancestorIds.includes(homeAgency.id)
          const allowed = role === 'system_admin' || (SCOPED.includes(role) && inSubtree)
          const res = await client(t.app, sessions.get(key(role, homeAgency.id))).get(`/admin/agencies/${target.id}/staff`)
          outcomes.push(`${role} of ${homeAgency.name} → ${target.name}: ${res.statusCode}`)
          expect(res.statusCode, outcomes.at(-1)).toBe(allowed ? 200 : 403)
          if (allowed) expect(res.json<Staff[]>().every((s) => s.agencyId === target.id)).toBe(true)
          else expect(errorOf(res).code).toBe('FORBIDDEN')
        }
      }
    }
    expect(outcomes).toHaveLength(2 * ROLES.length * 3)
  })

  it('refuses the staff list without a session', async () => {
    expect((await client(t.app).get(`/admin/agencies/${a.id}/staff`)).statusCode).toBe(401)
  })

  it('scopes the agency list of an agency admin to their own subtree', async () => {
    const res = await client(t.app, sessions.get(key('agency_admin', a.id))).get('/admin/agencies')
    expect(res.statusCode).toBe(200)
    const ids = res.json<Agency[]>().map((x) => x.id)
    expect(ids).toEqual(expect.arrayContaining([a.id, aChild.id]))
    expect(ids).not.toContain(b.id)
    expect((await client(t.app, sessions.get(key('processing_officer', a.id))).get('/admin/agencies')).statusCode).toBe(403)
  })

  it('lets an agency admin create staff in their subtree but never grant system_admin', async () => {
    const api = client(t.app, sessions.get(key('agency_admin', a.id)))
    const staff = (over: Record<string, unknown>) => ({
      username: `nv.${Math.random().toString(36).slice(2, 8)}`,
      fullName: 'Nhân viên thử nghiệm',
      agencyId: aChild.id,
      roles: ['processing_officer'],
      password: 'MatKhau12345',
      ...over,
    })
    const ok = await api.post('/admin/staff', staff({}))
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json<Staff>()).toMatchObject({ agencyId: aChild.id, roles: ['processing_officer'] })
    expect(await auditRows(t.ctx, 'org.staff.create', ok.json<Staff>().id)).toHaveLength(1)

    const grant = await api.post('/admin/staff', staff({ roles: ['system_admin'] }))
    expect(grant.statusCode).toBe(403)
    const promote = await api.patch(`/admin/staff/${ok.json<Staff>().id}`, { roles: ['agency_admin', 'system_admin'] })
    expect(promote.statusCode).toBe(403)
    const elsewhere = await api.post('/admin/staff', staff({ agencyId: b.id }))
    expect(elsewhere.statusCode).toBe(403)

    // managing a system admin's account counts as granting the role
    const sys = await createOfficer(t.ctx, { roles: ['system_admin'], agencyId: a.id })
    expect((await api.post(`/admin/staff/${sys.id}/reset-password`, { newPassword: 'MatKhauMoi123' })).statusCode).toBe(403)

    const dup = await client(t.app, admin).post('/admin/staff', staff({ username: ok.json<Staff>().username }))
    expect(dup.statusCode).toBe(409)
    expect(errorOf(dup).code).toBe('STAFF_USERNAME_TAKEN')
  })

  it('lets an agency admin create agencies only under their own subtree', async () => {
    const api = client(t.app, sessions.get(key('agency_admin', a.id)))
    const inside = await api.post(
      '/admin/agencies',
      agencyBody({ kind: 'unit', code: null, name: 'Phòng thuộc sở A', parentId: aChild.id }),
    )
    expect(inside.statusCode, inside.body).toBe(201)
    const outside = await api.post('/admin/agencies', agencyBody({ kind: 'unit', code: null, name: 'Phòng thuộc tỉnh B', parentId: b.id }))
    expect(outside.statusCode).toBe(403)
    const root = await api.post('/admin/agencies', agencyBody({ kind: 'province', code: '000.00.00.H98', name: 'Tỉnh mới' }))
    expect(root.statusCode).toBe(403)
    const leader = client(t.app, sessions.get(key('agency_leader', a.id)))
    expect((await leader.post('/admin/agencies', agencyBody({ kind: 'unit', code: null, parentId: a.id }))).statusCode).toBe(403)
  })
})
