import { z } from 'zod'

/** Every error response has this shape: a stable code for programs, a Vietnamese message for people. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION_FAILED' }),
      message: z.string().meta({ example: 'Trường "name" là bắt buộc' }),
      messageEn: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' })
export type ErrorResponse = z.infer<typeof ErrorResponse>

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})

export const Paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })

export const IsoDate = z.iso.date()
export const IsoDateTime = z.iso.datetime({ offset: true })
export const Uuid = z.uuid()
export const Ok = z.object({ ok: z.literal(true) })
