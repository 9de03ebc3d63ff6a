import { defineConfig } from 'vitest/config'

/**
 * Three tiers, each its own project (`npm run test:unit|test:int|test:e2e`):
 * - unit: pure functions, no database, no network; fast.
 * - integration: the server through HTTP (`app.inject` or a real port) against a real database.
 *   Each test file gets its own database (an in-memory PGlite, or with TEST_DATABASE_URL a
 *   PostgreSQL database cloned from a template migrated once), so files run in parallel.
 * - e2e: the built web app in Chromium; one browser, files one after another.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/src/**/*.test.ts', 'apps/**/src/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.e2e.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/server/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          globalSetup: ['apps/server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          teardownTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          teardownTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          passWithNoTests: true,
        },
      },
    ],
  },
})
