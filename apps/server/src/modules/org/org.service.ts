import type { Kysely } from 'kysely'
import type { Agency, AgencyKind, CreateAgency, OrgSettings } from '@congso/contracts'
import { z } from 'zod'
import type { UpdateAgency } from '@congso/contracts'
import { can } from '../../auth/policy.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { RequestMeta } from '../../http/request-context.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import { findAgency, findAgencyByCode, getSetting, listAgencies, putSetting, toAgency } from './org.repo.ts'

/** Which parent kinds each agency kind may sit under. */
const ALLOWED_PARENTS: Record<AgencyKind, (AgencyKind | null)[]> = {
  province: [null],
  department: ['province'],
  service_center: ['province', 'district', 'commune'],
  district: ['province'],
  commune: ['province', 'district'],
  unit: ['province', 'department', 'district', 'commune', 'service_center', 'unit'],
}
/** Kinds that exchange documents and receive dossiers in their own name need an identification code. */
const CODE_REQUIRED: ReadonlySet<AgencyKind> = new Set(['province', 'department', 'district', 'commune', 'service_center'])

export const DEFAULT_SETTINGS: OrgSettings = { provinceName: 'Tỉnh Demo', governmentLevels: 2 }

export async function getOrgSettings(db: Kysely<DB>, provinceName: string): Promise<OrgSettings> {
  const levels = await getSetting<2 | 3>(db, 'org.governmentLevels')
  return { provinceName, governmentLevels: levels ?? DEFAULT_SETTINGS.governmentLevels }
}

export async function updateGovernmentLevels(db: Kysely<DB>, meta: RequestMeta, levels: 2 | 3, provinceName: string) {
  if (!can(meta.actor, { kind: 'org.settings.update' })) throw new AppError('FORBIDDEN')
  await db.transaction().execute(async (tx) => {
    const before = await getSetting<number>(tx, 'org.governmentLevels')
    await putSetting(tx, 'org.governmentLevels', levels)
    await writeAudit(tx, meta, {
      action: 'org.settings.update',
      subjectType: 'settings',
      subjectId: 'org.governmentLevels',
      details: { before, after: levels },
    })
  })
  return getOrgSettings(db, provinceName)
}

export async function listVisibleAgencies(db: Kysely<DB>, meta: RequestMeta): Promise<Agency[]> {
  const actor = meta.actor
  if (!can(actor, { kind: 'org.agency.list' })) throw new AppError('FORBIDDEN')
  const root = actor?.roles.includes('system_admin') ? null : (actor?.agencyId ?? null)
  return (await listAgencies(db, root)).map(toAgency)
}

export async function createAgency(db: Kysely<DB>, meta: RequestMeta, input: CreateAgency): Promise<Agency> {
  return db.transaction().execute(async (tx) => {
    const parent = input.parentId ? await findAgency(tx, input.parentId) : undefined
    if (input.parentId && !parent) throw new AppError('ORG_INVALID_PARENT', 'không tìm thấy cơ quan cấp trên')
    const parentSubject = parent ? { agencyId: parent.id, ancestorIds: parent.ancestor_ids } : null
    if (!can(meta.actor, { kind: 'org.agency.create', parent: parentSubject })) throw new AppError('FORBIDDEN')
    if (!ALLOWED_PARENTS[input.kind].includes((parent?.kind as AgencyKind | undefined) ?? null)) {
      throw new AppError('ORG_INVALID_PARENT', `${input.kind} không thể trực thuộc ${parent?.kind ?? 'gốc'}`)
    }
    if (input.kind === 'district' && (await getSetting<number>(tx, 'org.governmentLevels')) !== 3) {
      throw new AppError('ORG_DISTRICT_DISABLED')
    }
    if (CODE_REQUIRED.has(input.kind) && !input.code)
      throw new AppError('ORG_CODE_REQUIRED', undefined, [{ path: 'body.code', message: 'Bắt buộc' }])
    if (input.code && (await findAgencyByCode(tx, input.code))) throw new AppError('ORG_CODE_TAKEN', input.code)
    const row = await tx
      .insertInto('agencies')
      .values({
        code: input.code,
        name: input.name,
        short_name: input.shortName,
        kind: input.kind,
        parent_id: parent?.id ?? null,
        ancestor_ids: parent ? [...parent.ancestor_ids, parent.id] : [],
        address: input.address,
        phone: input.phone,
        email: input.email,
        valid_from: input.validFrom,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    if (row.code) await tx.insertInto('agency_code_history').values({ agency_id: row.id, code: row.code }).execute()
    await writeAudit(tx, meta, { action: 'org.agency.create', subjectType: 'agency', subjectId: row.id, details: { after: toAgency(row) } })
    return toAgency(row)
  })
}

export async function updateAgency(db: Kysely<DB>, meta: RequestMeta, id: string, input: z.infer<typeof UpdateAgency>): Promise<Agency> {
  return db.transaction().execute(async (tx) => {
    const current = await findAgency(tx, id)
    if (!current) throw new AppError('NOT_FOUND')
    if (!can(meta.actor, { kind: 'org.agency.update', agency: { agencyId: current.id, ancestorIds: current.ancestor_ids } })) {
      throw new AppError('FORBIDDEN')
    }
    if (input.successorId) {
      // a merged agency hands over to a live agency outside its own subtree
      const successor = await findAgency(tx, input.successorId)
      if (!successor || successor.id === id || successor.ancestor_ids.includes(id) || !successor.active) {
        throw new AppError('ORG_INVALID_SUCCESSOR', undefined, [{ path: 'body.successorId', message: 'Cơ quan kế thừa không hợp lệ' }])
      }
    }
    const codeChanged = input.code !== undefined && input.code !== current.code
    if (codeChanged && input.code && (await findAgencyByCode(tx, input.code))) throw new AppError('ORG_CODE_TAKEN', input.code)
    if (codeChanged && !input.code && CODE_REQUIRED.has(current.kind as AgencyKind)) throw new AppError('ORG_CODE_REQUIRED')
    const row = await tx
      .updateTable('agencies')
      .set({
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.shortName !== undefined ? { short_name: input.shortName } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.validFrom !== undefined ? { valid_from: input.validFrom } : {}),
        ...(input.validTo !== undefined ? { valid_to: input.validTo } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.successorId !== undefined ? { successor_id: input.successorId } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    if (codeChanged) {
      // codes change with mergers: keep the history, never rewrite what was issued under the old code
      await tx
        .updateTable('agency_code_history')
        .set({ valid_to: new Date() })
        .where('agency_id', '=', id)
        .where('valid_to', 'is', null)
        .execute()
      if (row.code) await tx.insertInto('agency_code_history').values({ agency_id: id, code: row.code }).execute()
    }
    await writeAudit(tx, meta, {
      action: 'org.agency.update',
      subjectType: 'agency',
      subjectId: id,
      details: { before: toAgency(current), after: toAgency(row) },
    })
    return toAgency(row)
  })
}

/** Public, unauthenticated: the active agency tree (names and codes are public information). */
export async function publicAgencies(db: Kysely<DB>): Promise<Agency[]> {
  return (await listAgencies(db, null, true)).map(toAgency)
}
