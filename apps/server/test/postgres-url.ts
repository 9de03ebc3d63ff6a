/** Names shared by the global setup (which migrates the template) and the per-file harness (which clones it). */
export const TEMPLATE_DATABASE = 'congso_template'
export const TEST_DATABASE_PREFIX = 'congso_t_'

/** The same server and credentials, another database. */
export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
