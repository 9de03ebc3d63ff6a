import { X509Certificate } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import type { CertificateInfo, RevocationStatus, TrustStatus } from './report.ts'
import { checkRevocation, type CrlCache, type RevocationCheck, type RevocationOptions } from './revocation.ts'

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

interface TrustPath {
  trust: TrustStatus
  errors: string[]
  /** Signer first, then each issuer found; ends with the anchor when `anchored`. */
  path: X509Certificate[]
  anchored: boolean
}

/**
 * Builds a path from the signer to a trust anchor using the certificates in the CMS as
 * intermediates, checks each signature and each certificate's validity at the (claimed) signing
 * time, the signer's key usage and that every issuer is a CA allowed to sign certificates.
 */
export function evaluateTrust(
  signerDer: Uint8Array,
  pool: Uint8Array[],
  anchors: X509Certificate[],
  at: Date,
): { trust: TrustStatus; errors: string[] } {
  const { trust, errors } = buildPath(signerDer, pool, anchors, at)
  return { trust, errors }
}

function buildPath(signerDer: Uint8Array, pool: Uint8Array[], anchors: X509Certificate[], at: Date): TrustPath {
  let signer: X509Certificate
  let intermediates: X509Certificate[]
  try {
    signer = new X509Certificate(signerDer)
    intermediates = pool.map((d) => new X509Certificate(d))
  } catch {
    return { trust: 'unknown', errors: ['certificate-unreadable'], path: [], anchored: false }
  }
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
    const next = intermediates.find((c) => !path.some((p) => p.raw.equals(c.raw)) && current.checkIssued(c) && current.verify(c.publicKey))
    if (!next) break
    path.push(next)
  }
  const fail = (trust: TrustStatus, error: string): TrustPath => ({ trust, errors: [error], path, anchored })
  if (!hasKeyUsage(signerDer, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation))
    return fail('invalid-key-usage', 'signer-key-usage')
  if (!anchored) return fail('untrusted', 'chain-not-trusted')
  // Issuers: intermediates must be CAs (basic constraints, path length) allowed to sign certificates;
  // a trust anchor is the administrator's choice, only its key usage (when present) is held to.
  for (const [i, issuer] of path.entries()) {
    if (i === 0) continue
    const isAnchor = i === path.length - 1
    if (!hasKeyUsage(issuer.raw, x509.KeyUsageFlags.keyCertSign)) return fail('invalid-key-usage', 'issuer-key-usage')
    if (isAnchor) continue
    const bc = basicConstraints(issuer.raw)
    if (!bc?.ca) return fail('invalid-key-usage', 'issuer-not-ca')
    if (bc.pathLength !== undefined && i - 1 > bc.pathLength) return fail('invalid-key-usage', 'issuer-path-length-exceeded')
  }
  for (const cert of path) {
    if (at.getTime() > Date.parse(cert.validTo)) return fail('expired', 'certificate-expired-at-signing-time')
    if (at.getTime() < Date.parse(cert.validFrom)) return fail('not-yet-valid', 'certificate-not-yet-valid-at-signing-time')
  }
  return { trust: 'trusted', errors: [], path, anchored }
}

/** True when the key usage extension is absent (no restriction, RFC 5280 §4.2.1.3) or has one of `flags`. */
function hasKeyUsage(der: Uint8Array, flags: x509.KeyUsageFlags): boolean {
  try {
    const ku = new x509.X509Certificate(der).getExtension(x509.KeyUsagesExtension)
    return !ku || (ku.usages & flags) !== 0
  } catch {
    return false // an unreadable extension grants nothing
  }
}

function basicConstraints(der: Uint8Array): x509.BasicConstraintsExtension | null {
  try {
    return new x509.X509Certificate(der).getExtension(x509.BasicConstraintsExtension)
  } catch {
    return null
  }
}

export type { RevocationOptions, RevocationCheck } from './revocation.ts'

export interface CertificateAssessment {
  trust: TrustStatus
  revocation: RevocationStatus
  /** Signer first, then issuers up to the trust anchor when one was found. */
  chain: CertificateInfo[]
  /** One entry per certificate whose revocation was checked (the path without its anchor). */
  revocationChecks: RevocationCheck[]
  errors: string[]
}

/**
 * Trust, revocation and the described chain of a signer certificate at time `at`. Revocation is
 * asked only along a path that reached a trust anchor: the addresses come from certificates the
 * anchors vouch for, never from whatever an uploaded file carries.
 */
export async function assessCertificate(
  signerDer: Uint8Array,
  pool: Uint8Array[],
  anchors: X509Certificate[],
  at: Date,
  revocation: RevocationOptions | false,
  /**
   * The time revocation is judged at. With a valid time-stamp it is the time-stamp's; without one the
   * claimed signing time proves nothing (it can be backdated), so a revocation at any time before
   * the check counts (ETSI EN 319 102-1: no proof of existence before the revocation).
   */
  revocationAt: Date = at,
): Promise<CertificateAssessment> {
  const built = buildPath(signerDer, pool, anchors, at)
  const chain = built.path.map((c) => describe(c.raw)).filter((c): c is CertificateInfo => c !== null)
  const result: CertificateAssessment = {
    trust: built.trust,
    revocation: 'not-checked',
    chain,
    revocationChecks: [],
    errors: [...built.errors],
  }
  if (revocation === false) return result
  if (!built.anchored) {
    result.revocation = 'unknown'
    return result
  }
  const cache: CrlCache = new Map()
  const pairs = built.path.slice(0, -1).map((cert, i) => [cert, built.path[i + 1]!] as const)
  result.revocationChecks = await Promise.all(pairs.map(([cert, issuer]) => checkRevocation(cert, issuer, revocationAt, revocation, cache)))
  const statuses = result.revocationChecks.map((c) => c.status)
  if (statuses.includes('revoked')) {
    result.revocation = 'revoked'
    result.trust = 'revoked'
    result.errors.push('certificate-revoked')
  } else if (statuses.includes('unknown')) {
    result.revocation = 'unknown'
    result.errors.push(unknownReason(result.revocationChecks.filter((c) => c.status === 'unknown')))
  } else result.revocation = 'good'
  return result
}

/** 'revocation-no-source' when a certificate names no CRL or OCSP address; 'revocation-unreachable' when none answered; else the answers were unusable. */
function unknownReason(checks: RevocationCheck[]): string {
  const errors = checks.flatMap((c) => c.errors)
  if (errors.includes('revocation-no-source')) return 'revocation-no-source'
  if (errors.every((e) => e.endsWith('-unreachable'))) return 'revocation-unreachable'
  if (errors.every((e) => e.endsWith('-unreachable') || e.endsWith('-status-unknown'))) return 'revocation-status-unknown'
  return 'revocation-response-invalid'
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
