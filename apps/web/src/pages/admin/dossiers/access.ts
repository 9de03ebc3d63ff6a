import type { Me, RoleT } from '../../../api/types.ts'

/**
 * Who may use which officer page (mirrors the server's policy, apps/server/src/auth/policy.ts):
 * the server still decides; this only keeps menu items and buttons away from people who would get 403.
 */
/** The inbox and the tracking book (`dossier.book`). */
export const BOOK_ROLES: readonly RoleT[] = ['system_admin', 'receiving_officer', 'unit_head', 'agency_leader', 'agency_admin']
/** Counter and postal intake (`dossier.intake`). */
export const INTAKE_ROLES: readonly RoleT[] = ['receiving_officer']
/** Changing the working calendar (`calendar.edit`) and reading the development outbox. */
/** The processing inbox "Hồ sơ cần xử lý" (`/quan-tri/xu-ly`): the roles that take part in internal processes. */
export const PROCESSING_ROLES: readonly RoleT[] = ['processing_officer', 'unit_head', 'agency_leader', 'clerk', 'receiving_officer']
/** The leaders' processing overview (`/quan-tri/tong-hop-xu-ly`). */
export const OVERVIEW_ROLES: readonly RoleT[] = ['agency_leader', 'unit_head', 'system_admin']
export const CALENDAR_EDIT_ROLES: readonly RoleT[] = ['system_admin']
export const OUTBOX_ROLES: readonly RoleT[] = ['system_admin']

export function hasAnyRole(me: Pick<Me, 'roles'> | null | undefined, roles: readonly RoleT[] | undefined): boolean {
  if (!roles) return true
  return me ? me.roles.some((r) => roles.includes(r)) : false
}
