import type { Role } from '@congso/contracts'
import type { Actor } from '../http/request-context.ts'

/** The subject of an organisation-scoped action: an agency, given with its ancestor chain. */
export interface AgencySubject {
  agencyId: string
  ancestorIds: string[]
}

export type Action =
  | { kind: 'org.settings.update' }
  | { kind: 'org.agency.create'; parent: AgencySubject | null }
  | { kind: 'org.agency.update'; agency: AgencySubject }
  | { kind: 'org.agency.list' }
  | { kind: 'org.staff.list'; agency: AgencySubject }
  | { kind: 'org.staff.manage'; agency: AgencySubject; grantsRoles: Role[] }
  | { kind: 'catalog.edit' }
  | { kind: 'catalog.publish' }
  | { kind: 'catalog.transfer' }
  | { kind: 'audit.read' }
  | { kind: 'outbox.read' }
  | { kind: 'calendar.edit' }
  | { kind: 'dossier.intake'; agency: AgencySubject }
  | { kind: 'dossier.view'; dossier: DossierSubject }
  | { kind: 'dossier.receive'; dossier: DossierSubject }
  | { kind: 'dossier.extend'; dossier: DossierSubject }
  | { kind: 'dossier.book'; agency: AgencySubject }
  | { kind: 'signature.trust.manage' }
  | { kind: 'signature.seal'; agencyId: string }
  | { kind: 'signature.sign' }
  | { kind: 'workflow.view'; agency: AgencySubject }
  | { kind: 'workflow.edit'; agency: AgencySubject }

/** A dossier as policies see it: the agencies concerned (place of receipt and competent authority) and its applicant. */
export interface DossierSubject {
  agencies: AgencySubject[]
  applicantUserId: string | null
}

/** Roles that administer (and therefore must use a second factor). */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'agency_admin']

/**
 * The citizen is the dossier's applicant account, linked at submission (counter intake links the
 * account holding the applicant's citizen ID). A matching ID number alone is not enough: a
 * self-registered ID is not verified.
 */
function isApplicant(actor: Actor, d: DossierSubject): boolean {
  return d.applicantUserId === actor.userId
}

const has = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r))

/** Every officer role of an agency's staff (not the system-wide administrator, not citizens). */
const OFFICER_WORK_ROLES: readonly Role[] = [
  'agency_admin',
  'receiving_officer',
  'processing_officer',
  'unit_head',
  'agency_leader',
  'clerk',
]

/** The actor's agency is the subject agency or one of its ancestors. */
function withinJurisdiction(actor: Actor, subject: AgencySubject): boolean {
  if (!actor.agencyId) return false
  return subject.agencyId === actor.agencyId || subject.ancestorIds.includes(actor.agencyId)
}

/**
 * Every authorisation decision of the platform, in one place. Least privilege: a system admin
 * acts everywhere; an agency admin administers their own agency's subtree and cannot grant
 * system-wide roles; leaders and unit heads see their own subtree's staff; nobody else sees staff.
 */
export function can(actor: Actor | null, action: Action): boolean {
  if (actor?.kind === 'citizen' && action.kind === 'dossier.view') return isApplicant(actor, action.dossier)
  if (!actor || actor.kind !== 'officer') return false
  const sysAdmin = has(actor, 'system_admin')
  switch (action.kind) {
    case 'org.settings.update':
    case 'catalog.publish':
    case 'catalog.transfer':
      return sysAdmin
    case 'catalog.edit':
      return sysAdmin
    case 'org.agency.list':
    case 'audit.read':
      return sysAdmin || has(actor, 'agency_admin')
    case 'org.agency.create':
      return sysAdmin || (action.parent !== null && has(actor, 'agency_admin') && withinJurisdiction(actor, action.parent))
    case 'org.agency.update':
      return sysAdmin || (has(actor, 'agency_admin') && withinJurisdiction(actor, action.agency))
    case 'org.staff.list':
      return sysAdmin || (has(actor, 'agency_admin', 'agency_leader', 'unit_head') && withinJurisdiction(actor, action.agency))
    case 'calendar.edit':
    case 'outbox.read':
      return sysAdmin
    case 'dossier.intake':
      return has(actor, 'receiving_officer') && withinJurisdiction(actor, action.agency)
    case 'dossier.view':
      return (
        sysAdmin ||
        (has(actor, 'receiving_officer', 'processing_officer', 'unit_head', 'agency_leader', 'agency_admin', 'clerk') &&
          action.dossier.agencies.some((a) => withinJurisdiction(actor, a)))
      )
    case 'dossier.receive':
      return has(actor, 'receiving_officer') && action.dossier.agencies.some((a) => withinJurisdiction(actor, a))
    case 'dossier.extend':
      return has(actor, 'agency_leader', 'unit_head') && action.dossier.agencies.some((a) => withinJurisdiction(actor, a))
    case 'dossier.book':
      return (
        sysAdmin ||
        (has(actor, 'receiving_officer', 'unit_head', 'agency_leader', 'agency_admin') && withinJurisdiction(actor, action.agency))
      )
    case 'signature.trust.manage':
      return sysAdmin
    // The agency's seal is applied by its clerk (văn thư) or its leader, and only that agency's own.
    case 'signature.seal':
      return has(actor, 'clerk', 'agency_leader') && actor.agencyId === action.agencyId
    // A personal signature is made with the officer's own certificate (USB token or signing service).
    case 'signature.sign':
      return actor.roles.some((r) => r !== 'citizen')
    // An agency's internal processes: its staff read them (they work by them), its admins write them.
    case 'workflow.view':
      return sysAdmin || (has(actor, ...OFFICER_WORK_ROLES) && withinJurisdiction(actor, action.agency))
    case 'workflow.edit':
      return sysAdmin || (has(actor, 'agency_admin') && withinJurisdiction(actor, action.agency))
    case 'org.staff.manage':
      return (
        sysAdmin || (has(actor, 'agency_admin') && withinJurisdiction(actor, action.agency) && !action.grantsRoles.includes('system_admin'))
      )
    default: {
      const unreachable: never = action
      return unreachable
    }
  }
}
