import type { RoleT } from '../../../api/types.ts'

/**
 * Who may use the signature actions (mirrors apps/server/src/auth/policy.ts; the server still decides):
 * the agency seal is applied by the agency's registry clerk (văn thư) or its leader (`signature.seal`),
 * and only system admins change the trust store (`signature.trust.manage`).
 */
export const SEAL_ROLES: readonly RoleT[] = ['clerk', 'agency_leader']
export const TRUST_ADMIN_ROLES: readonly RoleT[] = ['system_admin']

/**
 * Preset places: `bottomRight` (the seal, at the server's default place), `topRight` (the mark of an
 * electronic copy or attachment, placed by the server), or a custom rectangle for the seal.
 */
export type PositionPreset = 'bottomRight' | 'topRight' | 'custom'

/** Address of the document exactly as signature `n` (1-based) of a stored file signed it. */
export const revisionUrl = (fileId: string, n: number) => `/api/v1/files/${encodeURIComponent(fileId)}/signatures/${n}/revision`
