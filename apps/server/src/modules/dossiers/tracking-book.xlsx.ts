import type { DossierStatus } from '@congso/domain'
import ExcelJS from 'exceljs'
import type { trackingBookRows } from './lists.service.ts'

type BookRow = Awaited<ReturnType<typeof trackingBookRows>>[number]

const STATUS: Record<DossierStatus, string> = {
  submitted: 'Chờ tiếp nhận',
  supplement_requested: 'Yêu cầu bổ sung',
  accepted: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  paused: 'Tạm dừng',
  result_ready: 'Đã có kết quả',
  completed: 'Đã trả kết quả',
  refused: 'Từ chối tiếp nhận',
  withdrawn: 'Đã rút',
}
const CHANNEL: Record<string, string> = { online: 'Trực tuyến', counter: 'Trực tiếp', post: 'Bưu chính' }
const FLAG: Record<string, string> = { on_time: 'Trong hạn', due_soon: 'Sắp đến hạn', overdue: 'Quá hạn' }

/** Excel dates are wall-clock values: shift to Vietnam time so the sheet shows what the officer saw. */
const vn = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 7 * 3600_000) : null)

/**
 * The tracking book (Sổ theo dõi hồ sơ, Circular 01/2018 form 06 [check]) as an Excel sheet: one
 * row per dossier, with the columns of the form that the reception stage knows.
 */
export async function trackingBookXlsx(rows: readonly BookRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Congso'
  const ws = wb.addWorksheet('SoTheoDoi', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 } })
  ws.mergeCells('A1:N1')
  ws.getCell('A1').value = 'SỔ THEO DÕI HỒ SƠ'
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A1').alignment = { horizontal: 'center' }
  ws.mergeCells('A2:N2')
  ws.getCell('A2').value = title
  ws.getCell('A2').alignment = { horizontal: 'center' }
  const header = [
    ['TT', 6],
    ['Mã hồ sơ', 28],
    ['Tên thủ tục', 40],
    ['Số lượng hồ sơ (bộ)', 10],
    ['Tên cá nhân, tổ chức', 26],
    ['Địa chỉ, số điện thoại', 34],
    ['Cơ quan chủ trì giải quyết', 30],
    ['Hình thức nộp', 12],
    ['Ngày nộp', 17],
    ['Ngày tiếp nhận', 17],
    ['Ngày hẹn trả kết quả', 17],
    ['Trạng thái', 18],
    ['Tiến độ', 12],
    ['Số vào sổ', 10],
  ] as const
  const h = ws.getRow(4)
  header.forEach(([name, width], i) => {
    h.getCell(i + 1).value = name
    ws.getColumn(i + 1).width = width
  })
  h.font = { bold: true }
  h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' }
  rows.forEach((r, i) => {
    const row = ws.getRow(5 + i)
    row.values = [
      i + 1,
      r.code,
      r.procedureName,
      r.sets,
      r.applicantName,
      [r.applicant.address, r.applicant.phone].filter(Boolean).join(' — '),
      r.agencyName,
      CHANNEL[r.channel] ?? r.channel,
      vn(r.submittedAt),
      vn(r.acceptedAt),
      vn(r.dueAt),
      STATUS[r.status] ?? r.status,
      r.flag ? (FLAG[r.flag] ?? r.flag) : '',
      r.bookNo ?? '',
    ]
    for (const c of [9, 10, 11]) row.getCell(c).numFmt = 'dd/mm/yyyy hh:mm'
  })
  ws.views = [{ state: 'frozen', ySplit: 4 }]
  ws.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: header.length } }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
