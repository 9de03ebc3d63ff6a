import { constants, createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { SigningError } from './errors.ts'
import { OID, type Signer } from './signer.ts'

/**
 * Builds a detached CAdES SignedData for PAdES baseline B-B (ETSI EN 319 142-1 §6.3): signed
 * attributes content-type, message-digest and ESS signing-certificate-v2. The signing-time
 * attribute is deliberately absent — PAdES puts the claimed signing time in the dictionary's /M.
 */
export async function buildCadesSignature(contentDigest: Uint8Array, signer: Signer): Promise<Uint8Array> {
  const chainDer = await signer.certificateChain()
  const certs = chainDer.map((der) => pkijs.Certificate.fromBER(der))
  const signerCert = certs[0]
  const signerDer = chainDer[0]
  if (!signerCert || !signerDer) throw new RangeError('the signer returned no certificate')

  const keyAlgorithm = signerCert.subjectPublicKeyInfo.algorithm.algorithmId
  const signatureAlgorithm =
    keyAlgorithm === OID.rsaEncryption
      ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() })
      : keyAlgorithm === OID.ecPublicKey
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 })
        : undefined
  if (!signatureAlgorithm) throw new TypeError(`unsupported signer key algorithm ${keyAlgorithm}`)

  const essCertIdV2 = new asn1js.Sequence({
    value: [
      // hashAlgorithm is omitted: SHA-256 is the DEFAULT, and DER forbids encoding a default.
      new asn1js.OctetString({ valueHex: createHash('sha256').update(signerDer).digest() }),
      new asn1js.Sequence({
        value: [
          new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: signerCert.issuer })] }).toSchema(),
          new asn1js.Integer({ valueHex: signerCert.serialNumber.valueBlock.valueHexView }),
        ],
      }),
    ],
  })
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: contentDigest })] }),
    new pkijs.Attribute({
      type: OID.signingCertificateV2,
      values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
    }),
  ]
  // DER orders SET OF by encoding; verifiers that re-encode (NSS) would otherwise compute another hash.
  const sorted = attributes
    .map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map((x) => x.a)
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted })
  const toSign = new Uint8Array(signedAttrs.toSchema().toBER(false))
  toSign[0] = 0x31 // the signature covers the attributes as a SET, not as the [0] IMPLICIT field
  const signature = await signer.signDigest(new Uint8Array(createHash('sha256').update(toSign).digest()), 'SHA-256')

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCert.issuer, serialNumber: signerCert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm,
    signature: new asn1js.OctetString({ valueHex: signature }),
  })
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: certs,
    signerInfos: [signerInfo],
  })
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) })
  return new Uint8Array(contentInfo.toSchema().toBER(false))
}

export interface CadesSummary {
  /** The message-digest signed attribute: what the CMS claims to sign. */
  messageDigest: Uint8Array
  /** DER of the certificate the SignerInfo points at. */
  signerCertificate: Uint8Array
  /** Whether the signature value verifies over the signed attributes with that certificate's key. */
  signatureValid: boolean
}

const RSA_SIGNATURES = new Set<string>([OID.rsaEncryption, OID.sha256WithRSA])
const EC_SIGNATURES = new Set<string>([OID.ecdsaWithSha256])

/**
 * Reads a CMS returned by an external signer before it is embedded: DER ContentInfo of a detached
 * SignedData with one SHA-256 SignerInfo, signed attributes with one content-type (id-data) and one
 * message-digest, and the signer certificate included. Anything else is SigningError('cms-malformed').
 */
export function inspectCadesSignature(cms: Uint8Array): CadesSummary {
  const malformed = (why: string): SigningError => new SigningError('cms-malformed', `the CMS is not a usable detached SignedData: ${why}`)
  const parsed = asn1js.fromBER(cms)
  if (parsed.offset === -1) throw malformed('not DER')
  if (parsed.offset !== cms.length) throw malformed('trailing bytes after the DER')
  let signedData: pkijs.SignedData
  try {
    const info = new pkijs.ContentInfo({ schema: parsed.result })
    if (info.contentType !== OID.signedData) throw malformed('not SignedData')
    signedData = new pkijs.SignedData({ schema: info.content })
  } catch (e) {
    if (e instanceof SigningError) throw e
    throw malformed('unreadable structure')
  }
  if (signedData.encapContentInfo.eContent) throw malformed('not detached (it encapsulates content)')
  if (signedData.signerInfos.length !== 1) throw malformed('not exactly one signer')
  const si = signedData.signerInfos[0]!
  if (si.digestAlgorithm.algorithmId !== OID.sha256) throw malformed('digest algorithm is not SHA-256')
  if (!si.signedAttrs) throw malformed('no signed attributes')
  const attrs = (type: string): pkijs.Attribute[] => si.signedAttrs!.attributes.filter((a) => a.type === type)
  const contentType = attrs(OID.contentType)
  const ct: unknown = contentType[0]?.values[0]
  if (contentType.length !== 1 || !(ct instanceof asn1js.ObjectIdentifier) || ct.getValue() !== OID.data)
    throw malformed('bad content-type attribute')
  const md = attrs(OID.messageDigest)
  const mdValue: unknown = md[0]?.values[0]
  if (md.length !== 1 || md[0]!.values.length !== 1 || !(mdValue instanceof asn1js.OctetString))
    throw malformed('bad message-digest attribute')

  const certs = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
  const sid = si.sid as unknown
  const signerCert = certs.find((c) =>
    sid instanceof pkijs.IssuerAndSerialNumber
      ? Buffer.from(c.issuer.toSchema().toBER(false)).equals(Buffer.from(sid.issuer.toSchema().toBER(false))) &&
        c.serialNumber.isEqual(sid.serialNumber)
      : sid instanceof asn1js.Primitive && subjectKeyId(c).length > 0 && Buffer.from(sid.valueBlock.valueHexView).equals(subjectKeyId(c)),
  )
  if (!signerCert) throw malformed('the signer certificate is not included')
  const signerDer = new Uint8Array(signerCert.toSchema().toBER(false))

  // The signature covers the DER of the attributes as a SET (tag 0x31), as they were received.
  const attrsDer = new Uint8Array(si.signedAttrs.toSchema().toBER(false))
  attrsDer[0] = 0x31
  let signatureValid = false
  try {
    const key = createPublicKey({ key: Buffer.from(signerCert.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' })
    const value = Buffer.from(si.signature.valueBlock.valueHexView)
    const algorithm = si.signatureAlgorithm.algorithmId
    if (RSA_SIGNATURES.has(algorithm))
      signatureValid = cryptoVerify('sha256', attrsDer, { key, padding: constants.RSA_PKCS1_PADDING }, value)
    else if (EC_SIGNATURES.has(algorithm)) signatureValid = cryptoVerify('sha256', attrsDer, key, value)
    else throw malformed(`unsupported signature algorithm ${algorithm}`)
  } catch (e) {
    if (e instanceof SigningError) throw e
    signatureValid = false
  }
  return { messageDigest: new Uint8Array(mdValue.valueBlock.valueHexView), signerCertificate: signerDer, signatureValid }
}

function subjectKeyId(cert: pkijs.Certificate): Buffer {
  const ski: unknown = cert.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue
  return ski instanceof asn1js.OctetString ? Buffer.from(ski.valueBlock.valueHexView) : Buffer.alloc(0)
}
