import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

export function findOfficerByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where('kind', '=', 'officer').where('username', '=', username).executeTakeFirst()
}

/** Citizens sign in with their citizen ID, e-mail or phone. */
export function findCitizenByLogin(db: Kysely<DB>, login: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('kind', '=', 'citizen')
    .where((eb) => eb.or([eb('citizen_id', '=', login), eb(eb.fn('lower', ['email']), '=', login.toLowerCase()), eb('phone', '=', login)]))
    .executeTakeFirst()
}

export function findUser(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .selectAll('u')
    .select('a.name as agency_name')
    .where('u.id', '=', id)
    .executeTakeFirst()
}
