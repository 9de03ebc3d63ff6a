import { X509Certificate } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import type { CertificateInfo, RevocationStatus, TrustStatus } from './report.ts'

/** A trust anchor: PEM text (one or more certificates) or DER bytes. */
export type TrustAnchor = string | Uint8Array

export function parseAnchors(anchors: TrustAnchor[]): { certs: X509Certificate[]; errors: string[] } {
  const certs: X509Certificate[] = []
  const errors: string[] = []
  for (const a of anchors) {
    const ders =
      typeof a === 'string'
        ? [...a.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)].map((m) =>
            Buffer.from(m[1]!, 'base64'),
          )
        : [Buffer.from(a)]
    if (ders.length === 0) errors.push('trust-anchor-unreadable')
    for (const der of ders) {
      try {
        certs.push(new X509Certificate(der))
      } catch {
        errors.push('trust-anchor-unreadable')
      }
    }
  }
  return { certs, errors }
}

const MAX_CHAIN = 8

/**
 * Builds a path from the signer to a trust anchor using the certificates in the CMS as
 * intermediates, checks each signature and each certificate's validity at the (claimed) signing
 * time, and the signer's key usage. Revocation (CRL/OCSP) is not checked yet.
 */
export function evaluateTrust(
  signerDer: Uint8Array,
  pool: Uint8Array[],
  anchors: X509Certificate[],
  at: Date,
): { trust: TrustStatus; errors: string[] } {
  let signer: X509Certificate
  let intermediates: X509Certificate[]
  try {
    signer = new X509Certificate(signerDer)
    intermediates = pool.map((d) => new X509Certificate(d))
  } catch {
    return { trust: 'unknown', errors: ['certificate-unreadable'] }
  }
  if (!hasSigningKeyUsage(signerDer)) return { trust: 'invalid-key-usage', errors: ['signer-key-usage'] }

  const path: X509Certificate[] = [signer]
  let anchored = anchors.some((a) => a.raw.equals(signer.raw))
  while (!anchored && path.length <= MAX_CHAIN) {
    const current = path[path.length - 1]!
    const anchor = anchors.find((a) => current.checkIssued(a) && current.verify(a.publicKey))
    if (anchor) {
      path.push(anchor)
      anchored = true
      break
    }
    const next = intermediates.find(
      (c) => !path.some((p) => p.raw.equals(c.raw)) && c.ca && current.checkIssued(c) && current.verify(c.publicKey),
    )
    if (!next) break
    path.push(next)
  }
  if (!anchored) return { trust: 'untrusted', errors: ['chain-not-trusted'] }
  for (const cert of path) {
    if (at.getTime() > Date.parse(cert.validTo)) return { trust: 'expired', errors: ['certificate-expired-at-signing-time'] }
    if (at.getTime() < Date.parse(cert.validFrom)) return { trust: 'not-yet-valid', errors: ['certificate-not-yet-valid-at-signing-time'] }
  }
  return { trust: 'trusted', errors: [] }
}

function hasSigningKeyUsage(der: Uint8Array): boolean {
  const ku = new x509.X509Certificate(der).getExtension(x509.KeyUsagesExtension)
  // No extension means no restriction (RFC 5280 §4.2.1.3).
  if (!ku) return true
  return (ku.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) !== 0
}

/** How to reach CRL distribution points and OCSP responders. TODO(issue 5, in progress). */
export interface RevocationOptions {
  fetch?: typeof fetch
  timeoutMs?: number
}

export interface CertificateAssessment {
  trust: TrustStatus
  revocation: RevocationStatus
  chain: CertificateInfo[]
  errors: string[]
}

/** Trust, revocation and the described chain of a signer certificate at time `at`. */
export async function assessCertificate(
  signerDer: Uint8Array,
  pool: Uint8Array[],
  anchors: X509Certificate[],
  at: Date,
  _revocation: RevocationOptions | false,
): Promise<CertificateAssessment> {
  const { trust, errors } = evaluateTrust(signerDer, pool, anchors, at)
  return { trust, revocation: 'not-checked', chain: [describe(signerDer)].filter((c): c is CertificateInfo => c !== null), errors }
}

export function describe(der: Uint8Array): CertificateInfo | null {
  try {
    const c = new x509.X509Certificate(der)
    return {
      subject: c.subject,
      commonName: c.subjectName.getField('CN')[0] ?? c.subject,
      organization: c.subjectName.getField('O')[0] ?? null,
      issuer: c.issuer,
      serialNumber: c.serialNumber,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      sha256: new X509Certificate(der).fingerprint256.replace(/:/g, '').toLowerCase(),
    }
  } catch {
    return null
  }
}
