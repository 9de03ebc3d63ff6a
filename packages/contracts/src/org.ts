import { z } from 'zod'
import { isValidAgencyCode } from '@congso/domain'
import { IsoDate, IsoDateTime, Uuid } from './common.ts'

export const AgencyKind = z.enum(['province', 'department', 'district', 'commune', 'service_center', 'unit'])
export type AgencyKind = z.infer<typeof AgencyKind>

export const AgencyCode = z.string().trim().refine(isValidAgencyCode, {
  message: 'Mã định danh không đúng định dạng QCVN 102:2016 (ví dụ 000.00.01.H22)',
})

export const Agency = z.object({
  id: Uuid,
  code: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: AgencyKind,
  parentId: Uuid.nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  validFrom: IsoDate.nullable(),
  validTo: IsoDate.nullable(),
  /** After a merger (2025 restructuring), the agency that continues this one's work. */
  successorId: Uuid.nullable(),
  active: z.boolean(),
})
export type Agency = z.infer<typeof Agency>

export const AgencyTreeNode: z.ZodType<Agency & { children: unknown[] }> = Agency.extend({
  get children() {
    return z.array(AgencyTreeNode)
  },
})

export const CreateAgency = z.strictObject({
  code: AgencyCode.nullable().default(null),
  name: z.string().trim().min(3).max(300),
  shortName: z.string().trim().max(50).nullable().default(null),
  kind: AgencyKind,
  parentId: Uuid.nullable(),
  address: z.string().trim().max(500).nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
  email: z.email().nullable().default(null),
  validFrom: IsoDate.nullable().default(null),
})
export type CreateAgency = z.infer<typeof CreateAgency>

// No defaults here: with zod 4 a default inside `.partial()` still applies, so a PATCH of one field
// would clear the others.
export const UpdateAgency = z.strictObject({
  code: AgencyCode.nullable().optional(),
  name: z.string().trim().min(3).max(300).optional(),
  shortName: z.string().trim().max(50).nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  email: z.email().nullable().optional(),
  validFrom: IsoDate.nullable().optional(),
  active: z.boolean().optional(),
  validTo: IsoDate.nullable().optional(),
  successorId: Uuid.nullable().optional(),
})

export const GovernmentLevels = z.union([z.literal(2), z.literal(3)])
export const OrgSettings = z.object({
  provinceName: z.string(),
  governmentLevels: GovernmentLevels,
})
export type OrgSettings = z.infer<typeof OrgSettings>
export const UpdateOrgSettings = z.strictObject({ governmentLevels: GovernmentLevels })

export const Role = z.enum([
  'system_admin',
  'agency_admin',
  'receiving_officer',
  'processing_officer',
  'unit_head',
  'agency_leader',
  'clerk',
  'citizen',
])
export type Role = z.infer<typeof Role>
export const OfficerRole = Role.exclude(['citizen'])

export const Staff = z.object({
  id: Uuid,
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  agencyId: Uuid,
  agencyName: z.string(),
  unitId: Uuid.nullable(),
  unitName: z.string().nullable(),
  roles: z.array(Role),
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
})
export type Staff = z.infer<typeof Staff>

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(50)
  .regex(/^[a-z0-9._-]+$/, { message: 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch' })

export const Password = z
  .string()
  .min(10, { message: 'Mật khẩu phải có ít nhất 10 ký tự' })
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: 'Mật khẩu phải có cả chữ và số' })

export const CreateStaff = z.strictObject({
  username: Username,
  fullName: z.string().trim().min(3).max(200),
  email: z.email().nullable().default(null),
  phone: z.string().trim().max(20).nullable().default(null),
  agencyId: Uuid,
  unitId: Uuid.nullable().default(null),
  roles: z.array(OfficerRole).min(1),
  password: Password,
})
export const UpdateStaff = z.strictObject({
  fullName: z.string().trim().min(3).max(200).optional(),
  email: z.email().nullable().optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  unitId: Uuid.nullable().optional(),
  roles: z.array(OfficerRole).min(1).optional(),
  disabled: z.boolean().optional(),
})
export const ResetPassword = z.strictObject({ newPassword: Password })
