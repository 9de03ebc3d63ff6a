import type { FormAgency, FormApplicant, FormComponent, ReceiptData, RefusalData, SupplementData } from './form-data.ts'

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
