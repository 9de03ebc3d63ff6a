import { buildApp } from './app.ts'
import { closeContext, createContext } from './bootstrap.ts'
import { loadConfig } from './config.ts'
import { DataDirInUseError } from './db/embedded-lock.ts'
import { seedDemoData } from './seed/seed.ts'

const config = loadConfig()
let ctx
try {
  ctx = await createContext(config)
} catch (e) {
  if (e instanceof DataDirInUseError) {
    process.stderr.write(`\n${e.message}\n\n`)
    process.exit(2)
  }
  throw e
}
const context = ctx
if (config.seedDemo) await seedDemoData(context)

const app = config.roles.includes('web') ? await buildApp(context) : null
if (app) {
  await app.listen({ port: config.port, host: config.host })
  context.log.info(
    { url: config.publicUrl, roles: config.roles, database: context.database.kind },
    `Congso đang phục vụ tại ${config.publicUrl}`,
  )
} else {
  context.log.info({ roles: config.roles, database: context.database.kind }, 'Congso started without the web role')
}

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  context.log.info({ signal }, 'shutting down: finishing in-flight requests')
  const force = setTimeout(() => {
    context.log.error('shutdown timed out, exiting')
    process.exit(1)
  }, 25_000)
  force.unref()
  try {
    // Fastify closes the keep-alive connections idle at this moment; a connection whose request is
    // still in flight goes idle after its response and would hold close() until the client's
    // keep-alive ends (72 s): close those too, as they become idle.
    const sweep = setInterval(() => app?.server.closeIdleConnections(), 100)
    try {
      await app?.close()
    } finally {
      clearInterval(sweep)
    }
    await closeContext(context)
    context.log.info('shutdown complete: database checkpointed and closed')
    process.exit(0)
  } catch (err) {
    context.log.error({ err }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
