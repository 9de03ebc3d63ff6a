import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { errorBody } from './errors.ts'

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

/** Serves the built web app; any non-API path falls back to index.html (client-side routes). */
export async function registerStaticWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_DIST + 'index.html')) {
    app.log.warn({ dir: WEB_DIST }, 'web app not built: run npm run build')
    return
  }
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false })
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/'
    if (req.method !== 'GET' || path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(path)) {
      return reply.status(404).send(errorBody('NOT_FOUND', path))
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
}
