import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import pino from 'pino'
import type { TestProject } from 'vitest/node'
import { closeContext, createContext } from '../src/bootstrap.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/database.ts'
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, withDatabaseName } from './postgres-url.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** With TEST_DATABASE_URL: the server to clone the migrated template on. Null = embedded PGlite per file. */
    testPostgres: { adminUrl: string; template: string } | null
  }
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * Runs once per `vitest run`. On PostgreSQL, migrates a template database (schema and job queue
 * tables) so each test file only pays for a `CREATE DATABASE … TEMPLATE`. On the embedded path
 * there is nothing shared: each file migrates its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) {
    project.provide('testPostgres', null)
    return
  }
  const q = (name: string) => pg.escapeIdentifier(name)
  await admin(adminUrl, async (c) => {
    await c.query(`drop database if exists ${q(TEMPLATE_DATABASE)} with (force)`)
    await c.query(`create database ${q(TEMPLATE_DATABASE)}`)
  })
  const dataDir = mkdtempSync(join(tmpdir(), 'congso-template-'))
  try {
    const config = loadConfig({ DATA_DIR: dataDir, ROLES: 'web', SEED_DEMO: 'false' })
    const database = await openDatabase({ databaseUrl: withDatabaseName(adminUrl, TEMPLATE_DATABASE), dataDir: null })
    // createContext applies the migrations and installs the job queue schema, then we close it
    await closeContext(await createContext(config, { database, log: pino({ level: 'silent' }) }))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  project.provide('testPostgres', { adminUrl, template: TEMPLATE_DATABASE })

  return async () => {
    await admin(adminUrl, async (c) => {
      // files drop their own database; this sweeps what a crashed or interrupted file left behind
      const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
        `${TEST_DATABASE_PREFIX}%`,
      ])
      for (const r of rows) await c.query(`drop database if exists ${q(r.datname)} with (force)`)
      await c.query(`drop database if exists ${q(TEMPLATE_DATABASE)} with (force)`)
    })
  }
}
