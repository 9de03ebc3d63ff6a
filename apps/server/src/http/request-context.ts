import type { Role } from '@congso/contracts'

/** Who is acting. Built once per request from the session; passed to policies and services. */
export interface Actor {
  userId: string
  kind: 'officer' | 'citizen'
  fullName: string
  roles: Role[]
  agencyId: string | null
  /** The actor's agency and its ancestors: used to decide jurisdiction. */
  agencyAncestorIds: string[]
}

/** Where a state change came from: recorded in the audit log with the change. */
export interface RequestMeta {
  actor: Actor | null
  ip: string
  userAgent: string | null
  requestId: string
}
