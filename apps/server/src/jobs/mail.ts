import type { Logger } from 'pino'
import type { JobHandler, Queue } from './queue.ts'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

export const MAIL_JOB = 'mail.send'

/** Mail goes through the queue after commit. The zero-setup transport writes the message to the log. */
export function enqueueMail(queue: Queue, msg: MailMessage): Promise<string | null> {
  return queue.send(MAIL_JOB, msg)
}

export function mailJob(log: Logger): JobHandler {
  return {
    name: MAIL_JOB,
    async handle(data) {
      const msg = data as MailMessage
      log.info({ mail: { to: msg.to, subject: msg.subject } }, 'mail delivered by log transport')
    },
  }
}
