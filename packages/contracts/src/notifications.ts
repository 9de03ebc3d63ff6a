import { z } from 'zod'
import { IsoDateTime, PageQuery, Paged, Uuid } from './common.ts'

/** A message captured by the development outbox (SMTP and SMS are not configured). */
export const OutboxMessage = z.object({
  id: Uuid,
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  dossierCode: z.string().nullable(),
  createdAt: IsoDateTime,
})
export const OutboxQuery = PageQuery.extend({
  channel: z.enum(['email', 'sms']).optional(),
  q: z.string().trim().max(100).optional(),
}).strict()
export const OutboxList = Paged(OutboxMessage)
