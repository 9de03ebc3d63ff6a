import type { MailTransport } from '../modules/notifications/mail-transport.ts'
import { NOTIFY_JOB, type Notice } from '../modules/notifications/notifications.service.ts'
import type { JobHandler, Queue } from './queue.ts'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

/** The job name account e-mail used before the notifications module; its handler drains jobs still queued. */
export const MAIL_JOB = 'mail.send'

/**
 * Account e-mail (not about a dossier) goes through the queue after commit, as a `notify.send`
 * job of the notifications module: SMTP when configured, else the outbox. Rejects when the job
 * could not be queued.
 */
export function enqueueMail(queue: Queue, msg: MailMessage): Promise<string | null> {
  const notice: Notice = { dossierCode: null, email: msg.to, phone: null, subject: msg.subject, text: msg.text, sms: '' }
  return queue.send(NOTIFY_JOB, notice)
}

/** `mail.send` jobs queued by an earlier version: delivered through the configured transport. */
export function mailJob(transport: MailTransport): JobHandler {
  return {
    name: MAIL_JOB,
    async handle(data) {
      const msg = data as MailMessage
      await transport.send({ to: msg.to, subject: msg.subject, text: msg.text, dossierCode: null })
    },
  }
}
