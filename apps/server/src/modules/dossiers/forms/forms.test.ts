import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { nfc, placeAndDate, timeAndDate } from './format.ts'
import { OUTCOME_LABEL, renderApology, renderControlSheet, renderReceipt, renderRefusal, renderSupplementRequest } from './index.ts'
import {
  SAMPLE_APPLICANT,
  SAMPLE_CODE,
  SAMPLE_COMPONENTS,
  SAMPLE_CONTROL_ROWS,
  SAMPLE_TRACKING_URL,
  manyComponents,
  manyControlRows,
  sampleApology,
  sampleControlSheet,
  sampleReceipt,
  sampleRefusal,
  sampleSupplement,
} from './samples.ts'

// The PDFs are read back with poppler (pdftotext, pdfinfo, pdffonts, pdfimages): text that extracts
// with its diacritics proves the fonts are embedded with a correct Unicode mapping.

const dir = mkdtempSync(join(tmpdir(), 'congso-forms-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let n = 0
function save(pdf: Buffer): string {
  const file = join(dir, `form-${++n}.pdf`)
  writeFileSync(file, pdf)
  return file
}
const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' })
/** `-layout` keeps the visual lines; `raw` keeps drawing order, so a wrapped table cell reads as one text. */
const text = (file: string, opts: { page?: number; raw?: boolean } = {}): string =>
  run('pdftotext', [opts.raw ? '-raw' : '-layout', ...(opts.page ? ['-f', String(opts.page), '-l', String(opts.page)] : []), file, '-'])
const flat = (s: string): string => s.replace(/\s+/g, ' ')
function info(file: string): Record<string, string> {
  const out = run('pdfinfo', ['-isodates', file])
  const fields = out.split('\n').map((l) => /^([^:]+):\s+(.*)$/.exec(l))
  return Object.fromEntries(fields.flatMap((m): [string, string][] => (m ? [[m[1] ?? '', m[2] ?? '']] : [])))
}

const MOTTO = 'Độc lập - Tự do - Hạnh phúc'
const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'

function expectCommon(file: string, title: string) {
  const t = text(file)
  expect(t).toContain(NATION)
  expect(t).toContain(MOTTO)
  expect(t).toContain('UBND TỈNH DEMO')
  expect(t).toContain('SỞ TƯ PHÁP TỈNH DEMO')
  expect(t).toContain('Demo, ngày 23 tháng 11 năm 2026')
  expect(t).toContain(title)
  expect(t).toContain(`Mã hồ sơ: ${SAMPLE_CODE}`)
  expect(t).toContain('Nguyễn Thị Hồng Nhung')
  expect(t).toContain('Số định danh cá nhân/CCCD: 001190012345')
  expect(t).toContain('Địa chỉ: Số 12 đường Lê Lợi, phường Trần Hưng Đạo, tỉnh Demo')
  expect(t).toMatch(/Số điện thoại: 0912 345 678\s+Email: nhung\.nguyen@example\.vn/)
  expect(t).toContain('Nội dung yêu cầu giải quyết: Đăng ký khai sinh')
  expect(flat(t)).toContain(SAMPLE_TRACKING_URL)

  const i = info(file)
  expect(i['Page size']).toBe('595.28 x 841.89 pts (A4)')
  expect(i.Author).toBe('Sở Tư pháp Tỉnh Demo')
  expect(i.Subject).toBe(SAMPLE_CODE)
  expect(i.CreationDate).toBe('2026-11-23T01:30:00Z')

  const fonts = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean)
  expect(fonts.length).toBeGreaterThanOrEqual(2)
  for (const f of fonts) expect(f).toMatch(/Tinos.*Identity-H\s+yes\s+yes\s+yes/)

  // The QR code: one image (its alpha channel is listed apart as an "smask").
  const images = run('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean)
  expect(images.filter((l) => l.split(/\s+/)[3] === 'image')).toHaveLength(1)
  return t
}

describe('renderReceipt (Mẫu số 01)', () => {
  it('prints the receipt with the appointment, on one A4 page', async () => {
    const file = save(await renderReceipt(sampleReceipt()))
    const t = expectCommon(file, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ')
    expect(info(file).Pages).toBe('1')
    expect(info(file).Title).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả')
    expect(t).toContain('Sở Tư pháp Tỉnh Demo tiếp nhận hồ sơ của: Ông/Bà Nguyễn Thị Hồng Nhung')
    expect(t).toMatch(/TT\s+Tên giấy tờ\s+Hình thức\s+Số lượng/)
    const raw = flat(text(file, { raw: true }))
    for (const c of SAMPLE_COMPONENTS) expect(raw).toContain(c.name)
    expect(t).toMatch(/Tờ khai đăng ký khai sinh \(theo mẫu\)\s+Bản chính\s+1/)
    expect(t).toMatch(/Giấy chứng nhận kết hôn của cha, mẹ\s+Bản sao\s+1/)
    expect(t).toContain('2. Số lượng hồ sơ: 1 bộ.')
    expect(t).toContain('3. Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc.')
    expect(t).toContain('4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 23/11/2026.')
    expect(t).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 04/12/2026.')
    expect(t).toContain('6. Đăng ký nhận kết quả tại: Bộ phận Một cửa, Sở Tư pháp Tỉnh Demo.')
    expect(t).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 1287.')
    expect(t).toMatch(/NGƯỜI NỘP HỒ SƠ\s+NGƯỜI TIẾP NHẬN HỒ SƠ/)
    expect(t).toMatch(/\(Ký và ghi rõ họ tên\)\s+\(Ký và ghi rõ họ tên\)/)
    expect(t).toMatch(/Nguyễn Thị Hồng Nhung\s+Trần Văn Đức/)
    expect(flat(t)).toContain(
      'Giấy này được lập thành 02 bản: 01 bản giao cho người nộp hồ sơ; 01 bản chuyển kèm Phiếu kiểm soát quá trình giải quyết hồ sơ',
    )
  })

  it('names the postal address or the online channel for the return of the result', async () => {
    const post = text(
      save(await renderReceipt({ ...sampleReceipt(), returnChannel: 'post', returnAddress: 'Thôn Đông, xã Hòa Bình, tỉnh Demo' })),
    )
    expect(flat(post)).toContain('qua dịch vụ bưu chính công ích đến địa chỉ Thôn Đông, xã Hòa Bình, tỉnh Demo')
    const fallback = text(save(await renderReceipt({ ...sampleReceipt(), returnChannel: 'post' })))
    expect(flat(fallback)).toContain(`đến địa chỉ ${SAMPLE_APPLICANT.address ?? ''}`)
    const online = text(save(await renderReceipt({ ...sampleReceipt(), returnChannel: 'online' })))
    expect(online).toContain('6. Đăng ký nhận kết quả tại: trực tuyến')
  })

  it('flows 40 components onto a second page, repeating the table header', async () => {
    const components = manyComponents(40)
    const file = save(await renderReceipt(sampleReceipt(components)))
    expect(info(file).Pages).toBe('2')
    const [p1, p2] = [text(file, { page: 1 }), text(file, { page: 2 })]
    for (const p of [p1, p2]) expect(p).toMatch(/TT\s+Tên giấy tờ\s+Hình thức\s+Số lượng/)
    const all = p1 + p2
    for (const c of components) expect(all).toContain(c.name)
    expect(p2).toContain(components[39]!.name)
    // Decree 30 numbers pages from the second one.
    expect(p2.trimStart().startsWith('2\n')).toBe(true)
    expect(p2).toMatch(/NGƯỜI TIẾP NHẬN HỒ SƠ/)
  })

  it('wraps long names and keeps every word', async () => {
    const long =
      'Bản sao có chứng thực Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất của hộ gia đình'
    const name = 'Công ty trách nhiệm hữu hạn một thành viên Thương mại và Dịch vụ Xuất nhập khẩu Hồng Phúc Việt Nam'
    const file = save(
      await renderReceipt({ ...sampleReceipt([{ name: long, form: 'copy', quantity: 2 }]), applicant: { ...SAMPLE_APPLICANT, name } }),
    )
    const raw = flat(text(file, { raw: true }))
    expect(raw).toContain(long)
    expect(raw).toContain(name)
    expect(info(file).Pages).toBe('1')
  })

  it('normalises decomposed input to NFC and prints Vietnam time whatever the server zone', async () => {
    const nfd = nfc(sampleReceipt())
    const decomposed = {
      ...nfd,
      applicant: { ...nfd.applicant, name: nfd.applicant.name.normalize('NFD') },
      components: nfd.components.map((c) => ({ ...c, name: c.name.normalize('NFD') })),
    }
    expect(decomposed.applicant.name).not.toBe(SAMPLE_APPLICANT.name)
    const reference = await renderReceipt(sampleReceipt())
    expect((await renderReceipt(decomposed)).equals(reference)).toBe(true)

    const tz = process.env.TZ
    process.env.TZ = 'America/Los_Angeles'
    try {
      expect((await renderReceipt(sampleReceipt())).equals(reference)).toBe(true)
    } finally {
      if (tz === undefined) delete process.env.TZ
      else process.env.TZ = tz
    }
  })

  it('prints blanks to fill in by hand for missing contact details', async () => {
    const t = text(save(await renderReceipt({ ...sampleReceipt(), applicant: { name: 'Lê Văn Tám' } })))
    expect(t).toMatch(/Số định danh cá nhân\/CCCD: …+/)
    expect(t).toMatch(/Email: …+/)
  })
})

describe('renderSupplementRequest (Mẫu số 02)', () => {
  it('lists what to add and why, under number {code}/HDHS', async () => {
    const d = sampleSupplement()
    const file = save(await renderSupplementRequest(d))
    const t = expectCommon(file, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ')
    expect(t).toContain(`Số: ${SAMPLE_CODE}/HDHS`)
    expect(flat(t)).toContain('Bộ phận tiếp nhận và trả kết quả Sở Tư pháp Tỉnh Demo tiếp nhận hồ sơ của: Ông/Bà Nguyễn Thị Hồng Nhung')
    expect(t).toContain('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:')
    expect(t).toMatch(/TT\s+Giấy tờ cần bổ sung, hoàn thiện\s+Lý do/)
    const raw = flat(text(file, { raw: true }))
    for (const it of d.items) {
      expect(raw).toContain(it.name)
      expect(raw).toContain(it.reason)
    }
    expect(t).toContain('Lý do:')
    expect(flat(t)).toContain(
      'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với Trần Văn Đức, Bộ phận tiếp nhận và trả kết quả Sở Tư pháp Tỉnh Demo để được hướng dẫn./.',
    )
    expect(t).toContain('NGƯỜI HƯỚNG DẪN')
    expect(info(file).Title).toBe('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ')
  })
})

describe('renderRefusal (Mẫu số 03)', () => {
  it('states the specific reason for refusing', async () => {
    const d = sampleRefusal()
    const file = save(await renderRefusal(d))
    const t = expectCommon(file, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ')
    expect(t).not.toContain('Số:')
    const f = flat(t)
    expect(f).toContain('Qua xem xét, Sở Tư pháp Tỉnh Demo thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:')
    for (const line of d.reason.split('\n')) expect(f).toContain(line)
    expect(t).toContain('Xin thông báo để Ông/Bà được biết và thực hiện./.')
    expect(t).toContain('NGƯỜI TIẾP NHẬN')
    expect(t).toContain('Trần Văn Đức')
  })

  it('renders the same bytes for the same data', async () => {
    const [a, b] = await Promise.all([renderRefusal(sampleRefusal()), renderRefusal(sampleRefusal())])
    expect(a.equals(b)).toBe(true)
  })
})

/** The header rows of the control sheet's table, once on the page, as pdftotext -layout lays them out. */
function expectControlHeader(page: string) {
  expect(page.split('Tên cơ quan, đơn vị')).toHaveLength(2)
  expect(page).toMatch(/TT\s+Tên cơ quan, đơn vị/)
  expect(page).toContain('Thời gian giao, nhận hồ sơ')
  expect(page).toMatch(/Người giao\s+Người nhận/)
  expect(page).toMatch(/Kết quả\s+giải quyết/)
  expect(page).toContain('Ghi chú')
}

describe('renderControlSheet (Mẫu số 05)', () => {
  it('prints the dossier and one row per hand-over, each judged on its own', async () => {
    const file = save(await renderControlSheet(sampleControlSheet()))
    const t = text(file)
    expect(t).toContain(NATION)
    expect(t).toContain(MOTTO)
    expect(t).toContain('SỞ TƯ PHÁP TỈNH DEMO')
    expect(t).toContain('Demo, ngày 02 tháng 12 năm 2026')
    expect(flat(t)).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ')
    expect(t).toContain(`Mã hồ sơ: ${SAMPLE_CODE}`)
    expect(t).toContain('Người nộp hồ sơ: Ông/Bà Nguyễn Thị Hồng Nhung')
    expect(t).toContain('Nội dung yêu cầu giải quyết: Đăng ký khai sinh')
    expect(t).toContain('Cơ quan tiếp nhận hồ sơ: Sở Tư pháp Tỉnh Demo')
    expect(t).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Hành chính tư pháp')
    expect(t).toContain('Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 23/11/2026.')
    expect(t).toContain('Thời gian hẹn trả kết quả: 16 giờ 30 phút, ngày 04/12/2026.')
    expectControlHeader(t)

    const raw = flat(text(file, { raw: true }))
    expect(raw).toContain('Kết quả giải quyết hồ sơ (trước hạn/ đúng hạn/ quá hạn)')
    for (const r of SAMPLE_CONTROL_ROWS) {
      expect(raw).toContain(`Giao: ${r.fromName} Nhận: ${r.toName}`)
      if (r.handedOverAt) expect(raw).toContain(timeAndDate(r.handedOverAt))
      for (const name of [r.giver, r.receiver, r.note]) if (name) expect(raw).toContain(name)
    }
    // Each row's outcome in its own column, on the line of its time; the pending row prints blanks.
    expect(t).toMatch(/09 giờ 10 phút,\s+Trước hạn/)
    expect(t).toMatch(/14 giờ 00 phút,\s+Đúng hạn/)
    expect(t).toMatch(/10 giờ 45 phút,\s+Quá hạn/)
    expect(t).toContain('…… giờ …… phút,')
    expect(info(file).Pages).toBe('1')
    expect(info(file).Title).toBe('Phiếu kiểm soát quá trình giải quyết hồ sơ')
    expect(info(file).CreationDate).toBe('2026-12-02T03:30:00Z')
  })

  it('names every outcome in Vietnamese', async () => {
    expect(OUTCOME_LABEL).toEqual({ early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' })
    const rows = SAMPLE_CONTROL_ROWS.slice(0, 4).map((r, i) => ({
      ...r,
      outcome: (['early', 'on_time', 'late', null] as const)[i] ?? null,
    }))
    const t = text(save(await renderControlSheet(sampleControlSheet(rows))))
    for (const word of ['Trước hạn', 'Đúng hạn', 'Quá hạn']) expect(t.split(word)).toHaveLength(2)
  })

  it('flows 30 hand-overs over several pages, repeating the header and numbering the pages', async () => {
    const rows = manyControlRows(30)
    const file = save(await renderControlSheet(sampleControlSheet(rows)))
    const pages = Number(info(file).Pages)
    expect(pages).toBeGreaterThanOrEqual(2)
    let all = ''
    for (let p = 1; p <= pages; p++) {
      const page = text(file, { page: p })
      expectControlHeader(page)
      if (p > 1) expect(page.trimStart().startsWith(`${p}\n`)).toBe(true)
      all += text(file, { page: p, raw: true })
    }
    const raw = flat(all)
    for (const r of rows) {
      expect(raw).toContain(`Giao: ${r.fromName} Nhận: ${r.toName}`)
      expect(raw).toContain(`${r.giver ?? ''} ${r.receiver ?? ''}`)
    }
    // Rows stay whole and in order: the last page ends with the last row.
    expect(flat(text(file, { page: pages, raw: true }))).toContain(rows[29]!.toName)
    expect(raw.indexOf('Cán bộ Giao 29')).toBeLessThan(raw.indexOf('Cán bộ Giao 30'))
  })

  it('keeps every row and cell inside the margins, even a note longer than a page', async () => {
    const note = Array.from({ length: 200 }, (_, i) => `ghi chú dài ${i + 1}`).join(' ')
    const rows = [...SAMPLE_CONTROL_ROWS.slice(0, 2), { ...SAMPLE_CONTROL_ROWS[2]!, note }]
    const file = save(await renderControlSheet(sampleControlSheet(rows)))
    const bbox = run('pdftotext', ['-bbox', file, '-'])
    const words = [...bbox.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1).map(Number))
    expect(words.length).toBeGreaterThan(100)
    const mm = 72 / 25.4
    for (const [x0, y0, x1, y1] of words) {
      expect(x0).toBeGreaterThanOrEqual(30 * mm - 0.5)
      expect(x1).toBeLessThanOrEqual(595.28 - 20 * mm + 0.5)
      // The page number sits in the top margin; nothing else does, and nothing runs into the bottom one.
      expect(y0).toBeGreaterThanOrEqual(10 * mm - 1)
      expect(y1).toBeLessThanOrEqual(841.89 - 20 * mm + 0.5)
    }
    expect(flat(text(file, { raw: true }))).toContain('ghi chú dài 1 ghi chú dài 2')
  })

  it('prints without a QR code or appointment when the data has none', async () => {
    const file = save(await renderControlSheet({ ...sampleControlSheet(), trackingUrl: null, dueAt: null, competentAgencyName: null }))
    const t = text(file)
    expect(t).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ')
    expect(t).toMatch(/Thời gian hẹn trả kết quả: …+/)
    expect(t).toMatch(/Cơ quan \(bộ phận\) giải quyết hồ sơ: …+/)
    expect(run('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean)).toHaveLength(0)
  })

  it('renders the same bytes for the same data', async () => {
    const [a, b] = await Promise.all([
      renderControlSheet(sampleControlSheet(manyControlRows(30))),
      renderControlSheet(sampleControlSheet(manyControlRows(30))),
    ])
    expect(a.equals(b)).toBe(true)
  })
})

describe('renderApology (Mẫu số 04)', () => {
  it('apologises, gives the reason and sets the new appointment', async () => {
    const d = sampleApology()
    const file = save(await renderApology(d))
    const t = text(file)
    const f = flat(t)
    expect(t).toContain(NATION)
    expect(t).toContain(MOTTO)
    expect(t).toContain('SỞ TƯ PHÁP TỈNH DEMO')
    expect(t).toMatch(/Số: 152\/PXL-STP\s+Demo, ngày 03 tháng 12 năm 2026/)
    expect(f).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ')
    expect(t).toContain(`Mã hồ sơ: ${SAMPLE_CODE}`)
    expect(t).toContain('Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung')
    expect(f).toContain(
      `Ngày 23/11/2026, Sở Tư pháp Tỉnh Demo tiếp nhận giải quyết hồ sơ đề nghị giải quyết thủ tục hành chính Đăng ký khai sinh của Ông/Bà Nguyễn Thị Hồng Nhung; mã hồ sơ: ${SAMPLE_CODE}.`,
    )
    expect(f).toContain('Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 04/12/2026.')
    expect(f).toContain('Tuy nhiên đến nay, Sở Tư pháp Tỉnh Demo chưa trả kết quả giải quyết hồ sơ của Ông/Bà.')
    expect(f).toContain(`Lý do: ${d.reason}`)
    expect(f).toContain('Sở Tư pháp Tỉnh Demo xin lỗi Ông/Bà vì sự bất tiện này.')
    expect(f).toContain('Sở Tư pháp Tỉnh Demo sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào lúc 16 giờ 30 phút, ngày 11/12/2026.')
    expect(f).toContain('Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.')
    expect(t).toMatch(/Nơi nhận:\s+KT. GIÁM ĐỐC/)
    expect(t).toContain('PHÓ GIÁM ĐỐC')
    expect(t).toContain('- Như trên;')
    expect(t).toContain('Hoàng Minh Tuấn')
    expect(f).toContain(SAMPLE_TRACKING_URL)
    const i = info(file)
    expect(i.Pages).toBe('1')
    expect(i.Title).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả')
    expect(i.Subject).toBe(SAMPLE_CODE)
  })

  it('leaves out the number, the QR code and the name when absent, and keeps reason paragraphs', async () => {
    const d = {
      ...sampleApology(),
      number: null,
      trackingUrl: null,
      signerName: null,
      signerTitle: 'Giám đốc',
      reason: 'Chờ kết quả xác minh.\nHệ thống cơ sở dữ liệu hộ tịch gián đoạn.',
      recipients: ['Như trên;', 'Bộ phận Một cửa;', 'Lưu: VT, HCTP.'],
    }
    const file = save(await renderApology(d))
    const t = text(file)
    expect(t).not.toContain('Số:')
    expect(t).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ')
    expect(t).toContain('GIÁM ĐỐC')
    expect(t).not.toContain('Hoàng Minh Tuấn')
    expect(t).toContain('Lý do: Chờ kết quả xác minh.')
    expect(t).toContain('Hệ thống cơ sở dữ liệu hộ tịch gián đoạn.')
    expect(t).toContain('- Lưu: VT, HCTP.')
    expect(run('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean)).toHaveLength(0)
  })

  it('renders the same bytes for the same data', async () => {
    const [a, b] = await Promise.all([renderApology(sampleApology()), renderApology(sampleApology())])
    expect(a.equals(b)).toBe(true)
  })
})

describe('format', () => {
  it('writes the place and date as Decree 30 pads them', () => {
    expect(placeAndDate('Demo', new Date('2026-01-04T20:00:00Z'))).toBe('Demo, ngày 05 tháng 01 năm 2026')
    expect(placeAndDate('Hà Nội', new Date('2026-03-09T03:00:00Z'))).toBe('Hà Nội, ngày 09 tháng 3 năm 2026')
  })
  it('reads hours and dates in Vietnam time', () => {
    expect(timeAndDate(new Date('2026-12-31T17:05:00Z'))).toBe('00 giờ 05 phút, ngày 01/01/2027')
  })
  it('normalises nested strings and leaves dates alone', () => {
    const at = new Date(0)
    const out = nfc({ a: ['Hồng'.normalize('NFD')], at, n: 1, z: null })
    expect(out.a[0]).toBe('Hồng')
    expect(out.at).toBe(at)
    expect(out.z).toBeNull()
  })
})
