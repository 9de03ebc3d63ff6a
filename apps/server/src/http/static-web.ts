import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { errorBody } from './errors.ts'

// A missing asset is a 404; any other path is a client-side route (procedure codes like 1.001193 contain dots).
const STATIC_FILE = /\.(?:js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|txt|json|webmanifest)$/i

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

/** Serves the built web app; any non-API path falls back to index.html (client-side routes). */
export async function registerStaticWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_DIST + 'index.html')) {
    app.log.warn({ dir: WEB_DIST }, 'web app not built: run npm run build')
    return
  }
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false })
  // A catch-all GET route, not a second not-found handler (the error handler owns that one and
  // Fastify allows one per prefix): the files above are exact routes and win over the wildcard.
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '/'
    if (path.startsWith('/api/') || STATIC_FILE.test(path)) {
      return reply.status(404).send(errorBody('NOT_FOUND', path))
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
}
