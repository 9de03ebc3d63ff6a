import { useMemo } from 'react'
import { useApi } from '../../../api/hooks.ts'
import type { Agency, Me } from '../../../api/types.ts'

export interface AgencyIndex {
  byId: Map<string, Agency>
  byCode: Map<string, Agency>
  /** The active units (phòng, ban) under an agency, at any depth: those a step may be given to. */
  unitsUnder: (agencyId: string) => Agency[]
  /** The agencies (not units) an officer looks after: everything for the system admin, else their agency and those below it. */
  inScope: (me: Pick<Me, 'roles' | 'agencyId'> | null) => Agency[]
}

function isUnder(a: Agency, ancestorId: string, byId: Map<string, Agency>): boolean {
  for (let p = a.parentId, hops = 0; p && hops < 20; p = byId.get(p)?.parentId ?? null, hops++) if (p === ancestorId) return true
  return false
}

/** The public list of active agencies and units (`GET /agencies`), indexed for the process screens. */
export function useAgencies(): { index: AgencyIndex | null; error: ReturnType<typeof useApi<Agency[]>>['error'] } {
  const list = useApi<Agency[]>('/agencies')
  const index = useMemo<AgencyIndex | null>(() => {
    if (!list.data) return null
    const all = list.data
    const byId = new Map(all.map((a) => [a.id, a]))
    const byCode = new Map(all.filter((a) => a.code).map((a) => [a.code!, a]))
    return {
      byId,
      byCode,
      unitsUnder: (agencyId) => all.filter((a) => a.kind === 'unit' && a.active && isUnder(a, agencyId, byId)),
      inScope: (me) => {
        const agencies = all.filter((a) => a.kind !== 'unit')
        if (me?.roles.includes('system_admin')) return agencies
        const own = me?.agencyId
        if (!own) return []
        return agencies.filter((a) => a.id === own || isUnder(a, own, byId))
      },
    }
  }, [list.data])
  return { index, error: list.error }
}
