import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Pkcs12Signer, SigningError, type Signer } from '@congso/pdf-signatures'
import type { Config } from '../../config.ts'
import { AppError } from '../../http/errors.ts'

/**
 * An agency's seal: its PKCS#12 key file on the server (`SEAL_DIR/<agency code>.p12`), the
 * passphrase from SEAL_PASSPHRASE_<CODE> or the file `<code>.p12.pass` next to it (never in the
 * repository or the database), and the red seal image `<code>.seal.png` for the appearance.
 */
export interface AgencySeal {
  signer: Signer
  certificate: Uint8Array
  image: Uint8Array | null
}

const cache = new Map<string, { mtimeMs: number; seal: AgencySeal }>()

export function sealPaths(config: Pick<Config, 'signing'>, agencyCode: string): { p12: string; pass: string; image: string } {
  // Agency codes are like 000.00.02.H99: safe as file names, but never let one walk out of the folder.
  if (!/^[A-Za-z0-9.]{1,40}$/.test(agencyCode) || agencyCode.includes('..')) throw new AppError('SIGNATURE_SEAL_NOT_CONFIGURED')
  const base = join(config.signing.sealDir, agencyCode)
  return { p12: `${base}.p12`, pass: `${base}.p12.pass`, image: `${base}.seal.png` }
}

function passphrase(agencyCode: string, passFile: string): string | null {
  const env = process.env[`SEAL_PASSPHRASE_${agencyCode.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`]
  if (env !== undefined) return env
  return existsSync(passFile) ? readFileSync(passFile, 'utf8').replace(/\r?\n$/, '') : null
}

/** The agency's seal, or SIGNATURE_SEAL_NOT_CONFIGURED / SIGNATURE_SEAL_UNAVAILABLE; reloaded when the key file changes. */
export async function loadSeal(config: Pick<Config, 'signing'>, agencyCode: string | null): Promise<AgencySeal> {
  if (!agencyCode) throw new AppError('SIGNATURE_SEAL_NOT_CONFIGURED')
  const paths = sealPaths(config, agencyCode)
  if (!existsSync(paths.p12)) throw new AppError('SIGNATURE_SEAL_NOT_CONFIGURED', agencyCode)
  const mtimeMs = statSync(paths.p12).mtimeMs
  const cached = cache.get(paths.p12)
  if (cached && cached.mtimeMs === mtimeMs) return cached.seal
  const pass = passphrase(agencyCode, paths.pass)
  if (pass === null) throw new AppError('SIGNATURE_SEAL_UNAVAILABLE', `thiếu mật khẩu của ${agencyCode}.p12`)
  try {
    const signer = await Pkcs12Signer.fromFile(paths.p12, pass)
    const [certificate] = await signer.certificateChain()
    const seal: AgencySeal = { signer, certificate: certificate!, image: existsSync(paths.image) ? readFileSync(paths.image) : null }
    cache.set(paths.p12, { mtimeMs, seal })
    return seal
  } catch (e) {
    if (e instanceof SigningError) throw new AppError('SIGNATURE_SEAL_UNAVAILABLE', e.code)
    throw e
  }
}
