import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../http/errors.ts'
import type { ZodApp } from '../../http/types.ts'

export const DEMO_CRL_FILE = 'demo-root.crl'

/**
 * The demo root CA's certificate revocation list, named in every demo certificate, so validating a
 * demo signature checks revocation for real instead of reporting it unknown. Absent outside the demo.
 */
export function demoCrlRoute(app: ZodApp, ctx: Pick<AppContext, 'config'>): void {
  app.get(
    `/pki/${DEMO_CRL_FILE}`,
    { schema: { tags: ['signatures'], summary: 'Danh sách chứng thư bị thu hồi của CA dữ liệu mẫu' } },
    async (_req, reply) => {
      const file = join(ctx.config.dataDir, 'pki', DEMO_CRL_FILE)
      if (!existsSync(file)) throw new AppError('NOT_FOUND', DEMO_CRL_FILE)
      return reply.type('application/pkix-crl').header('cache-control', 'public, max-age=3600').send(readFileSync(file))
    },
  )
}
