import type { ProcedureContent, StoredFileT } from '../../../api/types.ts'
import { toFormData } from '../../../components/dossier/submitModel.ts'
import type { ApplicantInput, CreateDossierBody, ReturnChannelT } from './types.ts'

export type IntakeChannel = 'counter' | 'post'
export type ProcedureComponentT = ProcedureContent['components'][number]
/** Scanned/uploaded files per component, by the component's position in the procedure's list. */
export type FilesByComponent = Record<number, StoredFileT[]>

/** What the counter intake form holds (the e-form nested under `formData`, dates as dayjs). */
export interface IntakeValues {
  channel: IntakeChannel
  postalReceiptNumber?: string
  procedureCode?: string
  agencyCode?: string
  applicant?: Partial<Record<keyof ApplicantInput, string>>
  formData?: Record<string, unknown>
  components?: { originalSighted?: boolean; paperCopies?: number | null }[]
  sets?: number | null
  returnChannel: ReturnChannelT
  returnAddress?: string
  note?: string
}

export const INTAKE_DEFAULTS: Partial<IntakeValues> = { channel: 'counter', returnChannel: 'counter', sets: 1 }

const trimmed = (v: string | undefined) => {
  const s = v?.trim()
  return s ? s : undefined
}

/** Required components with neither a scan nor a paper copy counted (the server refuses those too). */
export function missingComponents(components: readonly ProcedureComponentT[], values: IntakeValues, files: FilesByComponent): number[] {
  return components
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => c.required && (files[i]?.length ?? 0) === 0 && (values.components?.[i]?.paperCopies ?? 0) <= 0)
    .map(({ i }) => i)
}

/** Form values → `POST /dossiers` body. One entry per component, in the procedure's order (so error paths match the form). */
export function toIntakeBody(content: ProcedureContent, values: IntakeValues, files: FilesByComponent): CreateDossierBody {
  const a = values.applicant ?? {}
  const returnAddress = values.returnChannel === 'post' ? trimmed(values.returnAddress) : undefined
  const postalReceiptNumber = values.channel === 'post' ? trimmed(values.postalReceiptNumber) : undefined
  const note = trimmed(values.note)
  return {
    procedureCode: content.code,
    ...(values.agencyCode ? { agencyCode: values.agencyCode } : {}),
    channel: values.channel,
    applicant: {
      fullName: (a.fullName ?? '').trim(),
      idNumber: (a.idNumber ?? '').trim(),
      phone: (a.phone ?? '').trim(),
      email: (a.email ?? '').trim(),
      address: (a.address ?? '').trim(),
    },
    formData: toFormData(content.eForm.fields, values.formData),
    components: content.components.map((_, i) => ({
      index: i,
      fileIds: (files[i] ?? []).map((f) => f.id),
      originalSighted: values.components?.[i]?.originalSighted === true,
      paperCopies: values.components?.[i]?.paperCopies ?? 0,
    })),
    sets: values.sets ?? 1,
    returnChannel: values.returnChannel,
    ...(returnAddress ? { returnAddress } : {}),
    ...(postalReceiptNumber ? { postalReceiptNumber } : {}),
    ...(note ? { note } : {}),
  }
}
