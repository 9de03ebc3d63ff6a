import * as x509 from '@peculiar/x509'
import { SigningError } from './errors.ts'

/**
 * Refuses to sign with a certificate that a verifier would reject anyway: outside its validity
 * period at the signing time, or whose key usage allows neither digitalSignature nor
 * nonRepudiation (a CA or encryption-only certificate). Trust and revocation are the validator's
 * business: the signer may not have the trust store, and OCSP is checked when validating.
 */
export function assertCanSign(certificateDer: Uint8Array, at: Date): void {
  let cert: x509.X509Certificate
  try {
    cert = new x509.X509Certificate(certificateDer)
  } catch {
    throw new SigningError('certificate-unreadable', 'the signer certificate is not a DER X.509 certificate')
  }
  if (at.getTime() > cert.notAfter.getTime())
    throw new SigningError('certificate-expired', `the signer certificate expired on ${cert.notAfter.toISOString()}`)
  if (at.getTime() < cert.notBefore.getTime())
    throw new SigningError('certificate-not-yet-valid', `the signer certificate is valid from ${cert.notBefore.toISOString()}`)
  let keyUsage: x509.KeyUsagesExtension | null
  try {
    keyUsage = cert.getExtension(x509.KeyUsagesExtension)
  } catch {
    throw new SigningError('certificate-unreadable', 'the signer certificate has an unreadable key usage extension')
  }
  // No extension means no restriction (RFC 5280 §4.2.1.3).
  if (keyUsage && (keyUsage.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) === 0)
    throw new SigningError(
      'certificate-key-usage',
      'the signer certificate is not for signing (key usage lacks digitalSignature and nonRepudiation)',
    )
}
