import { authenticator } from 'otplib'
import QRCode from 'qrcode'

// RFC 6238 defaults (SHA-1, 30 s, 6 digits): what every authenticator app supports. One step of
// clock drift either way is accepted.
authenticator.options = { window: 1 }

export function newTotpSecret(): string {
  return authenticator.generateSecret(20)
}

export async function totpEnrolment(secret: string, account: string) {
  const otpauthUrl = authenticator.keyuri(account, 'Congso', secret)
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl) }
}

/**
 * Checks a code and returns the time step it matched, so the caller can refuse a replay of the
 * same code (a step is accepted at most once per account).
 */
export function verifyTotp(secret: string, code: string, lastStep: number | null): number | null {
  const delta = authenticator.checkDelta(code, secret)
  if (delta === null) return null
  const step = Math.floor(Date.now() / 30_000) + delta
  if (lastStep !== null && step <= lastStep) return null
  return step
}

/** Used by tests and the demo-credentials printout. */
export function currentTotp(secret: string): string {
  return authenticator.generate(secret)
}
