import type { Logger } from 'pino'
import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { mailJob } from '../../jobs/mail.ts'
import type { JobHandler } from '../../jobs/queue.ts'
import { createMailTransport, type MailTransport } from './mail-transport.ts'
import { NOTIFY_JOB, type Notice } from './notifications.service.ts'
import { createSmsProvider, type SmsProvider } from './sms-provider.ts'
import { toSmsText } from './sms-text.ts'

const NoticeData = z.object({
  dossierCode: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  sms: z.string(),
}) satisfies z.ZodType<Notice>

export interface NotifyDeps {
  mail: MailTransport
  sms: SmsProvider
  log: Logger
}

/**
 * `notify.send`: sends the e-mail when the notice has an address, the SMS when it has a number
 * (`enqueueNotice` queues one job per channel). A delivery failure throws, and pg-boss retries the
 * job with exponential backoff (`retryLimit`/`retryBackoff` set by `Queue.send`). A malformed job
 * is logged and dropped: retrying cannot fix it.
 */
export function notifyJob(deps: NotifyDeps): JobHandler {
  const { mail, sms, log } = deps
  return {
    name: NOTIFY_JOB,
    async handle(data) {
      const parsed = NoticeData.safeParse(data)
      if (!parsed.success) {
        log.error({ issues: parsed.error.issues }, 'malformed notice job dropped')
        return
      }
      const n = parsed.data
      if (n.email) {
        try {
          await mail.send({ to: n.email, subject: n.subject, text: n.text, dossierCode: n.dossierCode })
        } catch (err) {
          log.warn({ err, dossierCode: n.dossierCode }, 'e-mail not sent; the job will be retried')
          throw err
        }
      }
      const text = toSmsText(n.sms)
      if (n.phone && text) {
        try {
          await sms.send(n.phone, text, n.dossierCode)
        } catch (err) {
          log.warn({ err, dossierCode: n.dossierCode }, 'SMS not sent; the job will be retried')
          throw err
        }
      }
    },
  }
}

/** The notification job handlers with the transport and provider the configuration chooses. */
export function notificationJobs(ctx: Pick<AppContext, 'config' | 'database' | 'log'>): JobHandler[] {
  const db = ctx.database.db
  const mail = createMailTransport(ctx.config.mail, db, ctx.log)
  const sms = createSmsProvider(ctx.config.sms, ctx.log, db)
  return [notifyJob({ mail, sms, log: ctx.log }), mailJob(mail)]
}
