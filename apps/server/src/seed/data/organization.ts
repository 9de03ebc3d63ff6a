import type { AgencyKind } from '@congso/contracts'

/**
 * DEMO organisation: a fictional province "Tỉnh Demo" with level-1 code H99 (format valid under
 * QCVN 102:2016; not, as far as we know, assigned to a real province). Departments follow the
 * post-2025 line-up; communes are xã/phường/đặc khu with their own service centers.
 */
export interface SeedAgency {
  key: string
  code: string | null
  name: string
  shortName?: string
  kind: AgencyKind
  parent: string | null
  address?: string
}

const P = 'H99'

export const province: SeedAgency = { key: 'province', code: `000.00.00.${P}`, name: 'Ủy ban nhân dân Tỉnh Demo', shortName: 'UBND tỉnh', kind: 'province', parent: null, address: 'Số 1 Đường Trung Tâm, Tỉnh Demo' }

export const departments: SeedAgency[] = [
  { key: 'vpubnd', code: `000.00.01.${P}`, name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'VP UBND', kind: 'department', parent: 'province' },
  { key: 'stp', code: `000.00.02.${P}`, name: 'Sở Tư pháp', shortName: 'STP', kind: 'department', parent: 'province' },
  { key: 'stc', code: `000.00.03.${P}`, name: 'Sở Tài chính', shortName: 'STC', kind: 'department', parent: 'province' },
  { key: 'sxd', code: `000.00.04.${P}`, name: 'Sở Xây dựng', shortName: 'SXD', kind: 'department', parent: 'province' },
  { key: 'snnmt', code: `000.00.05.${P}`, name: 'Sở Nông nghiệp và Môi trường', shortName: 'SNNMT', kind: 'department', parent: 'province' },
  { key: 'syt', code: `000.00.06.${P}`, name: 'Sở Y tế', shortName: 'SYT', kind: 'department', parent: 'province' },
  { key: 'sgddt', code: `000.00.07.${P}`, name: 'Sở Giáo dục và Đào tạo', shortName: 'SGDĐT', kind: 'department', parent: 'province' },
  { key: 'sct', code: `000.00.08.${P}`, name: 'Sở Công Thương', shortName: 'SCT', kind: 'department', parent: 'province' },
  { key: 'snv', code: `000.00.09.${P}`, name: 'Sở Nội vụ', shortName: 'SNV', kind: 'department', parent: 'province' },
  { key: 'ttpvhcc', code: `000.00.10.${P}`, name: 'Trung tâm Phục vụ hành chính công tỉnh', shortName: 'TTPVHCC', kind: 'service_center', parent: 'province' },
  { key: 'stp.hctp', code: null, name: 'Phòng Hành chính tư pháp', kind: 'unit', parent: 'stp' },
  { key: 'stp.bttp', code: null, name: 'Phòng Bổ trợ tư pháp', kind: 'unit', parent: 'stp' },
  { key: 'stp.vp', code: null, name: 'Văn phòng Sở', kind: 'unit', parent: 'stp' },
  { key: 'stc.dkkd', code: null, name: 'Phòng Đăng ký kinh doanh', kind: 'unit', parent: 'stc' },
  { key: 'ttpvhcc.tn', code: null, name: 'Bộ phận Tiếp nhận và Trả kết quả', kind: 'unit', parent: 'ttpvhcc' },
]

const communeNames: [string, string][] = [
  ['phuong-trung-tam', 'Phường Trung Tâm'],
  ['phuong-bac-son', 'Phường Bắc Sơn'],
  ['xa-hoa-binh', 'Xã Hòa Bình'],
  ['xa-an-phu', 'Xã An Phú'],
  ['dac-khu-hon-ngoc', 'Đặc khu Hòn Ngọc'],
]

/** Two-level layout (since 01/07/2025): communes directly under the province, codes at level 2. */
export function twoLevelCommunes(): SeedAgency[] {
  return communeNames.flatMap(([key, name], i) => {
    const l2 = String(31 + i).padStart(2, '0')
    return [
      { key, code: `000.00.${l2}.${P}`, name: `Ủy ban nhân dân ${name}`, shortName: name, kind: 'commune' as const, parent: 'province' },
      { key: `${key}.tt`, code: `000.01.${l2}.${P}`, name: `Trung tâm Phục vụ hành chính công ${name}`, kind: 'service_center' as const, parent: key },
      { key: `${key}.vhxh`, code: null, name: 'Phòng Văn hóa - Xã hội', kind: 'unit' as const, parent: key },
    ]
  })
}

/** Three-level layout (before 01/07/2025, or by choice): two districts at level 2, their communes at level 3. */
export function threeLevelCommunes(): SeedAgency[] {
  const districts: SeedAgency[] = [
    { key: 'tp-demo', code: `000.00.20.${P}`, name: 'Ủy ban nhân dân Thành phố Demo', shortName: 'TP Demo', kind: 'district', parent: 'province' },
    { key: 'huyen-an-phu', code: `000.00.21.${P}`, name: 'Ủy ban nhân dân Huyện An Phú', shortName: 'H. An Phú', kind: 'district', parent: 'province' },
  ]
  const communes = communeNames.flatMap(([key, name], i) => {
    const district = i < 2 ? districts[0]! : districts[1]!
    const l3 = String(i + 1).padStart(2, '0')
    const l2 = district.code!.split('.')[2]!
    return [
      { key, code: `000.${l3}.${l2}.${P}`, name: `Ủy ban nhân dân ${name}`, shortName: name, kind: 'commune' as const, parent: district.key },
      { key: `${key}.vhxh`, code: null, name: 'Công chức Văn hóa - Xã hội', kind: 'unit' as const, parent: key },
    ]
  })
  return [...districts, ...communes]
}

export interface SeedOfficer {
  username: string
  fullName: string
  agency: string
  unit?: string
  roles: ('system_admin' | 'agency_admin' | 'receiving_officer' | 'processing_officer' | 'unit_head' | 'agency_leader' | 'clerk')[]
}

export const officers: SeedOfficer[] = [
  { username: 'admin', fullName: 'Trần Quốc Quản', agency: 'province', roles: ['system_admin'] },
  { username: 'quantri.stp', fullName: 'Lê Thị Hạnh', agency: 'stp', unit: 'stp.vp', roles: ['agency_admin'] },
  { username: 'motcua', fullName: 'Phạm Thu Trang', agency: 'ttpvhcc', unit: 'ttpvhcc.tn', roles: ['receiving_officer'] },
  { username: 'chuyenvien', fullName: 'Nguyễn Minh Đức', agency: 'stp', unit: 'stp.hctp', roles: ['processing_officer'] },
  { username: 'truongphong', fullName: 'Hoàng Văn Bình', agency: 'stp', unit: 'stp.hctp', roles: ['unit_head'] },
  { username: 'lanhdao', fullName: 'Vũ Thị Lan', agency: 'stp', roles: ['agency_leader'] },
  { username: 'vanthu', fullName: 'Đặng Thị Mai', agency: 'stp', unit: 'stp.vp', roles: ['clerk'] },
  { username: 'motcua.xa', fullName: 'Bùi Văn Nam', agency: 'phuong-trung-tam', roles: ['receiving_officer'] },
  { username: 'lanhdao.xa', fullName: 'Đỗ Thị Hoa', agency: 'phuong-trung-tam', roles: ['agency_leader'] },
  // The commune's own staff, so its internal processes (specialist → unit head → leader → clerk) can run.
  { username: 'chuyenvien.xa', fullName: 'Lý Thanh Tùng', agency: 'phuong-trung-tam', unit: 'phuong-trung-tam.vhxh', roles: ['processing_officer'] },
  { username: 'truongphong.xa', fullName: 'Mai Thị Thu', agency: 'phuong-trung-tam', unit: 'phuong-trung-tam.vhxh', roles: ['unit_head'] },
  { username: 'vanthu.xa', fullName: 'Tạ Văn Khoa', agency: 'phuong-trung-tam', roles: ['clerk'] },
]

export const demoCitizen = {
  fullName: 'Nguyễn Văn An',
  citizenId: '001090012345',
  phone: '0912345678',
  email: 'nguyenvanan@example.com',
}
