import type { Me, RoleT } from '../../../api/types.ts'
import { hasAnyRole } from '../dossiers/access.ts'

/**
 * Who may use the internal-process screens (mirrors `workflow.view` / `workflow.edit` in
 * apps/server/src/auth/policy.ts; the server still decides, per agency).
 */
/** Build, import, publish and discard processes; the menu entry "Quy trình nội bộ". */
export const PROCESS_EDIT_ROLES: readonly RoleT[] = ['system_admin', 'agency_admin']
/** Read the processes of their agency (they work by them). */
export const PROCESS_VIEW_ROLES: readonly RoleT[] = [
  ...PROCESS_EDIT_ROLES,
  'receiving_officer',
  'processing_officer',
  'unit_head',
  'agency_leader',
  'clerk',
]

export const canEditProcesses = (me: Pick<Me, 'roles'> | null | undefined) => hasAnyRole(me, PROCESS_EDIT_ROLES)
