import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Role } from '@congso/contracts'
import type { DB, SessionStage } from '../db/schema.ts'
import type { Actor } from '../http/request-context.ts'

export const SESSION_COOKIE = 'congso_sid'
/** Idle timeout and absolute lifetime (Circular 12/2022 level-3 systems: sessions must expire). */
export const SESSION_IDLE_MS = 30 * 60 * 1000
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export interface LoadedSession {
  id: string
  stage: SessionStage
  csrfToken: string
  actor: Actor
  createdAt: Date
}

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  stage: SessionStage,
  meta: { ip: string; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      stage,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent,
      expires_at: new Date(Date.now() + SESSION_IDLE_MS),
    })
    .execute()
  return { token, csrfToken }
}

export async function loadSession(db: Kysely<DB>, token: string): Promise<LoadedSession | null> {
  const id = hashToken(token)
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .select([
      's.id',
      's.stage',
      's.csrf_token',
      's.created_at',
      's.expires_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.kind',
      'u.full_name',
      'u.roles',
      'u.agency_id',
      'u.disabled',
      'a.ancestor_ids',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
  const now = Date.now()
  if (!row || row.disabled || row.expires_at.getTime() < now || row.created_at.getTime() + SESSION_MAX_MS < now) return null
  // Slide the idle timeout at most once a minute, so reads do not turn into a write per request.
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now), expires_at: new Date(now + SESSION_IDLE_MS) })
      .where('id', '=', id)
      .execute()
  }
  return {
    id,
    stage: row.stage,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    actor: {
      userId: row.user_id,
      kind: row.kind,
      fullName: row.full_name,
      roles: row.roles as Role[],
      agencyId: row.agency_id,
      agencyAncestorIds: row.ancestor_ids ?? [],
    },
  }
}

export async function setSessionStage(db: Kysely<DB>, sessionId: string, stage: SessionStage): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id', '=', sessionId).execute()
}

export async function destroySession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

export async function destroyUserSessions(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}
