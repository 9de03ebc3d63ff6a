import dayjs, { type Dayjs } from 'dayjs'
import type { ProcedureContent } from '../../api/types.ts'
import { ISO_DATE } from '../../lib/format.ts'

type C = ProcedureContent

/** Form shape: the content itself, except dates are Dayjs for the pickers. */
export type ProcedureFormValues = Omit<C, 'legalBasis'> & {
  legalBasis: (Omit<C['legalBasis'][number], 'issuedOn'> & { issuedOn?: Dayjs | null })[]
}

export const emptyContent = (): Partial<ProcedureFormValues> => ({
  levels: ['commune'],
  agencyCodes: [],
  applicantTypes: ['citizen'],
  processingTime: { value: 1, unit: 'working_day' },
  fees: [],
  components: [{ name: '', form: 'original', quantity: 1, required: true }],
  results: [''],
  legalBasis: [],
  conditions: '',
  onlineType: 'none',
  legacyLevel: 2,
  eForm: { fields: [] },
  sources: [],
  unverified: [],
})

export function toFormValues(c: C): ProcedureFormValues {
  return { ...c, legalBasis: c.legalBasis.map((l) => ({ ...l, issuedOn: l.issuedOn ? dayjs(l.issuedOn) : null })) }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
/** Drops keys whose value is undefined, so strict schemas see absent optional fields. */
const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

/** Turns all stored form values back into a ProcedureContent candidate (validated by the caller). */
export function fromFormValues(v: Partial<ProcedureFormValues>): unknown {
  return {
    code: (v.code ?? '').trim(),
    name: v.name ?? '',
    field: v.field ?? '',
    levels: v.levels ?? [],
    agencyCodes: v.agencyCodes ?? [],
    applicantTypes: v.applicantTypes ?? [],
    processingTime: compact({
      value: v.processingTime?.value,
      unit: v.processingTime?.unit,
      note: text(v.processingTime?.note),
    }),
    fees: (v.fees ?? []).map((f) => compact({ name: f.name ?? '', amountVnd: f.amountVnd ?? null, note: text(f.note) })),
    components: (v.components ?? []).map((c) =>
      compact({
        name: c.name ?? '',
        form: c.form,
        quantity: c.quantity,
        required: c.required ?? false,
        templateName: text(c.templateName),
        templateFileId: text(c.templateFileId),
        note: text(c.note),
      }),
    ),
    results: (v.results ?? []).map((r) => r ?? ''),
    legalBasis: (v.legalBasis ?? []).map((l) =>
      compact({ number: l.number ?? '', title: l.title ?? '', issuedOn: l.issuedOn ? l.issuedOn.format(ISO_DATE) : undefined }),
    ),
    conditions: v.conditions ?? '',
    onlineType: v.onlineType,
    legacyLevel: v.legacyLevel,
    eForm: {
      fields: (v.eForm?.fields ?? []).map((f) =>
        compact({ ...f, required: f.required ?? false, help: text(f.help), pattern: text(f.pattern) }),
      ),
    },
    sources: v.sources ?? [],
    unverified: v.unverified ?? [],
  }
}
