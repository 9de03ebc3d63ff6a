import { z } from 'zod'
import { isValidCitizenId, normalizePhone } from '@congso/domain'
import { IsoDateTime, Uuid } from './common.ts'
import { Password, Role } from './org.ts'

export const CitizenId = z
  .string()
  .trim()
  .refine((v) => isValidCitizenId(v), { message: 'Số CCCD/định danh cá nhân phải gồm 12 chữ số hợp lệ' })

export const PhoneNumber = z
  .string()
  .trim()
  .refine((v) => normalizePhone(v) !== null, { message: 'Số điện thoại không hợp lệ' })
  .transform((v) => normalizePhone(v) ?? v)

export const Me = z.object({
  id: Uuid,
  kind: z.enum(['officer', 'citizen']),
  username: z.string().nullable(),
  fullName: z.string(),
  email: z.string().nullable(),
  roles: z.array(Role),
  agencyId: Uuid.nullable(),
  agencyName: z.string().nullable(),
  /** `ok` = fully signed in; `totp_required` = password accepted, code pending; `totp_setup` = admin must enrol TOTP first; `password_change` = must change password. */
  stage: z.enum(['ok', 'totp_required', 'totp_setup', 'password_change']),
  csrfToken: z.string(),
  totpEnabled: z.boolean(),
  /** Citizens: the phone number on the account (null for officers and accounts without one). */
  phone: z.string().nullable(),
  /** Citizens: only the last 4 digits of the citizen ID leave the server (for a masked display). */
  citizenIdLast4: z.string().nullable(),
})
export type Me = z.infer<typeof Me>

export const OfficerLogin = z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })
export const CitizenLogin = z.strictObject({ login: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) })
export const TotpCode = z.strictObject({ code: z.string().regex(/^\d{6}$/, { message: 'Mã xác thực gồm 6 chữ số' }) })
export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() })
export type TotpSetup = z.infer<typeof TotpSetup>
export const ChangePassword = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: Password })

export const CitizenRegistration = z.strictObject({
  fullName: z.string().trim().min(3).max(200),
  citizenId: CitizenId,
  phone: PhoneNumber,
  email: z.email(),
  password: Password,
  applicantType: z.enum(['citizen', 'business']).default('citizen'),
  organizationName: z.string().trim().max(300).optional(),
  taxCode: z
    .string()
    .regex(/^\d{10}(-\d{3})?$/, { message: 'Mã số thuế gồm 10 chữ số (hoặc 10-3 với chi nhánh)' })
    .optional(),
})

export const OidcConfigPublic = z.object({ enabled: z.boolean(), label: z.string() })

export const AuditEntry = z.object({
  id: Uuid,
  at: IsoDateTime,
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
})
