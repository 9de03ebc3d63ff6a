import pino, { type Logger } from 'pino'
import type { Queue } from '../../jobs/queue.ts'
import { toSmsText } from './sms-text.ts'

export { maskPhone, smsSegments, SMS_MAX, SMS_SEGMENT, toSmsText, unaccentVietnamese } from './sms-text.ts'

/** A citizen-visible change, told by e-mail and SMS to whichever of the two the citizen gave. */
export interface Notice {
  dossierCode: string | null
  email: string | null
  phone: string | null
  subject: string
  /** The e-mail body (plain text, Vietnamese with diacritics). */
  text: string
  /** The SMS text: ≤ 160 characters when possible; sent through `toSmsText` (unaccented). */
  sms: string
}

export const NOTIFY_JOB = 'notify.send'

/** The logger `enqueueNotice` reports a failed enqueue to. */
export type NoticeLog = Pick<Logger, 'error'>

const fallbackLog: NoticeLog = pino({ base: { service: 'congso', module: 'notifications' } })

/**
 * Queues a notice; call it after the change committed. Each channel is its own `notify.send` job
 * (queued together in one statement), so a retried e-mail (SMTP down) never sends the SMS twice. A failed enqueue is logged and never
 * thrown: the change itself is already durable and must not be reported as failed.
 */
export async function enqueueNotice(queue: Queue, notice: Notice, log: NoticeLog = fallbackLog): Promise<void> {
  const email = notice.email?.trim() || null
  const phone = notice.phone?.trim() || null
  const sms = toSmsText(notice.sms)
  const jobs: Notice[] = []
  if (email) jobs.push({ ...notice, email, phone: null })
  if (phone && sms) jobs.push({ ...notice, email: null, phone, sms })
  try {
    await queue.sendMany(jobs.map((data) => ({ name: NOTIFY_JOB, data })))
  } catch (err) {
    log.error(
      { err, dossierCode: notice.dossierCode, channels: jobs.map((j) => (j.email ? 'email' : 'sms')) },
      'could not queue the notice',
    )
  }
}
