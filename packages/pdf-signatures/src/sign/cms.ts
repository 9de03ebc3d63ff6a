import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
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
