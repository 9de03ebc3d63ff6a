import type { ProcedureContent } from '@congso/contracts'
import { standardProcess } from '@congso/domain'
import { sql } from 'kysely'
import type { AppContext } from '../context.ts'
import type { RequestMeta } from '../http/request-context.ts'
import { writeAudit } from '../modules/audit/audit.repo.ts'
import { implementingAgencies } from '../modules/catalog/catalog.search.ts'
import { getSetting, putSetting } from '../modules/org/org.repo.ts'
import { findProcessByStatus, insertProcessVersion } from '../modules/workflow/workflow.repo.ts'
import { legalTimeOf, processIssues, scaleToLegalTime } from '../modules/workflow/workflow.rules.ts'

const SYSTEM: RequestMeta = { actor: null, ip: '127.0.0.1', userAgent: 'congso-seed', requestId: 'seed-processes' }

/**
 * One published internal process per demo procedure and implementing agency that has units: the
 * standard process (specialist → unit head → leader → clerk → counter) with the specialist work in
 * one of the agency's units (the one its processing officers sit in, when there is one). Where the
 * legal time is shorter than the standard 6 working days, every step is scaled down in whole
 * working hours (at least one). Marked done in `settings`, like the other demo seeds.
 */
export async function seedDemoProcesses(ctx: AppContext): Promise<void> {
  const db = ctx.database.db
  if (await getSetting(db, 'demo.processes')) return
  const procedures = await db
    .selectFrom('procedure_versions')
    .select(['procedure_code', 'content'])
    .where('status', '=', 'published')
    .orderBy('procedure_code')
    .execute()
  const agencies = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .select([
      'a.id',
      'a.code',
      'a.name',
      'a.kind',
      'p.kind as parent_kind',
      sql<string | null>`(select u.id from agencies u where u.kind = 'unit' and u.active and u.parent_id = a.id
        order by exists (select 1 from users o where o.unit_id = u.id and o.roles && array['processing_officer', 'unit_head']) desc, u.name
        limit 1)`.as('unit_id'),
    ])
    .where('a.active', '=', true)
    .where('a.code', 'is not', null)
    .execute()
  const withUnits = agencies.filter((a) => a.unit_id !== null)
  const units = new Map(withUnits.map((a) => [a.code!, a]))

  let published = 0
  let scaled = 0
  let skipped = 0
  await db.transaction().execute(async (tx) => {
    for (const p of procedures) {
      const content = p.content as ProcedureContent
      const legalTime = legalTimeOf(content.processingTime)
      for (const { code } of implementingAgencies(content, withUnits)) {
        const agency = units.get(code)!
        if (await findProcessByStatus(tx, p.procedure_code, agency.id, 'published')) continue
        const standard = standardProcess({ specialistUnitId: agency.unit_id })
        const definition = scaleToLegalTime(standard, legalTime)
        const checks = { legalTime, unitIds: new Set([agency.unit_id!]), formFields: new Set<string>() }
        if (processIssues(definition, checks).length > 0) {
          skipped++
          continue
        }
        const row = await insertProcessVersion(tx, {
          procedure_code: p.procedure_code,
          agency_id: agency.id,
          version: 1,
          status: 'published',
          definition: JSON.stringify(definition),
          created_by: null,
          updated_by: null,
          updated_at: new Date(),
          published_by: null,
          published_at: new Date(),
        })
        await writeAudit(tx, SYSTEM, {
          action: 'workflow.process.publish',
          subjectType: 'process_version',
          subjectId: row.id,
          details: { procedureCode: p.procedure_code, agencyId: agency.id, version: 1, seed: true, scaled: definition !== standard },
        })
        published++
        if (definition !== standard) scaled++
      }
    }
    await putSetting(tx, 'demo.processes', { seededAt: new Date().toISOString(), published, scaled, skipped })
  })
  ctx.log.info({ published, scaled, skipped, agencies: withUnits.length }, 'demo processes published')
}
