import type { SealInfo } from '@congso/contracts'
import { describeCertificate } from '@congso/pdf-signatures'
import type { AppContext } from '../../context.ts'
import { AppError, errorBody } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { loadSeal } from './seals.ts'

/** What the sealing screen shows: whose seal, valid until when, or why it cannot be used. */
export async function sealInfo(ctx: Pick<AppContext, 'config' | 'reference'>, actor: Actor): Promise<SealInfo> {
  const agency = actor.agencyId ? await ctx.reference.agencyById(actor.agencyId) : null
  if (!agency) throw new AppError('FORBIDDEN')
  const base = { agencyName: agency.name, timestamping: ctx.config.signing.tsaUrl !== null }
  try {
    const seal = await loadSeal(ctx.config, agency.code)
    return { ...base, configured: true, certificate: describeCertificate(seal.certificate), problem: null }
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    return {
      ...base,
      configured: e.code !== 'SIGNATURE_SEAL_NOT_CONFIGURED',
      certificate: null,
      problem: errorBody(e.code, e.detail).error.message,
    }
  }
}
