import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { AppError } from './errors.ts'

const KEY = /^[A-Za-z0-9._:-]{8,128}$/

/** The request's `Idempotency-Key` header, required on submissions. */
export function idempotencyKey(req: FastifyRequest): string {
  const raw = req.headers['idempotency-key']
  const key = Array.isArray(raw) ? raw[0] : raw
  if (!key || !KEY.test(key)) throw new AppError('IDEMPOTENCY_KEY_REQUIRED')
  return key
}

/** Key order does not change the fingerprint: a client re-serialising the same body is the same request. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, canonical(x)]),
    )
  }
  return v
}

export function requestFingerprint(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex')
}

export interface IdempotentResult<T> {
  status: number
  body: T
  replayed: boolean
}

/** The stored answer for (scope, key), or null; IDEMPOTENCY_KEY_REUSED when the key came with another body. */
export async function replay<T>(db: Kysely<DB>, scope: string, key: string, fingerprint: string): Promise<IdempotentResult<T> | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst()
  if (!row) return null
  if (row.request_hash !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED')
  return { status: row.status_code, body: row.response as T, replayed: true }
}
