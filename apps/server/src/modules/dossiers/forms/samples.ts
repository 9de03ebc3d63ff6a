import type {
  ApologyData,
  ControlSheetData,
  ControlSheetRow,
  FormAgency,
  FormApplicant,
  FormComponent,
  ReceiptData,
  RefusalData,
  SupplementData,
} from './form-data.ts'

/**
 * Realistic sample data for the forms: shared by the tests and by render-samples.ts, so what a
 * person looks at is what the tests check. A birth registration at the Demo province's
 * Department of Justice, received on Monday 23/11/2026 at 08:30 (Vietnam time).
 */

export const SAMPLE_AGENCY: FormAgency = {
  name: 'Sở Tư pháp Tỉnh Demo',
  parentName: 'UBND TỈNH DEMO',
  code: '000.00.11.H99',
  place: 'Demo',
}
export const SAMPLE_CODE = '000.00.11.H99-261123-0001'
export const SAMPLE_TRACKING_URL = `https://dichvucong.demo.gov.vn/tra-cuu-ho-so/${SAMPLE_CODE}`

export const SAMPLE_APPLICANT: FormApplicant = {
  name: 'Nguyễn Thị Hồng Nhung',
  idNumber: '001190012345',
  address: 'Số 12 đường Lê Lợi, phường Trần Hưng Đạo, tỉnh Demo',
  phone: '0912 345 678',
  email: 'nhung.nguyen@example.vn',
}

export const SAMPLE_COMPONENTS: FormComponent[] = [
  { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', form: 'original', quantity: 1 },
  { name: 'Giấy chứng sinh do cơ sở y tế cấp', form: 'original', quantity: 1 },
  { name: 'Giấy chứng nhận kết hôn của cha, mẹ', form: 'copy', quantity: 1 },
  { name: 'Văn bản ủy quyền có chứng thực (trường hợp ủy quyền)', form: 'either', quantity: 1 },
]

/** 08:30 on 23/11/2026 in Vietnam. */
export const SAMPLE_RECEIVED_AT = new Date('2026-11-23T01:30:00Z')

export function sampleReceipt(components: FormComponent[] = SAMPLE_COMPONENTS): ReceiptData {
  return {
    agency: SAMPLE_AGENCY,
    dossierCode: SAMPLE_CODE,
    applicant: SAMPLE_APPLICANT,
    procedureName: 'Đăng ký khai sinh',
    components,
    sets: 1,
    processingTime: '10 ngày làm việc',
    receivedAt: SAMPLE_RECEIVED_AT,
    // 16:30 on Friday 04/12/2026 in Vietnam.
    appointmentAt: new Date('2026-12-04T09:30:00Z'),
    returnChannel: 'counter',
    officerName: 'Trần Văn Đức',
    bookVolume: '01/2026',
    bookNumber: 1287,
    trackingUrl: SAMPLE_TRACKING_URL,
  }
}

const KINDS = ['Bản sao trích lục hộ tịch', 'Giấy xác nhận tình trạng hôn nhân', 'Sổ hộ khẩu gia đình', 'Giấy tờ chứng minh nơi cư trú']

/** Many components, to push the table onto a second page. */
export function manyComponents(n: number): FormComponent[] {
  const forms: FormComponent['form'][] = ['original', 'copy', 'either']
  return Array.from({ length: n }, (_, i) => ({
    name: `${KINDS[i % KINDS.length] ?? 'Giấy tờ'} số ${i + 1}`,
    form: forms[i % forms.length] ?? 'original',
    quantity: 1 + (i % 3),
  }))
}

export function sampleSupplement(): SupplementData {
  return {
    agency: SAMPLE_AGENCY,
    dossierCode: SAMPLE_CODE,
    applicant: SAMPLE_APPLICANT,
    procedureName: 'Đăng ký khai sinh',
    issuedAt: SAMPLE_RECEIVED_AT,
    items: [
      { name: 'Giấy chứng sinh do cơ sở y tế cấp', reason: 'Bản nộp là bản chụp, cần nộp bản chính' },
      { name: 'Tờ khai đăng ký khai sinh', reason: 'Thiếu chữ ký của người đi đăng ký; ghi sai ngày, tháng, năm sinh của người mẹ' },
    ],
    officerName: 'Trần Văn Đức',
    trackingUrl: SAMPLE_TRACKING_URL,
  }
}

export function sampleRefusal(): RefusalData {
  return {
    agency: SAMPLE_AGENCY,
    dossierCode: SAMPLE_CODE,
    applicant: SAMPLE_APPLICANT,
    procedureName: 'Đăng ký khai sinh',
    issuedAt: SAMPLE_RECEIVED_AT,
    reason:
      'Việc đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam có cha, mẹ đều là công dân Việt Nam cư trú trong nước thuộc thẩm quyền của Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ, không thuộc thẩm quyền của Sở Tư pháp.\nĐề nghị Ông/Bà nộp hồ sơ tại Ủy ban nhân dân phường Trần Hưng Đạo.',
    officerName: 'Trần Văn Đức',
    trackingUrl: SAMPLE_TRACKING_URL,
  }
}

/** A time in Vietnam (UTC+7) on a day of the sample's November–December 2026. */
const vn = (isoLocal: string): Date => new Date(`${isoLocal}:00+07:00`)

const ONE_STOP = 'Bộ phận Một cửa Sở Tư pháp'
const CIVIL_STATUS = 'Phòng Hành chính tư pháp'

/**
 * The birth registration on its way: out from the counter, to the ward police for a residence check
 * (which overran its two days), back to the counter once signed, with the return to the applicant
 * still to come.
 */
export const SAMPLE_CONTROL_ROWS: ControlSheetRow[] = [
  {
    fromName: ONE_STOP,
    toName: CIVIL_STATUS,
    handedOverAt: vn('2026-11-23T09:10'),
    giver: 'Trần Văn Đức',
    receiver: 'Lê Thị Mai',
    outcome: 'early',
    note: null,
  },
  {
    fromName: CIVIL_STATUS,
    toName: 'Công an phường Trần Hưng Đạo',
    handedOverAt: vn('2026-11-24T14:00'),
    giver: 'Lê Thị Mai',
    receiver: 'Phạm Quốc Huy',
    outcome: 'on_time',
    note: 'Xác minh nơi cư trú, thời hạn 02 ngày làm việc',
  },
  {
    fromName: 'Công an phường Trần Hưng Đạo',
    toName: CIVIL_STATUS,
    handedOverAt: vn('2026-11-30T10:45'),
    giver: 'Phạm Quốc Huy',
    receiver: 'Lê Thị Mai',
    outcome: 'late',
    note: 'Trả kết quả xác minh chậm 01 ngày làm việc',
  },
  {
    fromName: CIVIL_STATUS,
    toName: ONE_STOP,
    handedOverAt: vn('2026-12-02T10:15'),
    giver: 'Lê Thị Mai',
    receiver: 'Trần Văn Đức',
    outcome: 'early',
    note: 'Trích lục khai sinh đã được Lãnh đạo Sở ký số',
  },
  {
    fromName: ONE_STOP,
    toName: 'Tổ chức, cá nhân',
    handedOverAt: null,
    giver: null,
    receiver: null,
    outcome: null,
    note: null,
  },
]

export function sampleControlSheet(rows: ControlSheetRow[] = SAMPLE_CONTROL_ROWS): ControlSheetData {
  return {
    agency: SAMPLE_AGENCY,
    dossierCode: SAMPLE_CODE,
    applicantName: SAMPLE_APPLICANT.name,
    procedureName: 'Đăng ký khai sinh',
    competentAgencyName: 'Phòng Hành chính tư pháp',
    receivedAt: SAMPLE_RECEIVED_AT,
    dueAt: new Date('2026-12-04T09:30:00Z'),
    rows,
    printedAt: vn('2026-12-02T10:30'),
    trackingUrl: SAMPLE_TRACKING_URL,
  }
}

const UNITS = [
  'Phòng Hành chính tư pháp',
  'Ủy ban nhân dân phường Trần Hưng Đạo',
  'Công an tỉnh Demo (Phòng Cảnh sát quản lý hành chính về trật tự xã hội)',
  'Lãnh đạo Sở Tư pháp',
]
const OUTCOMES: ControlSheetRow['outcome'][] = ['early', 'on_time', 'late', null]

/** Many hand-overs, one every three hours, to push the table onto further pages. */
export function manyControlRows(n: number): ControlSheetRow[] {
  return Array.from({ length: n }, (_, i) => ({
    fromName: `${UNITS[i % UNITS.length] ?? 'Đơn vị'} (bước ${i + 1})`,
    toName: `${UNITS[(i + 1) % UNITS.length] ?? 'Đơn vị'} (bước ${i + 2})`,
    handedOverAt: new Date(SAMPLE_RECEIVED_AT.getTime() + (i + 1) * 3 * 3600_000),
    giver: `Cán bộ Giao ${i + 1}`,
    receiver: `Cán bộ Nhận ${i + 1}`,
    outcome: OUTCOMES[i % OUTCOMES.length] ?? null,
    note: i % 5 === 0 ? `Ghi chú của bước ${i + 1}` : null,
  }))
}

export function sampleApology(): ApologyData {
  return {
    agency: SAMPLE_AGENCY,
    dossierCode: SAMPLE_CODE,
    applicantName: SAMPLE_APPLICANT.name,
    procedureName: 'Đăng ký khai sinh',
    receivedAt: SAMPLE_RECEIVED_AT,
    originalDueAt: new Date('2026-12-04T09:30:00Z'),
    newDueAt: vn('2026-12-11T16:30'),
    reason:
      'Hồ sơ cần xác minh thông tin về nơi cư trú của người mẹ tại Công an phường Trần Hưng Đạo; đến nay Sở Tư pháp chưa nhận được kết quả xác minh nên chưa đủ căn cứ để cấp trích lục khai sinh.',
    number: '152/PXL-STP',
    issuedAt: vn('2026-12-03T09:00'),
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: 'Hoàng Minh Tuấn',
    trackingUrl: SAMPLE_TRACKING_URL,
  }
}
