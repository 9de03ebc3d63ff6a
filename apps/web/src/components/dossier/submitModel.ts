import dayjs, { type Dayjs } from 'dayjs'
import type { ProcedureContent, StoredFileT } from '../../api/types.ts'
import { ISO_DATE } from '../../lib/format.ts'
import type { DraftT, ReturnChannelT } from './types.ts'

export type EFormFieldT = ProcedureContent['eForm']['fields'][number]
export type ComponentT = ProcedureContent['components'][number]
/** Uploaded files per component, by the component's position in the procedure's list. */
export type FilesByComponent = Record<number, StoredFileT[]>

/** What the submission form holds (the e-form nested under `formData`, dates as dayjs). */
export interface WizardValues {
  agencyCode?: string
  /** This dossier's contact details (the account's phone and e-mail to start with). */
  contact?: { phone?: string; email?: string; address?: string }
  formData?: Record<string, unknown>
  returnChannel?: ReturnChannelT
  returnAddress?: string
  pledge?: boolean
}

export const STEP_INFO = 0
export const STEP_COMPONENTS = 1
export const STEP_RETURN = 2
export const STEP_REVIEW = 3

const isDayjs = (v: unknown): v is Dayjs => dayjs.isDayjs(v)

/** Form values → the JSON e-form data: dates as YYYY-MM-DD, text trimmed, empty values left out. */
export function toFormData(fields: readonly EFormFieldT[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const v = values?.[f.key]
    if (v === undefined || v === null || v === '') continue
    if (f.type === 'date') {
      if (isDayjs(v)) out[f.key] = v.format(ISO_DATE)
      else if (typeof v === 'string') out[f.key] = v
    } else if (f.type === 'checkbox') {
      out[f.key] = v === true
    } else if (typeof v === 'string') {
      const s = v.trim()
      if (s !== '') out[f.key] = s
    } else {
      out[f.key] = v
    }
  }
  return out
}

/** Saved e-form data → form values (YYYY-MM-DD strings back to dayjs for the date pickers). */
export function fromFormData(fields: readonly EFormFieldT[], data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const v = data[f.key]
    if (v === undefined || v === null) continue
    if (f.type === 'date' && typeof v === 'string') {
      const d = dayjs(v, ISO_DATE)
      if (d.isValid()) out[f.key] = d
    } else {
      out[f.key] = v
    }
  }
  return out
}

/** One entry per component of the procedure (empty `fileIds` when none), so `components.<i>` errors name component i. */
export function componentsBody(components: readonly ComponentT[], files: FilesByComponent) {
  return components.map((_, index) => ({ index, fileIds: (files[index] ?? []).map((f) => f.id) }))
}

/** Required components with no file yet (the server refuses an online dossier without them). */
export function missingRequired(components: readonly ComponentT[], files: FilesByComponent): number[] {
  return components.flatMap((c, i) => (c.required && (files[i] ?? []).length === 0 ? [i] : []))
}

/** A saved draft's files, put back under their components. */
export function filesFromDraft(draft: DraftT): FilesByComponent {
  const byId = new Map(draft.files.map((f) => [f.id, f]))
  const out: FilesByComponent = {}
  for (const c of draft.components) {
    const list = c.fileIds.flatMap((id) => {
      const f = byId.get(id)
      return f ? [f] : []
    })
    if (list.length > 0) out[c.index] = list
  }
  return out
}

/** Which step of the wizard shows the field at this error path. */
export function stepOfPath(path: string): number {
  const head = path.replace(/^body\./, '').split(/[.[]/)[0] ?? ''
  if (head === 'agencyCode' || head === 'formData' || head === 'contact') return STEP_INFO
  if (head === 'components') return STEP_COMPONENTS
  if (head === 'returnChannel' || head === 'returnAddress') return STEP_RETURN
  return STEP_REVIEW
}

/** `components.3.fileIds` → 3; `components` → -1 (about the list as a whole); other paths → null. */
export function componentIndexOfPath(path: string): number | null {
  const m = /^(?:body\.)?components(?:[.[](\d+))?/.exec(path)
  if (!m) return null
  return m[1] === undefined ? -1 : Number(m[1])
}

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  // randomUUID needs a secure context; a plain-http intranet address still has getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const KEY_PREFIX = 'congso.submitKey.'

/**
 * The idempotency key of this tab's submission of `procedureCode`: created once and kept in
 * sessionStorage, so a retry after a lost answer (or a reload) sends the same key and the server
 * answers the dossier it already created instead of making a second one.
 */
export function submissionKey(procedureCode: string): string {
  const name = KEY_PREFIX + procedureCode
  try {
    const saved = sessionStorage.getItem(name)
    if (saved) return saved
    const key = uuid()
    sessionStorage.setItem(name, key)
    return key
  } catch {
    return uuid()
  }
}

/** After a successful submission the next one is a new request with a new key. */
export function clearSubmissionKey(procedureCode: string): void {
  try {
    sessionStorage.removeItem(KEY_PREFIX + procedureCode)
  } catch {
    // storage unavailable: nothing was kept
  }
}
