import type { ProcedureContent } from '@congso/contracts'
import type { Database } from '../../db/database.ts'
import { findVersion, listActiveAgencies, type AgencyRow } from './catalog.repo.ts'
import { implementingAgencies } from './catalog.search.ts'

export const REFERENCE_CHANNEL = 'congso_reference'

export interface AgencyRef {
  id: string
  code: string | null
  name: string
  ancestorIds: string[]
}

export interface PublishedProcedure {
  versionId: string
  version: number
  content: ProcedureContent
  /** Codes of the agencies that implement it (see `implementingAgencies`). */
  implementing: string[]
}

/**
 * Published procedures and agencies as the submission path reads them, cached per process. The
 * database notifies `congso_reference` when either table changes (migration 0005), and every
 * process drops its copy then; a read racing with a change sees the old copy for the few
 * milliseconds the notification takes, never longer.
 */
export interface ReferenceCache {
  published(code: string): Promise<PublishedProcedure | null>
  agencyById(id: string): Promise<AgencyRef | null>
  agencyByCode(code: string): Promise<AgencyRef | null>
  stop(): Promise<void>
}

interface Snapshot {
  agencyRows: AgencyRow[]
  byId: Map<string, AgencyRef>
  byCode: Map<string, AgencyRef>
  procedures: Map<string, Promise<PublishedProcedure | null>>
}

export async function referenceCache(database: Database): Promise<ReferenceCache> {
  let generation = 0
  let snapshot: Promise<Snapshot> | null = null
  const unlisten = await database.listen(REFERENCE_CHANNEL, () => {
    generation++
    snapshot = null
  })

  const load = async (): Promise<Snapshot> => {
    const db = database.db
    const [agencyRows, refs] = await Promise.all([
      listActiveAgencies(db),
      db.selectFrom('agencies').select(['id', 'code', 'name', 'ancestor_ids']).execute(),
    ])
    const byId = new Map<string, AgencyRef>()
    const byCode = new Map<string, AgencyRef>()
    for (const r of refs) {
      const ref = { id: r.id, code: r.code, name: r.name, ancestorIds: r.ancestor_ids }
      byId.set(r.id, ref)
      if (r.code) byCode.set(r.code, ref)
    }
    return { agencyRows, byId, byCode, procedures: new Map() }
  }

  const current = (): Promise<Snapshot> => {
    const gen = generation
    const s = (snapshot ??= load())
    // a change notified while loading: that copy may already be stale, so it is not kept
    void s.then(() => {
      if (gen !== generation && snapshot === s) snapshot = null
    })
    return s
  }

  return {
    async published(code) {
      const s = await current()
      let p = s.procedures.get(code)
      if (!p) {
        p = findVersion(database.db, code, 'published').then((row) => {
          if (!row) return null
          const content = row.content as ProcedureContent
          return {
            versionId: row.id,
            version: row.version,
            content,
            implementing: implementingAgencies(content, s.agencyRows).map((a) => a.code),
          }
        })
        s.procedures.set(code, p)
        p.catch(() => s.procedures.delete(code))
      }
      return p
    },
    async agencyById(id) {
      return (await current()).byId.get(id) ?? null
    },
    async agencyByCode(code) {
      return (await current()).byCode.get(code) ?? null
    },
    stop: () => unlisten(),
  }
}
