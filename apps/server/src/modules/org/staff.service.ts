import type { Kysely, Selectable } from 'kysely'
import type { Role, Staff } from '@congso/contracts'
import type { CreateStaff, UpdateStaff } from '@congso/contracts'
import type { z } from 'zod'
import { can } from '../../auth/policy.ts'
import { hashPassword } from '../../auth/passwords.ts'
import { destroyUserSessions } from '../../auth/sessions.ts'
import type { DB, UsersTable } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { RequestMeta } from '../../http/request-context.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import { findAgency } from './org.repo.ts'

type StaffRow = Selectable<UsersTable> & { agency_name: string | null; unit_name: string | null }

const toStaff = (r: StaffRow): Staff => ({
  id: r.id,
  username: r.username ?? '',
  fullName: r.full_name,
  email: r.email,
  phone: r.phone,
  agencyId: r.agency_id ?? '',
  agencyName: r.agency_name ?? '',
  unitId: r.unit_id,
  unitName: r.unit_name,
  roles: r.roles as Role[],
  totpEnabled: r.totp_enabled,
  disabled: r.disabled,
  lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
  createdAt: r.created_at.toISOString(),
})

function staffQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .leftJoin('agencies as un', 'un.id', 'u.unit_id')
    .selectAll('u')
    .select(['a.name as agency_name', 'un.name as unit_name'])
    .where('u.kind', '=', 'officer')
}

async function agencySubject(db: Kysely<DB>, agencyId: string) {
  const a = await findAgency(db, agencyId)
  if (!a) throw new AppError('NOT_FOUND')
  return { agency: a, subject: { agencyId: a.id, ancestorIds: a.ancestor_ids } }
}

/** Staff of an agency and of its units. */
export async function listStaff(db: Kysely<DB>, meta: RequestMeta, agencyId: string): Promise<Staff[]> {
  const { subject } = await agencySubject(db, agencyId)
  if (!can(meta.actor, { kind: 'org.staff.list', agency: subject })) throw new AppError('FORBIDDEN')
  const rows = await staffQuery(db).where('u.agency_id', '=', agencyId).orderBy('u.full_name').execute()
  return rows.map(toStaff)
}

async function checkUnit(db: Kysely<DB>, agencyId: string, unitId: string | null) {
  if (!unitId) return
  const unit = await findAgency(db, unitId)
  if (!unit || unit.kind !== 'unit' || !unit.ancestor_ids.includes(agencyId)) throw new AppError('STAFF_UNIT_MISMATCH')
}

export async function createStaff(db: Kysely<DB>, meta: RequestMeta, input: z.infer<typeof CreateStaff>): Promise<Staff> {
  const { subject } = await agencySubject(db, input.agencyId)
  if (!can(meta.actor, { kind: 'org.staff.manage', agency: subject, grantsRoles: input.roles })) throw new AppError('FORBIDDEN')
  await checkUnit(db, input.agencyId, input.unitId)
  const passwordHash = await hashPassword(input.password)
  const id = await db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()
    if (taken) throw new AppError('STAFF_USERNAME_TAKEN', input.username)
    const row = await tx
      .insertInto('users')
      .values({
        kind: 'officer',
        username: input.username,
        full_name: input.fullName,
        email: input.email,
        phone: input.phone,
        citizen_id: null,
        organization_name: null,
        tax_code: null,
        agency_id: input.agencyId,
        unit_id: input.unitId,
        roles: input.roles,
        password_hash: passwordHash,
        totp_secret: null,
        must_change_password: true,
        locked_until: null,
        oidc_issuer: null,
        oidc_subject: null,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(tx, meta, {
      action: 'org.staff.create',
      subjectType: 'user',
      subjectId: row.id,
      details: { username: input.username, agencyId: input.agencyId, roles: input.roles },
    })
    return row.id
  })
  return toStaff(await staffQuery(db).where('u.id', '=', id).executeTakeFirstOrThrow())
}

async function loadManaged(db: Kysely<DB>, meta: RequestMeta, userId: string, grantsRoles: Role[]) {
  const current = await staffQuery(db).where('u.id', '=', userId).executeTakeFirst()
  if (!current || !current.agency_id) throw new AppError('NOT_FOUND')
  const { subject } = await agencySubject(db, current.agency_id)
  // Managing an account that holds a role counts as granting it: an agency admin cannot reset a system admin.
  const roles = [...new Set([...grantsRoles, ...(current.roles as Role[])])]
  if (!can(meta.actor, { kind: 'org.staff.manage', agency: subject, grantsRoles: roles })) throw new AppError('FORBIDDEN')
  return current
}

export async function updateStaff(db: Kysely<DB>, meta: RequestMeta, userId: string, input: z.infer<typeof UpdateStaff>): Promise<Staff> {
  const current = await loadManaged(db, meta, userId, input.roles ?? [])
  if (input.unitId !== undefined) await checkUnit(db, current.agency_id ?? '', input.unitId)
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({
        ...(input.fullName !== undefined ? { full_name: input.fullName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
        ...(input.roles !== undefined ? { roles: input.roles } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', userId)
      .execute()
    if (input.disabled || input.roles) await destroyUserSessions(tx, userId)
    await writeAudit(tx, meta, {
      action: 'org.staff.update',
      subjectType: 'user',
      subjectId: userId,
      details: { before: { roles: current.roles, disabled: current.disabled, unitId: current.unit_id }, changes: input },
    })
  })
  return toStaff(await staffQuery(db).where('u.id', '=', userId).executeTakeFirstOrThrow())
}

/** An admin sets a temporary password; the officer must change it at next sign-in. */
export async function resetStaffPassword(db: Kysely<DB>, meta: RequestMeta, userId: string, newPassword: string): Promise<void> {
  await loadManaged(db, meta, userId, [])
  const passwordHash = await hashPassword(newPassword)
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: true, failed_logins: 0, locked_until: null, updated_at: new Date() })
      .where('id', '=', userId)
      .execute()
    await destroyUserSessions(tx, userId)
    await writeAudit(tx, meta, { action: 'org.staff.reset-password', subjectType: 'user', subjectId: userId })
  })
}

export async function unlockStaff(db: Kysely<DB>, meta: RequestMeta, userId: string): Promise<void> {
  await loadManaged(db, meta, userId, [])
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', userId).execute()
    await writeAudit(tx, meta, { action: 'org.staff.unlock', subjectType: 'user', subjectId: userId })
  })
}
