import type { RoleT } from '../../../api/types.ts'

/**
 * Who may use the signature actions (mirrors apps/server/src/auth/policy.ts; the server still decides):
 * the agency seal is applied by the agency's registry clerk (văn thư) or its leader (`signature.seal`),
 * and only system admins change the trust store (`signature.trust.manage`).
 */
export const SEAL_ROLES: readonly RoleT[] = ['clerk', 'agency_leader']
export const TRUST_ADMIN_ROLES: readonly RoleT[] = ['system_admin']

/** Preset positions of the signature image; `bottomRight` leaves the place to the server's default. */
export type PositionPreset = 'bottomRight' | 'topRight' | 'custom'
/** [x1, y1, x2, y2] in PDF points from the page's bottom-left corner: the top-right corner of an A4 portrait page. */
export const TOP_RIGHT_A4: readonly [number, number, number, number] = [330, 730, 565, 820]

/** Address of the document exactly as signature `n` (1-based) of a stored file signed it. */
export const revisionUrl = (fileId: string, n: number) => `/api/v1/files/${encodeURIComponent(fileId)}/signatures/${n}/revision`
