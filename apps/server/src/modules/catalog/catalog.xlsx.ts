import ExcelJS from 'exceljs'
import type { CellValue, Worksheet } from 'exceljs'
import type { ProcedureContent } from '@congso/contracts'
import { foldVietnamese } from '@congso/domain'
import type { ImportRowError, Locate } from './catalog.import.ts'

/**
 * The Excel layout of the procedure catalog (docs/catalog-import-format.md). Every sheet has the
 * Vietnamese header in row 1 and the machine key in row 2; data starts in row 3. Columns are found
 * by key (or, when row 2 has no keys, by header), so their order may change. Lists of components,
 * fees and legal bases have a sheet each, one row per entry, keyed by the procedure code and kept
 * in row order. Empty cells mean "absent" (or the default: empty list, empty text).
 */

type Kind = 'text' | 'number' | 'bool' | 'list' | 'lines' | 'json' | 'date'
interface Column {
  key: string
  header: string
  kind: Kind
  width: number
  /** An empty cell means null rather than absent. */
  nullable?: boolean
}
const col = (key: string, header: string, kind: Kind = 'text', width = 20, nullable = false): Column => ({
  key,
  header,
  kind,
  width,
  nullable,
})

export const SHEET_PROCEDURES = 'ThuTuc'
export const SHEET_COMPONENTS = 'ThanhPhan'
export const SHEET_FEES = 'PhiLePhi'
export const SHEET_LEGAL = 'CanCuPhapLy'

const PROCEDURE_COLUMNS: Column[] = [
  col('code', 'Mã thủ tục', 'text', 16),
  col('name', 'Tên thủ tục', 'text', 50),
  col('field', 'Lĩnh vực', 'text', 25),
  col('levels', 'Cấp thực hiện', 'list'),
  col('agencyCodes', 'Mã cơ quan thực hiện', 'list'),
  col('applicantTypes', 'Đối tượng thực hiện', 'list'),
  col('processingTime.value', 'Thời hạn giải quyết', 'number', 12),
  col('processingTime.unit', 'Đơn vị thời hạn', 'text', 14),
  col('processingTime.note', 'Ghi chú thời hạn', 'text', 30),
  col('onlineType', 'Dịch vụ công trực tuyến', 'text', 12),
  col('legacyLevel', 'Mức độ (1-4)', 'number', 10),
  col('conditions', 'Yêu cầu, điều kiện', 'text', 40),
  col('results', 'Kết quả (mỗi dòng một kết quả)', 'lines', 40),
  col('eForm', 'Biểu mẫu điện tử (JSON)', 'json', 30),
  col('sources', 'Nguồn (mỗi dòng một nguồn)', 'lines', 30),
  col('unverified', 'Nội dung chưa xác minh (mỗi dòng một mục)', 'lines', 20),
]
const COMPONENT_COLUMNS: Column[] = [
  col('procedureCode', 'Mã thủ tục', 'text', 16),
  col('name', 'Tên thành phần hồ sơ', 'text', 50),
  col('form', 'Loại bản', 'text', 10),
  col('quantity', 'Số lượng', 'number', 10),
  col('required', 'Bắt buộc', 'bool', 10),
  col('templateName', 'Mẫu đơn, tờ khai', 'text', 30),
  col('templateFileId', 'Mã tệp mẫu đơn', 'text', 38),
  col('note', 'Ghi chú', 'text', 30),
]
const FEE_COLUMNS: Column[] = [
  col('procedureCode', 'Mã thủ tục', 'text', 16),
  col('name', 'Tên phí, lệ phí', 'text', 40),
  col('amountVnd', 'Mức thu (đồng, trống = không cố định)', 'number', 14, true),
  col('note', 'Ghi chú', 'text', 40),
]
const LEGAL_COLUMNS: Column[] = [
  col('procedureCode', 'Mã thủ tục', 'text', 16),
  col('number', 'Số, ký hiệu văn bản', 'text', 20),
  col('title', 'Trích yếu', 'text', 60),
  col('issuedOn', 'Ngày ban hành', 'date', 14),
]

// ---------------------------------------------------------------- export

function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj)
}

function toCell(kind: Kind, v: unknown): CellValue {
  if (v === undefined || v === null) return null
  switch (kind) {
    case 'list':
      return (v as string[]).length > 0 ? (v as string[]).join(', ') : null
    case 'lines':
      return (v as string[]).length > 0 ? (v as string[]).join('\n') : null
    case 'json':
      return JSON.stringify(v)
    case 'number':
      return v as number
    case 'bool':
      return v as boolean
    case 'text':
    case 'date':
      return typeof v === 'number' ? String(v) : typeof v === 'string' && v !== '' ? v : null
  }
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] })
  ws.columns = columns.map((c) => ({ width: c.width }))
  ws.addRow(columns.map((c) => c.header)).font = { bold: true }
  const keys = ws.addRow(columns.map((c) => c.key))
  keys.font = { italic: true, color: { argb: 'FF808080' } }
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => toCell(c.kind, getPath(r, c.key))))
    row.alignment = { wrapText: true, vertical: 'top' }
  }
}

export async function catalogToXlsx(items: ProcedureContent[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Congso'
  addSheet(wb, SHEET_PROCEDURES, PROCEDURE_COLUMNS, items)
  addSheet(
    wb,
    SHEET_COMPONENTS,
    COMPONENT_COLUMNS,
    items.flatMap((p) => p.components.map((c) => ({ procedureCode: p.code, ...c }))),
  )
  addSheet(
    wb,
    SHEET_FEES,
    FEE_COLUMNS,
    items.flatMap((p) => p.fees.map((f) => ({ procedureCode: p.code, ...f }))),
  )
  addSheet(
    wb,
    SHEET_LEGAL,
    LEGAL_COLUMNS,
    items.flatMap((p) => p.legalBasis.map((l) => ({ procedureCode: p.code, ...l }))),
  )
  return Buffer.from(await wb.xlsx.writeBuffer())
}

// ---------------------------------------------------------------- import

/** The plain value of a cell: formulas give their result, rich text and links their text. */
function plain(v: CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null
  if (typeof v !== 'object' || v instanceof Date) return v
  if ('richText' in v) return v.richText.map((t) => t.text).join('')
  if ('hyperlink' in v) return v.text
  if ('result' in v) return v.result === undefined || (typeof v.result === 'object' && !(v.result instanceof Date)) ? null : v.result
  return null
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10)
const asText = (v: string | number | boolean | Date) => (v instanceof Date ? isoDate(v) : String(v))

/** Converts a cell to what the schema expects; leaves wrong types as they are for the schema to report. */
function fromCell(kind: Kind, raw: CellValue): unknown {
  const v = plain(raw)
  if (v === null || (typeof v === 'string' && v.trim() === '')) return kind === 'list' || kind === 'lines' ? [] : undefined
  switch (kind) {
    case 'text':
    case 'date':
      return asText(v)
    case 'number':
      return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : v
    case 'bool': {
      if (typeof v === 'boolean') return v
      const t = foldVietnamese(String(v))
      if (['true', 'co', 'x', '1'].includes(t)) return true
      if (['false', 'khong', '0'].includes(t)) return false
      return v
    }
    case 'list':
      return asText(v)
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
    case 'lines':
      return asText(v)
        .split(/\r?\n/)
        .map((s) => s.replace(/\r$/, ''))
        .filter((s) => s.trim() !== '')
    case 'json':
      try {
        return JSON.parse(asText(v)) as unknown
      } catch {
        return asText(v)
      }
  }
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.')
  let o = obj
  keys.slice(0, -1).forEach((k) => {
    o[k] ??= {}
    o = o[k] as Record<string, unknown>
  })
  o[keys.at(-1)!] = value
}

interface SheetRow {
  row: number
  values: Record<string, unknown>
  letters: Record<string, string>
}

/** Reads a sheet by its keys row (row 2), or by its Vietnamese headers when row 2 has no keys. */
function readSheet(ws: Worksheet, columns: Column[]): SheetRow[] {
  const byKey = new Map(columns.map((c) => [c.key, c]))
  const byHeader = new Map(columns.map((c) => [foldVietnamese(c.header), c]))
  const locate = (rowNumber: number, lookup: (s: string) => Column | undefined) => {
    const found = new Map<number, Column>()
    ws.getRow(rowNumber).eachCell((cell, colNumber) => {
      const c = lookup(asText(plain(cell.value) ?? '').trim())
      if (c) found.set(colNumber, c)
    })
    return found
  }
  let cols = locate(2, (s) => byKey.get(s))
  let first = 3
  if (cols.size === 0) {
    cols = locate(1, (s) => byHeader.get(foldVietnamese(s)))
    first = 2
  }
  const out: SheetRow[] = []
  for (let r = first; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const values: Record<string, unknown> = {}
    const letters: Record<string, string> = {}
    let empty = true
    for (const [colNumber, c] of cols) {
      const cell = row.getCell(colNumber)
      letters[c.key] = cell.address.replace(/\d+$/, '')
      const v = fromCell(c.kind, cell.value)
      if (v === undefined) {
        if (c.nullable) setPath(values, c.key, null)
        continue
      }
      if (!Array.isArray(v) || v.length > 0) empty = false
      setPath(values, c.key, v)
    }
    if (!empty) out.push({ row: r, values, letters })
  }
  return out
}

export interface ParsedXlsx {
  items: Record<string, unknown>[]
  locate: Locate
  /** Rows of the list sheets whose procedure code is not on the procedures sheet. */
  errors: ImportRowError[]
}

/** Parses a catalog workbook into procedure contents (unvalidated), remembering where each value came from. */
export async function xlsxToCatalog(data: Buffer): Promise<ParsedXlsx> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer)
  const main = wb.getWorksheet(SHEET_PROCEDURES)
  if (!main)
    return {
      items: [],
      locate: () => ({ row: 0, field: SHEET_PROCEDURES }),
      errors: [{ row: 0, field: SHEET_PROCEDURES, message: `Thiếu trang tính ${SHEET_PROCEDURES}` }],
    }
  const rows = readSheet(main, PROCEDURE_COLUMNS)
  const items = rows.map((r): Record<string, unknown> => ({ fees: [], components: [], legalBasis: [], ...r.values }))
  const byCode = new Map<string, number>()
  rows.forEach((r, i) => {
    const code = r.values.code
    if (typeof code === 'string' && !byCode.has(code.trim())) byCode.set(code.trim(), i)
  })
  const errors: ImportRowError[] = []
  // where each list entry came from: [list key][item index][entry index] → sheet row and column letters
  const origins: Record<string, SheetRow[][]> = { components: [], fees: [], legalBasis: [] }
  const lists: [string, string, Column[]][] = [
    ['components', SHEET_COMPONENTS, COMPONENT_COLUMNS],
    ['fees', SHEET_FEES, FEE_COLUMNS],
    ['legalBasis', SHEET_LEGAL, LEGAL_COLUMNS],
  ]
  const sheetOf = Object.fromEntries(lists.map(([k, s]) => [k, s]))
  for (const [key, sheetName, columns] of lists) {
    const ws = wb.getWorksheet(sheetName)
    if (!ws) continue
    for (const entry of readSheet(ws, columns)) {
      const { procedureCode, ...value } = entry.values
      const index = typeof procedureCode === 'string' ? byCode.get(procedureCode.trim()) : undefined
      if (index === undefined) {
        errors.push({
          row: entry.row,
          field: `${sheetName}.procedureCode`,
          message: `Mã thủ tục ${typeof procedureCode === 'string' ? procedureCode : '(trống)'} không có trong trang ${SHEET_PROCEDURES}`,
        })
        continue
      }
      ;(items[index]![key] as unknown[]).push(value)
      ;(origins[key]![index] ??= []).push(entry)
    }
  }
  const locate: Locate = (index, path) => {
    const [head, entryIndex, sub] = path
    const list = typeof head === 'string' ? origins[head] : undefined
    const entry = list && typeof entryIndex === 'number' ? list[index]?.[entryIndex] : undefined
    if (entry) {
      const key = typeof sub === 'string' ? sub : ''
      const letter = entry.letters[key]
      return { row: entry.row, field: `${sheetOf[head as string]}.${key || '(dòng)'}${letter ? ` (cột ${letter})` : ''}` }
    }
    const source = rows[index]!
    const joined = path.map(String).join('.')
    const column = PROCEDURE_COLUMNS.find((c) => joined === c.key || joined.startsWith(`${c.key}.`))
    const letter = column ? source.letters[column.key] : undefined
    return { row: source.row, field: `${joined || '(dòng)'}${letter ? ` (cột ${letter})` : ''}` }
  }
  return { items, locate, errors }
}
