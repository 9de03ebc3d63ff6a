import { isValidCitizenId, normalizePhone } from '@congso/domain'
import type { ProcedureContent } from '@congso/contracts'

type Field = ProcedureContent['eForm']['fields'][number]
export interface FieldError {
  path: string
  message: string
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function isRealDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false
  const d = new Date(`${v}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
}

/** One field's value checked against its definition; the value is returned normalised, or an error message. */
function checkField(f: Field, raw: unknown): { value?: unknown; error?: string } {
  const empty =
    raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (f.type === 'checkbox' && raw === false)
  if (empty) return f.required ? { error: `Vui lòng nhập "${f.label}"` } : {}
  switch (f.type) {
    case 'checkbox':
      return typeof raw === 'boolean' ? { value: raw } : { error: `"${f.label}" phải là có/không` }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN
      return Number.isFinite(n) ? { value: n } : { error: `"${f.label}" phải là số` }
    }
    default:
      break
  }
  if (typeof raw !== 'string') return { error: `"${f.label}" không hợp lệ` }
  const v = raw.trim().normalize('NFC')
  if (f.maxLength !== undefined && v.length > f.maxLength) return { error: `"${f.label}" tối đa ${f.maxLength} ký tự` }
  if (f.pattern !== undefined) {
    let re: RegExp | null = null
    try {
      re = new RegExp(`^(?:${f.pattern})$`, 'u')
    } catch {
      re = null // a broken pattern in the catalog must not block citizens; the catalog editor validates it
    }
    if (re && !re.test(v)) return { error: `"${f.label}" không đúng định dạng` }
  }
  switch (f.type) {
    case 'date':
      return isRealDate(v) ? { value: v } : { error: `"${f.label}" phải là ngày hợp lệ` }
    case 'citizenId':
      return isValidCitizenId(v) ? { value: v } : { error: `"${f.label}": số CCCD/định danh cá nhân phải gồm 12 chữ số hợp lệ` }
    case 'phone': {
      const p = normalizePhone(v)
      return p ? { value: p } : { error: `"${f.label}": số điện thoại không hợp lệ` }
    }
    case 'email':
      return EMAIL.test(v) && v.length <= 200 ? { value: v } : { error: `"${f.label}": e-mail không hợp lệ` }
    case 'select':
      return (f.options ?? []).some((o) => o.value === v) ? { value: v } : { error: `"${f.label}": lựa chọn không hợp lệ` }
    default:
      return { value: v.length > 5000 ? v.slice(0, 5000) : v }
  }
}

/**
 * Checks e-form data against the procedure version's form definition. Keys not in the form are
 * dropped (nothing unexpected is stored); each error names its field as `formData.<key>`.
 */
export function validateEForm(
  fields: readonly Field[],
  data: Record<string, unknown>,
): { data: Record<string, unknown>; errors: FieldError[] } {
  const out: Record<string, unknown> = {}
  const errors: FieldError[] = []
  for (const f of fields) {
    const r = checkField(f, data[f.key])
    if (r.error) errors.push({ path: `formData.${f.key}`, message: r.error })
    else if (r.value !== undefined) out[f.key] = r.value
  }
  return { data: out, errors }
}
