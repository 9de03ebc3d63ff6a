import { createHash, createPublicKey, verify as cryptoVerify, constants, type KeyObject } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OID } from '../sign/signer.ts'

export interface CmsCheck {
  integrity: 'ok' | 'failed'
  errors: string[]
  signer?: Uint8Array
  certificates: Uint8Array[]
  signingTime?: Date
  /** The SignerInfo's signature value: what a PAdES B-T time-stamp is over. */
  signatureValue?: Uint8Array
}

export const HASHES: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' }
const RSA_SIGS = new Set<string>([OID.rsaEncryption, OID.sha256WithRSA, OID.sha384WithRSA, OID.sha512WithRSA])
const EC_SIGS = new Set<string>([OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512])
/** X.509-style signature algorithms (certificates, CRLs, OCSP responses): the OID names the hash too. */
const X509_SIGS: Record<string, { hash: string; rsa: boolean }> = {
  [OID.sha256WithRSA]: { hash: 'sha256', rsa: true },
  [OID.sha384WithRSA]: { hash: 'sha384', rsa: true },
  [OID.sha512WithRSA]: { hash: 'sha512', rsa: true },
  [OID.ecdsaWithSha256]: { hash: 'sha256', rsa: false },
  [OID.ecdsaWithSha384]: { hash: 'sha384', rsa: false },
  [OID.ecdsaWithSha512]: { hash: 'sha512', rsa: false },
}

const der = (s: { toSchema(): asn1js.AsnType }): Buffer => Buffer.from(s.toSchema().toBER(false))

/**
 * Verifies a signature made with an X.509-style algorithm (sha*WithRSAEncryption, ecdsa-with-SHA*).
 * SHA-1 and RSA-PSS are not accepted. Never throws.
 */
export function verifyX509Signature(algorithmId: string, data: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  const alg = X509_SIGS[algorithmId]
  if (!alg) return false
  try {
    return alg.rsa
      ? cryptoVerify(alg.hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature)
      : cryptoVerify(alg.hash, data, key, signature)
  } catch {
    return false
  }
}

export function publicKeyOf(cert: pkijs.Certificate): KeyObject {
  return createPublicKey({ key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' })
}

/**
 * Checks a detached CMS SignedData against the signed byte ranges. Every structural surprise is an
 * error code; the caller treats any error as a failed signature.
 */
export function checkCms(contents: Uint8Array, signedParts: Uint8Array[]): CmsCheck {
  const failed = (error: string, rest: Partial<CmsCheck> = {}): CmsCheck => ({
    integrity: 'failed',
    errors: [error],
    certificates: [],
    ...rest,
  })
  const parsed = asn1js.fromBER(contents)
  if (parsed.offset === -1) return failed('contents-not-der')
  // The hex placeholder is zero-padded; anything else after the DER is smuggled data.
  if (contents.subarray(parsed.offset).some((b) => b !== 0)) return failed('contents-trailing-data')
  let signedData: pkijs.SignedData
  try {
    const info = new pkijs.ContentInfo({ schema: parsed.result })
    if (info.contentType !== OID.signedData) return failed('cms-not-signed-data')
    signedData = new pkijs.SignedData({ schema: info.content })
  } catch {
    return failed('cms-malformed')
  }
  if (signedData.encapContentInfo.eContent) return failed('cms-not-detached')
  if (signedData.signerInfos.length !== 1) return failed('cms-signer-count')
  const certs = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
  const si = signedData.signerInfos[0]!
  const checked = verifySignerInfo(si, certs, signedParts, OID.data)
  const certificates = certs.map((c) => new Uint8Array(der(c)))
  const signatureValue = new Uint8Array(si.signature.valueBlock.valueHexView)
  const { integrity, errors, signer } = checked
  if (checked.fatal) return failed(errors[0]!, { certificates, ...(signer ? { signer } : {}) })

  let signingTime: Date | undefined
  const st: unknown = si.signedAttrs?.attributes.find((a) => a.type === OID.signingTime)?.values[0]
  if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) signingTime = st.toDate()

  return { integrity, errors, signer, certificates, signatureValue, ...(signingTime ? { signingTime } : {}) }
}

export interface SignerInfoCheck {
  integrity: 'ok' | 'failed'
  errors: string[]
  /** True when checking stopped early (no signer certificate, no signed attributes, unknown digest). */
  fatal: boolean
  signer?: Uint8Array
  signerCertificate?: pkijs.Certificate
}

/**
 * Verifies one SignerInfo: content-type and message-digest signed attributes against `content`,
 * the signature over the signed attributes with the certificate its sid names, and the ESS
 * signing-certificate(-v2) binding. Used for the document signature and for time-stamp tokens.
 */
export function verifySignerInfo(
  si: pkijs.SignerInfo,
  certs: pkijs.Certificate[],
  content: Uint8Array[],
  expectedContentType: string,
): SignerInfoCheck {
  const stop = (error: string, rest: Partial<SignerInfoCheck> = {}): SignerInfoCheck => ({
    integrity: 'failed',
    errors: [error],
    fatal: true,
    ...rest,
  })
  const signerCert = certs.find((c) => matchesSid(c, si.sid))
  if (!signerCert) return stop('signer-certificate-missing')
  const signer = new Uint8Array(der(signerCert))

  const hash = HASHES[si.digestAlgorithm.algorithmId]
  if (!hash) return stop('unsupported-digest-algorithm', { signer, signerCertificate: signerCert })
  if (!si.signedAttrs) return stop('signed-attributes-missing', { signer, signerCertificate: signerCert })

  const errors: string[] = []
  const attr = (type: string): pkijs.Attribute[] => si.signedAttrs!.attributes.filter((a) => a.type === type)
  const contentType = attr(OID.contentType)
  const ct: unknown = contentType[0]?.values[0]
  if (contentType.length !== 1 || !(ct instanceof asn1js.ObjectIdentifier) || ct.getValue() !== expectedContentType)
    errors.push('content-type-attribute-invalid')

  const md = attr(OID.messageDigest)
  const mdValue: unknown = md[0]?.values[0]
  const digest = createHash(hash)
  for (const part of content) digest.update(part)
  const actual = digest.digest()
  let integrity: 'ok' | 'failed' = 'ok'
  if (md.length !== 1 || md[0]!.values.length !== 1 || !(mdValue instanceof asn1js.OctetString)) {
    errors.push('message-digest-attribute-invalid')
    integrity = 'failed'
  } else if (!actual.equals(Buffer.from(mdValue.valueBlock.valueHexView))) {
    errors.push('message-digest-mismatch')
    integrity = 'failed'
  }

  // The signature is over the attributes as a SET (tag 0x31), as they were received: pkijs keeps
  // those bytes with the tag already changed; re-encoding is only the fallback.
  const received = new Uint8Array(si.signedAttrs.encodedValue)
  const attrsDer = received.length > 0 ? received : new Uint8Array(si.signedAttrs.toSchema().toBER(false))
  attrsDer[0] = 0x31
  const sigAlg = si.signatureAlgorithm.algorithmId
  const publicKey = publicKeyOf(signerCert)
  const sigValue = Buffer.from(si.signature.valueBlock.valueHexView)
  let sigOk = false
  try {
    if (RSA_SIGS.has(sigAlg)) sigOk = cryptoVerify(hash, attrsDer, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, sigValue)
    else if (EC_SIGS.has(sigAlg)) sigOk = cryptoVerify(hash, attrsDer, publicKey, sigValue)
    else errors.push('unsupported-signature-algorithm')
  } catch {
    sigOk = false
  }
  if (!sigOk) {
    if (!errors.includes('unsupported-signature-algorithm')) errors.push('signature-invalid')
    integrity = 'failed'
  }

  // ESS signing-certificate(-v2) binds the signer certificate; PAdES requires it (EN 319 142-1 §6.3).
  // RFC 3161 tokens often carry the v1 attribute (SHA-1 ESSCertID); it is checked the same way.
  const sc2 = attr(OID.signingCertificateV2)
  const sc1 = attr(OID.signingCertificate)
  if (sc2.length === 0 && sc1.length === 0) errors.push('signing-certificate-attribute-missing')
  else if (sc2.length > 0 ? !signingCertMatches(sc2[0]!, signer, 'sha256') : !signingCertMatches(sc1[0]!, signer, 'sha1')) {
    errors.push('signing-certificate-mismatch')
    integrity = 'failed'
  }
  return { integrity, errors, fatal: false, signer, signerCertificate: signerCert }
}

function matchesSid(cert: pkijs.Certificate, sid: pkijs.SignerInfo['sid']): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return der(cert.issuer).equals(der(sid.issuer)) && cert.serialNumber.isEqual(sid.serialNumber)
  }
  // subjectKeyIdentifier: [0] IMPLICIT OCTET STRING, so the DER is tag, one length byte, then the key id.
  const ski: unknown = cert.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue
  if (!(ski instanceof asn1js.OctetString) || !(sid instanceof asn1js.BaseBlock)) return false
  const keyId = Buffer.from(ski.valueBlock.valueHexView)
  const sidDer = Buffer.from(sid.toBER(false))
  return keyId.length < 128 && sidDer.length === keyId.length + 2 && sidDer.subarray(2).equals(keyId)
}

/** ESSCertIDv2 (hash algorithm DEFAULT SHA-256, or given) or ESSCertID (always SHA-1) of the first certificate. */
function signingCertMatches(attribute: pkijs.Attribute, signerDer: Uint8Array, defaultHash: 'sha256' | 'sha1'): boolean {
  try {
    const certs = (attribute.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence
    const first = certs.valueBlock.value[0] as asn1js.Sequence
    let i = 0
    let hash: string = defaultHash
    const head = first.valueBlock.value[0]
    if (defaultHash === 'sha256' && head instanceof asn1js.Sequence) {
      const alg = new pkijs.AlgorithmIdentifier({ schema: head })
      const name = HASHES[alg.algorithmId]
      if (!name) return false
      hash = name
      i = 1
    }
    const certHash = first.valueBlock.value[i]
    if (!(certHash instanceof asn1js.OctetString)) return false
    return createHash(hash).update(signerDer).digest().equals(Buffer.from(certHash.valueBlock.valueHexView))
  } catch {
    return false
  }
}
