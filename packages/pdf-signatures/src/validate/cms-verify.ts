import { createHash, createPublicKey, verify as cryptoVerify, constants } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OID } from '../sign/signer.ts'

export interface CmsCheck {
  integrity: 'ok' | 'failed'
  errors: string[]
  signer?: Uint8Array
  certificates: Uint8Array[]
  signingTime?: Date
}

const HASHES: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' }
const RSA_SIGS = new Set<string>([OID.rsaEncryption, OID.sha256WithRSA, OID.sha384WithRSA, OID.sha512WithRSA])
const EC_SIGS = new Set<string>([OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512])

const der = (s: { toSchema(): asn1js.AsnType }): Buffer => Buffer.from(s.toSchema().toBER(false))

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
  const certificates = certs.map((c) => new Uint8Array(der(c)))
  const si = signedData.signerInfos[0]!

  const signerIndex = certs.findIndex((c) => matchesSid(c, si.sid))
  const signerCert = certs[signerIndex]
  if (!signerCert) return failed('signer-certificate-missing', { certificates })
  const signer = certificates[signerIndex]!

  const hash = HASHES[si.digestAlgorithm.algorithmId]
  if (!hash) return failed('unsupported-digest-algorithm', { certificates, signer })
  if (!si.signedAttrs) return failed('signed-attributes-missing', { certificates, signer })

  const errors: string[] = []
  const attr = (type: string): pkijs.Attribute[] => si.signedAttrs!.attributes.filter((a) => a.type === type)
  const contentType = attr(OID.contentType)
  const ct: unknown = contentType[0]?.values[0]
  if (contentType.length !== 1 || !(ct instanceof asn1js.ObjectIdentifier) || ct.getValue() !== OID.data)
    errors.push('content-type-attribute-invalid')

  const md = attr(OID.messageDigest)
  const mdValue: unknown = md[0]?.values[0]
  const digest = createHash(hash)
  for (const part of signedParts) digest.update(part)
  const actual = digest.digest()
  let integrity: 'ok' | 'failed' = 'ok'
  if (md.length !== 1 || md[0]!.values.length !== 1 || !(mdValue instanceof asn1js.OctetString)) {
    errors.push('message-digest-attribute-invalid')
    integrity = 'failed'
  } else if (!actual.equals(Buffer.from(mdValue.valueBlock.valueHexView))) {
    errors.push('message-digest-mismatch')
    integrity = 'failed'
  }

  // The signature is over the DER of the attributes as a SET (tag 0x31), as they were received.
  const attrsDer = new Uint8Array(si.signedAttrs.toSchema().toBER(false))
  attrsDer[0] = 0x31
  const sigAlg = si.signatureAlgorithm.algorithmId
  const publicKey = createPublicKey({
    key: Buffer.from(signerCert.subjectPublicKeyInfo.toSchema().toBER(false)),
    format: 'der',
    type: 'spki',
  })
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
  const sc2 = attr(OID.signingCertificateV2)
  if (sc2.length === 0 && attr(OID.signingCertificate).length === 0) errors.push('signing-certificate-attribute-missing')
  else if (sc2.length > 0 && !signingCertV2Matches(sc2[0]!, signer)) {
    errors.push('signing-certificate-mismatch')
    integrity = 'failed'
  }

  let signingTime: Date | undefined
  const st: unknown = attr(OID.signingTime)[0]?.values[0]
  if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) signingTime = st.toDate()

  return { integrity, errors, signer, certificates, ...(signingTime ? { signingTime } : {}) }
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

function signingCertV2Matches(attribute: pkijs.Attribute, signerDer: Uint8Array): boolean {
  try {
    const certs = (attribute.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence
    const first = certs.valueBlock.value[0] as asn1js.Sequence
    let i = 0
    let hash = 'sha256'
    const head = first.valueBlock.value[0]
    if (head instanceof asn1js.Sequence) {
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
