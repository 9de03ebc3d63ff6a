import type { Kysely } from 'kysely'
import { createTransport } from 'nodemailer'
import type { Logger } from 'pino'
import type { Config } from '../../config.ts'
import type { DB } from '../../db/schema.ts'

export interface MailMessage {
  to: string
  subject: string
  text: string
  dossierCode: string | null
}

/** Delivers one e-mail; rejects when it could not (the job is then retried). */
export interface MailTransport {
  send(msg: MailMessage): Promise<void>
}

/** Header naming the dossier a message is about, for the mail server's logs and the recipient's filters. */
export const DOSSIER_HEADER = 'X-Congso-Dossier'

/**
 * SMTP through nodemailer. `url` is nodemailer's connection URL: `smtp://user:pass@host:587`
 * (STARTTLS when offered) or `smtps://user:pass@host:465`; options may follow as query parameters.
 * Non-ASCII headers (the Vietnamese subject) are RFC 2047 encoded, the body is UTF-8.
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = createTransport(url)
  return {
    async send(msg) {
      await transporter.sendMail({
        from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        ...(msg.dossierCode ? { headers: { [DOSSIER_HEADER]: msg.dossierCode } } : {}),
      })
    },
  }
}

/** Development: the message is kept in `outbox_messages`, readable in the admin UI, and not delivered. */
export function outboxMailTransport(db: Kysely<DB>): MailTransport {
  return {
    async send(msg) {
      await db
        .insertInto('outbox_messages')
        .values({ channel: 'email', recipient: msg.to, subject: msg.subject, body: msg.text, dossier_code: msg.dossierCode })
        .execute()
    },
  }
}

/** SMTP when `SMTP_URL` is set, else the outbox (said once in the log). */
export function createMailTransport(config: Config['mail'], db: Kysely<DB>, log: Logger): MailTransport {
  if (config.smtpUrl) return smtpTransport(config.smtpUrl, config.from)
  log.info('SMTP_URL is not set: e-mail is captured to the outbox (admin › outbox), not delivered')
  return outboxMailTransport(db)
}
