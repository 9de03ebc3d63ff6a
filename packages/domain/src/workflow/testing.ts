/**
 * Test helpers only: the process versions, resolver and event builders shared by the runtime's
 * example-based and model-based tests.
 */
import type { ProcessDefinition } from './definition.ts'
import type { ProcessingEvent, ProcessResolver, ReturnChannel } from './runtime.ts'
import { standardProcess } from './samples.ts'

export const COMMUNE = { agencyId: 'ubnd-xa-an-binh', processVersionId: 'xa-v1' } as const
export const PROVINCE = { agencyId: 'so-tnmt', processVersionId: 'tinh-v1' } as const
/** A version whose first step does not exist (an unpublishable draft): nothing may enter it. */
export const BROKEN = { agencyId: 'so-hong', processVersionId: 'hong-v1' } as const

/**
 * The province's variant: other step ids, a branch (a council reviews large plots), two steps
 * after the leader signs, with a return between them and one back before the signature.
 */
export function provinceProcess(): ProcessDefinition {
  const day = { value: 1, unit: 'working_day' } as const
  return {
    startStepId: 'tiep-nhan',
    steps: [
      { id: 'tiep-nhan', name: 'Tiếp nhận, phân công', kind: 'task', role: 'unit_head', unitId: 'phong-dd', duration: day },
      { id: 'tham-tra', name: 'Thẩm tra hồ sơ', kind: 'task', role: 'processing_officer', unitId: 'phong-dd', duration: day },
      { id: 'hoi-dong', name: 'Hội đồng thẩm định', kind: 'task', role: 'processing_officer', unitId: null, duration: day },
      { id: 'giam-doc-ky', name: 'Giám đốc ký', kind: 'approval', role: 'agency_leader', unitId: null, duration: day },
      { id: 'dong-dau', name: 'Đóng dấu', kind: 'task', role: 'clerk', unitId: null, duration: day },
      { id: 'vao-so', name: 'Vào sổ, phát hành', kind: 'task', role: 'clerk', unitId: null, duration: day },
      { id: 'tra-kq', name: 'Trả kết quả', kind: 'result', role: 'receiving_officer', unitId: null, duration: day },
    ],
    transitions: [
      { from: 'tiep-nhan', to: 'tham-tra', kind: 'forward' },
      { from: 'tham-tra', to: 'hoi-dong', kind: 'forward', condition: { field: 'dienTich', op: 'gte', value: 500 } },
      { from: 'tham-tra', to: 'giam-doc-ky', kind: 'forward' },
      { from: 'hoi-dong', to: 'giam-doc-ky', kind: 'forward' },
      { from: 'giam-doc-ky', to: 'dong-dau', kind: 'forward' },
      { from: 'dong-dau', to: 'vao-so', kind: 'forward' },
      { from: 'vao-so', to: 'tra-kq', kind: 'forward' },
      { from: 'tham-tra', to: 'tiep-nhan', kind: 'return' },
      { from: 'hoi-dong', to: 'tham-tra', kind: 'return' },
      { from: 'giam-doc-ky', to: 'tham-tra', kind: 'return' },
      { from: 'dong-dau', to: 'tham-tra', kind: 'return' },
      { from: 'vao-so', to: 'dong-dau', kind: 'return' },
    ],
  }
}

export function brokenProcess(): ProcessDefinition {
  return { ...standardProcess(), startStepId: 'khong-co' }
}

export const VERSIONS: Readonly<Record<string, ProcessDefinition>> = {
  [COMMUNE.processVersionId]: standardProcess(),
  [PROVINCE.processVersionId]: provinceProcess(),
  [BROKEN.processVersionId]: brokenProcess(),
}

export function resolver(
  form: Record<string, unknown> = {},
  versions: Readonly<Record<string, ProcessDefinition>> = VERSIONS,
): ProcessResolver {
  return { definition: (id) => versions[id], form }
}

/** 23/11/2026 08:00 in Vietnam, and `minutes` later. */
export const at = (minutes = 0): Date => new Date(Date.parse('2026-11-23T08:00:00+07:00') + minutes * 60_000)

/** One builder per event, each taking its time in minutes after `at(0)` last. */
export const ev = {
  start: (to: { agencyId: string; processVersionId: string } = COMMUNE, stepId = 'tham-dinh', t = 0): ProcessingEvent => ({
    type: 'process_started',
    at: at(t),
    ...to,
    stepId,
  }),
  assign: (userId: string | null, unitId: string | null = null, t = 0): ProcessingEvent => ({
    type: 'assigned',
    at: at(t),
    unitId,
    userId,
  }),
  reassign: (userId: string | null, unitId: string | null = null, t = 0): ProcessingEvent => ({
    type: 'reassigned',
    at: at(t),
    unitId,
    userId,
    reason: 'Chuyên viên nghỉ phép',
  }),
  forward: (toStepId: string, t = 0, userId: string | null = null): ProcessingEvent => ({
    type: 'forwarded',
    at: at(t),
    toStepId,
    opinion: 'Đủ điều kiện',
    userId,
  }),
  back: (toStepId: string, t = 0): ProcessingEvent => ({ type: 'returned', at: at(t), toStepId, reason: 'Cần thẩm định lại' }),
  consult: (consultId: string, t = 0): ProcessingEvent => ({
    type: 'consult_requested',
    at: at(t),
    consultId,
    targetAgencyId: 'so-xay-dung',
    targetUnitId: null,
    question: 'Xin ý kiến về quy hoạch',
    dueAt: at(t + 3 * 24 * 60),
  }),
  answer: (consultId: string, t = 0): ProcessingEvent => ({ type: 'consult_answered', at: at(t), consultId, answer: 'Thống nhất' }),
  transfer: (to: { agencyId: string; processVersionId: string } = PROVINCE, stepId = 'tiep-nhan', t = 0): ProcessingEvent => ({
    type: 'transferred',
    at: at(t),
    ...to,
    stepId,
    reason: 'Thuộc thẩm quyền cấp tỉnh',
  }),
  approve: (t = 0): ProcessingEvent => ({ type: 'approved', at: at(t), opinion: 'Đồng ý' }),
  refuse: (t = 0): ProcessingEvent => ({ type: 'refused', at: at(t), reason: 'Không đủ điều kiện' }),
  pause: (t = 0): ProcessingEvent => ({ type: 'paused', at: at(t), reason: 'Chờ kết quả đo đạc' }),
  resume: (t = 0): ProcessingEvent => ({ type: 'resumed', at: at(t) }),
  askSupplement: (t = 0): ProcessingEvent => ({ type: 'supplement_requested', at: at(t), reason: 'Thiếu bản vẽ' }),
  supplement: (t = 0): ProcessingEvent => ({ type: 'supplement_submitted', at: at(t) }),
  extend: (workingMinutes = 480, t = 0): ProcessingEvent => ({ type: 'extended', at: at(t), workingMinutes, reason: 'Gia hạn' }),
  apologise: (t = 0): ProcessingEvent => ({ type: 'apology_issued', at: at(t), newDueAt: at(t + 5 * 24 * 60), reason: 'Quá hạn' }),
  attach: (fileId = 'qd-001', t = 0): ProcessingEvent => ({ type: 'result_attached', at: at(t), fileId }),
  hand: (channel: ReturnChannel = 'counter', t = 0, postalTracking: string | null = null): ProcessingEvent => ({
    type: 'result_returned',
    at: at(t),
    channel,
    postalTracking,
  }),
  postal: (status: 'in_transit' | 'delivered' | 'returned_to_sender' = 'delivered', t = 0): ProcessingEvent => ({
    type: 'postal_status',
    at: at(t),
    status,
  }),
  rate: (score: number, t = 0): ProcessingEvent => ({ type: 'rated', at: at(t), score, comment: null }),
}
