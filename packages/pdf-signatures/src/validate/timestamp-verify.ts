import { createHash, type X509Certificate } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OID } from '../sign/signer.ts'
import { readTstInfo, TSP_OID } from '../sign/timestamp.ts'
import { describe, evaluateTrust } from './chain.ts'
import { HASHES, verifySignerInfo } from './cms-verify.ts'
import type { TimestampReport } from './report.ts'

/**
 * The PAdES B-T signature time-stamp (unsigned attribute id-aa-signatureTimeStampToken) of a CMS,
 * verified against the signature value and the trust anchors; null when there is none.
 * 'valid' means all of: the token's own signature and message digest, its imprint equal to the
 * hash of the signature value, a TSA certificate with the critical extended key usage
 * id-kp-timeStamping only, and a path from it to the anchors valid at the time asserted. Only
 * then is the time a trusted signing time. Never throws.
 */
export async function verifySignatureTimestamp(cms: Uint8Array, anchors: X509Certificate[]): Promise<TimestampReport | null> {
  const found = findToken(cms)
  if (found === null) return null
  const report: TimestampReport = { time: '', tsaName: null, status: 'invalid', trust: 'unknown', errors: [] }
  if ('error' in found) return { ...report, errors: [found.error] }
  if (found.tokens.length !== 1) return { ...report, errors: ['timestamp-count'] }
  try {
    return verifyToken(found.tokens[0]!, found.signatureValue, found.outerCertificates, anchors, report)
  } catch {
    return { ...report, errors: [...report.errors, 'timestamp-malformed'] }
  }
}

/** The tokens, the signature value they must be over, and the signature's certificates (intermediates a token may leave out). */
type Found = { tokens: Uint8Array[]; signatureValue: Uint8Array; outerCertificates: Uint8Array[] } | { error: string } | null

function findToken(cms: Uint8Array): Found {
  let signerInfo: pkijs.SignerInfo
  let outerCertificates: Uint8Array[]
  try {
    const parsed = asn1js.fromBER(cms) // the /Contents hex string is zero-padded after the DER
    if (parsed.offset === -1) return null
    const info = new pkijs.ContentInfo({ schema: parsed.result })
    if (info.contentType !== OID.signedData) return null
    const signedData = new pkijs.SignedData({ schema: info.content })
    const [si] = signedData.signerInfos
    if (!si) return null
    signerInfo = si
    outerCertificates = (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => new Uint8Array(c.toSchema().toBER(false)))
  } catch {
    return null // the document signature check reports an unreadable CMS
  }
  const attributes = (signerInfo.unsignedAttrs?.attributes ?? []).filter((a) => a.type === TSP_OID.signatureTimeStampToken)
  if (attributes.length === 0) return null
  const tokens: Uint8Array[] = []
  for (const a of attributes) {
    for (const v of a.values as asn1js.BaseBlock[]) {
      if (!(v instanceof asn1js.BaseBlock)) return { error: 'timestamp-malformed' }
      tokens.push(new Uint8Array(v.valueBeforeDecodeView))
    }
  }
  return { tokens, signatureValue: new Uint8Array(signerInfo.signature.valueBlock.valueHexView), outerCertificates }
}

function verifyToken(
  token: Uint8Array,
  signatureValue: Uint8Array,
  outerCertificates: Uint8Array[],
  anchors: X509Certificate[],
  report: TimestampReport,
): TimestampReport {
  const read = readTstInfo(token)
  if (!read) return { ...report, errors: ['timestamp-malformed'] }
  const { tstInfo, signedData, content } = read
  report.time = tstInfo.genTime.toISOString()
  const errors = report.errors

  const [si, ...more] = signedData.signerInfos
  if (!si || more.length > 0) return { ...report, errors: ['timestamp-signer-count'] }
  const certs = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
  const checked = verifySignerInfo(si, certs, [content], TSP_OID.tstInfo)
  errors.push(...checked.errors.map((e) => `timestamp-${e}`))

  const hash = HASHES[tstInfo.messageImprint.hashAlgorithm.algorithmId]
  const imprint = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView)
  if (!hash) errors.push('timestamp-imprint-algorithm-unsupported')
  else if (!createHash(hash).update(signatureValue).digest().equals(imprint)) errors.push('timestamp-imprint-mismatch')

  const tsaDer = checked.signer
  if (tsaDer) {
    const tsa = describe(tsaDer)
    report.tsaName = tsa?.subject ?? null
    if (!hasOnlyTimestampingEku(tsaDer)) errors.push('timestamp-tsa-key-usage')
    const pool = [...certs.map((c) => new Uint8Array(c.toSchema().toBER(false))), ...outerCertificates]
    const trust = evaluateTrust(tsaDer, pool, anchors, tstInfo.genTime)
    report.trust = trust.trust
    errors.push(...trust.errors.map((e) => `timestamp-${e}`))
  }
  report.status = errors.length === 0 && checked.integrity === 'ok' && report.trust === 'trusted' ? 'valid' : 'invalid'
  return report
}

/** RFC 3161 §2.3: exactly one extended key usage, id-kp-timeStamping, marked critical. */
function hasOnlyTimestampingEku(der: Uint8Array): boolean {
  const eku = new x509.X509Certificate(der).getExtension(x509.ExtendedKeyUsageExtension)
  return !!eku && eku.critical && eku.usages.length === 1 && eku.usages[0] === TSP_OID.timeStamping
}
