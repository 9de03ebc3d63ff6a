import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../../config.ts'
import type { DB } from '../../db/schema.ts'
import { maskPhone, smsSegments } from './sms-text.ts'

/**
 * Sends one SMS; rejects when it could not (the job is then retried). `text` is already
 * unaccented and at most two segments (`toSmsText`).
 *
 * This is where a real gateway plugs in — e.g. Viettel or VNPT brandname SMS, which take a
 * registered sender name, the number and the unaccented text over their HTTP/SOAP APIs: implement
 * this interface, add its name to `SMS_PROVIDER` in config.ts and a case to `createSmsProvider`.
 * None ships yet: `log` is the only provider.
 */
export interface SmsProvider {
  send(phone: string, text: string, dossierCode: string | null): Promise<void>
}

/** Development and until a gateway is contracted: logs (number masked) and captures to the outbox. */
export function logSmsProvider(log: Logger, db: Kysely<DB>): SmsProvider {
  return {
    async send(phone, text, dossierCode) {
      await db
        .insertInto('outbox_messages')
        .values({ channel: 'sms', recipient: phone, subject: null, body: text, dossier_code: dossierCode })
        .execute()
      log.info(
        { sms: { to: maskPhone(phone), dossierCode, length: text.length, segments: smsSegments(text) } },
        'sms captured by the log provider',
      )
    },
  }
}

export function createSmsProvider(config: Config['sms'], log: Logger, db: Kysely<DB>): SmsProvider {
  switch (config.provider) {
    case 'log':
      return logSmsProvider(log, db)
  }
}
