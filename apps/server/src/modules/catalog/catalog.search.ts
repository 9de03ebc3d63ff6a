import { sql, type Kysely } from 'kysely'
import type { ImplementingLevel, ProcedureContent } from '@congso/contracts'
import type { ProcedureSearchQuery, ProcedureSearchResult, ProcedureSummary } from '@congso/contracts'
import { foldVietnamese } from '@congso/domain'
import type { z } from 'zod'
import type { DB } from '../../db/schema.ts'
import { findAgencyWithParent, type AgencyRow } from './catalog.repo.ts'

type Summary = z.infer<typeof ProcedureSummary>

/** Processing time in working days: hours count 8 to the day; calendar days are shown as they are. */
export function processingDays(pt: ProcedureContent['processingTime']): number {
  const days = pt.unit === 'working_hour' ? pt.value / 8 : pt.value
  return Math.round(days * 100) / 100
}

export function toSummary(c: ProcedureContent, version: number): Summary {
  return {
    code: c.code,
    name: c.name,
    field: c.field,
    levels: c.levels,
    processingDays: processingDays(c.processingTime),
    processingTime: c.processingTime,
    onlineType: c.onlineType,
    legacyLevel: c.legacyLevel,
    version,
  }
}

/**
 * The level of government an agency acts at: departments and a provincial service center are
 * province level; a service center sits at the level of the government it belongs to. Units
 * (phòng) only implement procedures that name them explicitly.
 */
export function agencyLevel(kind: string, parentKind: string | null): ImplementingLevel | null {
  switch (kind) {
    case 'province':
    case 'department':
      return 'province'
    case 'district':
      return 'district'
    case 'commune':
      return 'commune'
    case 'service_center':
      return parentKind === 'province' || parentKind === 'district' || parentKind === 'commune' ? parentKind : null
    default:
      return null
  }
}

/**
 * Implementing agencies: those named in the content, or else every competent agency at one of its
 * levels. Service centers receive dossiers but do not decide them (the place of receipt is not the
 * competent authority), so they are listed only when named.
 */
export function implementingAgencies(c: ProcedureContent, agencies: AgencyRow[]) {
  const named = new Set(c.agencyCodes)
  return agencies.flatMap((a) => {
    if (!a.code) return []
    if (a.kind === 'service_center' && !named.has(a.code)) return []
    const level = agencyLevel(a.kind, a.parent_kind)
    const match = named.size > 0 ? named.has(a.code) : level !== null && c.levels.includes(level)
    return match ? [{ code: a.code, name: a.name, level: level ?? a.kind }] : []
  })
}

/**
 * Public search over published versions. The query is folded in JS exactly as the stored
 * `search_text` is (no diacritics, lower case), then matched with pg_trgm: `<%` (word similarity
 * above the default threshold 0.6, served by the GIN index) tolerates typos, a substring match
 * catches short queries. Relevance: the code itself first, then name similarity (weighted ×2),
 * word similarity against code+name+field, and a bonus for an exact substring.
 */
export async function searchProcedures(
  db: Kysely<DB>,
  query: z.infer<typeof ProcedureSearchQuery>,
): Promise<z.infer<typeof ProcedureSearchResult>> {
  const folded = query.q ? foldVietnamese(query.q) : ''
  const like = `%${folded}%`
  let base = db.selectFrom('procedure_versions as v').where('v.status', '=', 'published')
  if (query.field) base = base.where('v.field', '=', query.field)
  if (query.onlineType) base = base.where('v.online_type', '=', query.onlineType)
  if (query.level) base = base.where(sql<boolean>`v.levels @> array[${query.level}]::text[]`)
  if (query.agency) {
    const agency = await findAgencyWithParent(db, query.agency)
    if (!agency) return { items: [], total: 0, page: query.page, pageSize: query.pageSize }
    const level = agencyLevel(agency.kind, agency.parent_kind)
    base = base.where(
      sql<boolean>`(v.content->'agencyCodes' @> ${JSON.stringify([query.agency])}::jsonb
        or (jsonb_array_length(coalesce(v.content->'agencyCodes', '[]'::jsonb)) = 0
            and ${level}::text is not null and v.levels @> array[${level}::text]))`,
    )
  }
  if (folded) base = base.where(sql<boolean>`(${folded}::text <% v.search_text or v.search_text like ${like}::text)`)

  const score = folded
    ? sql<number>`(case when lower(v.procedure_code) = ${folded}::text then 100 else 0 end
        + 2 * similarity(v.search_name, ${folded}::text)
        + word_similarity(${folded}::text, v.search_text)
        + case when v.search_text like ${like}::text then 1 else 0 end)::float8`
    : sql<number>`0::float8`
  let rows = base.select(['v.content', 'v.version', score.as('score')])
  rows = folded
    ? rows.orderBy('score', 'desc').orderBy('v.name').orderBy('v.procedure_code')
    : rows.orderBy('v.field').orderBy('v.name').orderBy('v.procedure_code')
  const [items, count] = [
    await rows
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]
  return {
    items: items.map((r) => ({
      ...toSummary(r.content as ProcedureContent, r.version),
      ...(folded ? { score: Math.round(Number(r.score) * 1000) / 1000 } : {}),
    })),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  }
}
