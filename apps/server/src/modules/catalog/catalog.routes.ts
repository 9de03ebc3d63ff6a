import type { AppContext } from '../../context.ts'
import type { ZodApp } from '../../http/types.ts'

export async function catalogRoutes(_app: ZodApp, _ctx: AppContext): Promise<void> {}
