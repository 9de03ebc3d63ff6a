import type { ProcessDefinition } from './definition.ts'

/**
 * The usual internal process of a department (ISO 9001 style): the one-stop counter hands over,
 * a specialist appraises, the unit head checks, the leader signs, the clerk numbers and issues,
 * the counter returns the result. Used by the demo data and the tests; real ones are built in
 * the process editor.
 */
export function standardProcess(units: { specialistUnitId: string | null } = { specialistUnitId: null }): ProcessDefinition {
  return {
    startStepId: 'tham-dinh',
    steps: [
      {
        id: 'tham-dinh',
        name: 'Thẩm định hồ sơ',
        kind: 'task',
        role: 'processing_officer',
        unitId: units.specialistUnitId,
        duration: { value: 3, unit: 'working_day' },
      },
      {
        id: 'kiem-tra',
        name: 'Trưởng phòng kiểm tra',
        kind: 'task',
        role: 'unit_head',
        unitId: units.specialistUnitId,
        duration: { value: 1, unit: 'working_day' },
      },
      {
        id: 'phe-duyet',
        name: 'Lãnh đạo phê duyệt, ký',
        kind: 'approval',
        role: 'agency_leader',
        unitId: null,
        duration: { value: 1, unit: 'working_day' },
      },
      {
        id: 'phat-hanh',
        name: 'Văn thư vào số, phát hành',
        kind: 'task',
        role: 'clerk',
        unitId: null,
        duration: { value: 4, unit: 'working_hour' },
      },
      {
        id: 'tra-ket-qua',
        name: 'Trả kết quả',
        kind: 'result',
        role: 'receiving_officer',
        unitId: null,
        duration: { value: 4, unit: 'working_hour' },
      },
    ],
    transitions: [
      { from: 'tham-dinh', to: 'kiem-tra', kind: 'forward' },
      { from: 'kiem-tra', to: 'phe-duyet', kind: 'forward' },
      { from: 'kiem-tra', to: 'tham-dinh', kind: 'return', label: 'Trả lại chuyên viên' },
      { from: 'phe-duyet', to: 'phat-hanh', kind: 'forward' },
      { from: 'phe-duyet', to: 'kiem-tra', kind: 'return', label: 'Trả lại trưởng phòng' },
      { from: 'phe-duyet', to: 'tham-dinh', kind: 'return', label: 'Trả lại chuyên viên' },
      { from: 'phat-hanh', to: 'tra-ket-qua', kind: 'forward' },
    ],
  }
}
