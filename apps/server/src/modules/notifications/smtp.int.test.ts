import { createServer, type AddressInfo, type Socket } from 'node:net'
import pino from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../../test/harness.ts'
import { smtpTransport } from './mail-transport.ts'
import { enqueueNotice } from './notifications.service.ts'
import { notifyJob } from './notify.job.ts'
import type { SmsProvider } from './sms-provider.ts'

/**
 * A mail server cannot run here; this one speaks just enough SMTP (RFC 5321) for nodemailer:
 * greeting, EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT. It advertises no
 * extension (no STARTTLS, no 8BITMIME), so the client must send a 7-bit clean message.
 * `failMail` makes the next n MAIL commands fail with a transient 451.
 */
interface Received {
  from: string
  to: string[]
  raw: string
}

interface FakeSmtp {
  url: string
  received: Received[]
  failMail: number
  close(): Promise<void>
}

async function fakeSmtpServer(): Promise<FakeSmtp> {
  const sockets = new Set<Socket>()
  const state: FakeSmtp = { url: '', received: [], failMail: 0, close: async () => {} }
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.setEncoding('latin1')
    const reply = (line: string) => socket.write(`${line}\r\n`)
    let buf = ''
    let from = ''
    let to: string[] = []
    let data: string[] | null = null
    reply('220 localhost fake ESMTP')
    socket.on('data', (chunk: string) => {
      buf += chunk
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i)
        buf = buf.slice(i + 2)
        if (data) {
          if (line === '.') {
            state.received.push({ from, to, raw: data.join('\r\n') })
            data = null
            reply('250 2.0.0 queued')
          } else data.push(line.startsWith('.') ? line.slice(1) : line)
          continue
        }
        const verb = line.split(' ')[0]!.toUpperCase()
        const arg = /<([^>]*)>/.exec(line)?.[1] ?? ''
        if (verb === 'EHLO' || verb === 'HELO') reply('250 localhost')
        else if (verb === 'MAIL' && state.failMail > 0) {
          state.failMail--
          reply('451 4.3.0 temporary failure, try again later')
        } else if (verb === 'MAIL') {
          from = arg
          to = []
          reply('250 2.1.0 ok')
        } else if (verb === 'RCPT') {
          to.push(arg)
          reply('250 2.1.5 ok')
        } else if (verb === 'DATA') {
          data = []
          reply('354 end data with <CR><LF>.<CR><LF>')
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 2.0.0 ok')
        else if (verb === 'QUIT') {
          reply('221 2.0.0 bye')
          socket.end()
        } else reply('502 5.5.2 command not implemented')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return state
}

/** Header fields of a message, unfolded, names lower-cased. */
function headersOf(raw: string): Map<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ')
  return new Map(head.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
}

/** RFC 2047: adjacent encoded-words are joined (whitespace between them is not text), then decoded as UTF-8. */
function decodeHeader(value: string): string {
  const word = /=\?utf-8\?([bq])\?([^?]*)\?=/gi
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/(?:=\?utf-8\?[bq]\?[^?]*\?=)+/gi, (run) =>
    Buffer.concat(
      [...run.matchAll(word)].map(([, enc, text]) =>
        enc!.toLowerCase() === 'b'
          ? Buffer.from(text!, 'base64')
          : Buffer.from(
              text!.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            ),
      ),
    ).toString('utf8'),
  )
}

function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4)
  const cte = headersOf(raw).get('content-transfer-encoding')?.toLowerCase()
  if (cte === 'base64') return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
  if (cte === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    return Buffer.from(bytes, 'latin1').toString('utf8')
  }
  return body
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined> | T | null | undefined, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== null && v !== undefined) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

const SUBJECT = 'Hồ sơ G01.01-250105-0007 đã được tiếp nhận — hẹn trả kết quả'
const TEXT =
  'Kính gửi Ông Nguyễn Văn Đức,\n\nHồ sơ "Đăng ký khai sinh" (mã G01.01-250105-0007) đã được tiếp nhận.\n.dòng bắt đầu bằng dấu chấm'

let smtp: FakeSmtp
beforeAll(async () => {
  smtp = await fakeSmtpServer()
})
afterAll(async () => {
  await smtp.close()
})
afterEach(() => {
  smtp.received.length = 0
  smtp.failMail = 0
})

describe('smtpTransport', () => {
  it('delivers a Vietnamese message: envelope, RFC 2047 subject, UTF-8 body, dossier header', async () => {
    const mail = smtpTransport(smtp.url, 'Congso <no-reply@congso.local>')
    await mail.send({ to: 'cong.dan@example.vn', subject: SUBJECT, text: TEXT, dossierCode: 'G01.01-250105-0007' })

    expect(smtp.received).toHaveLength(1)
    const m = smtp.received[0]!
    expect(m.from).toBe('no-reply@congso.local')
    expect(m.to).toEqual(['cong.dan@example.vn'])
    // no 8BITMIME offered: the message on the wire is 7-bit ASCII
    expect([...m.raw].every((c) => c.charCodeAt(0) < 0x80)).toBe(true)
    const h = headersOf(m.raw)
    expect(h.get('subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i)
    expect(decodeHeader(h.get('subject')!)).toBe(SUBJECT)
    expect(h.get('from')).toBe('Congso <no-reply@congso.local>')
    expect(h.get('to')).toBe('cong.dan@example.vn')
    expect(h.get('x-congso-dossier')).toBe('G01.01-250105-0007')
    expect(h.get('content-type')).toMatch(/text\/plain; charset=utf-8/i)
    expect(bodyOf(m.raw).replace(/\r\n/g, '\n').trimEnd()).toBe(TEXT)
  })

  it('rejects when the server refuses, so the job fails and is retried', async () => {
    smtp.failMail = 1
    const mail = smtpTransport(smtp.url, 'Congso <no-reply@congso.local>')
    const sentSms: string[] = []
    const sms: SmsProvider = { send: async (phone) => void sentSms.push(phone) }
    const job = notifyJob({ mail, sms, log: pino({ level: 'silent' }) })
    const notice = { dossierCode: 'X-1', email: 'a@example.vn', phone: null, subject: SUBJECT, text: TEXT, sms: '' }
    await expect(job.handle(notice)).rejects.toMatchObject({ responseCode: 451 })
    expect(smtp.received).toHaveLength(0)
    // the retry goes through
    await job.handle(notice)
    expect(smtp.received).toHaveLength(1)
    expect(sentSms).toEqual([])
  })
})

describe('the server with SMTP_URL set', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Sở Tư pháp <stp@example.gov.vn>', JOB_RETRY_DELAY_SECONDS: '1' } })
  })
  afterAll(async () => {
    await t?.close()
  })

  it('sends the e-mail through SMTP, retried by the queue after a transient failure; the SMS still goes to the outbox', async () => {
    smtp.failMail = 1
    await enqueueNotice(t.ctx.queue, {
      dossierCode: 'G01.01-250105-0008',
      email: 'cong.dan@example.vn',
      phone: '0912345678',
      subject: SUBJECT,
      text: TEXT,
      sms: 'Hồ sơ G01.01-250105-0008 đã được tiếp nhận.',
    })
    const m = await waitFor('the e-mail to reach the SMTP server', () => smtp.received[0])
    expect(smtp.failMail).toBe(0)
    expect(m.to).toEqual(['cong.dan@example.vn'])
    expect(decodeHeader(headersOf(m.raw).get('subject')!)).toBe(SUBJECT)
    expect(decodeHeader(headersOf(m.raw).get('from')!)).toMatch(/^"?Sở Tư pháp"? <stp@example\.gov\.vn>$/)

    const db = t.ctx.database.db
    const sms = await waitFor('the SMS in the outbox', () =>
      db.selectFrom('outbox_messages').selectAll().where('dossier_code', '=', 'G01.01-250105-0008').executeTakeFirst(),
    )
    expect(sms).toMatchObject({ channel: 'sms', recipient: '0912345678', body: 'Ho so G01.01-250105-0008 da duoc tiep nhan.' })
    const emails = await db.selectFrom('outbox_messages').select('id').where('channel', '=', 'email').execute()
    expect(emails).toEqual([])
    expect(smtp.received).toHaveLength(1)
  })
})
