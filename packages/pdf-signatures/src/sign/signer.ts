import { constants, privateEncrypt, type KeyObject } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

export type DigestAlgorithm = 'SHA-256'

/**
 * Where the private key lives is the provider's business: a local key (agency seal on the server),
 * a USB token on the officer's machine or a remote signing service all receive only the digest of
 * the CMS signed attributes and return the raw signature value.
 */
export interface Signer {
  /** DER certificates, the signer's own first, then its issuers (the root may be left out). */
  certificateChain(): Promise<Uint8Array[]>
  /**
   * Signs a precomputed digest. RSA keys return a PKCS#1 v1.5 signature over the DigestInfo;
   * EC keys return a DER-encoded ECDSA signature.
   */
  signDigest(digest: Uint8Array, algorithm: DigestAlgorithm): Promise<Uint8Array>
}

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const

/** A signer holding its private key in this process: the agency seal, and the test PKI. */
export class LocalKeySigner implements Signer {
  constructor(
    private readonly privateKey: KeyObject,
    private readonly chain: Uint8Array[],
  ) {
    if (chain.length === 0) throw new RangeError('a signer needs at least its own certificate')
    if (privateKey.type !== 'private') throw new TypeError('LocalKeySigner needs a private key')
  }

  async certificateChain(): Promise<Uint8Array[]> {
    return this.chain
  }

  async signDigest(digest: Uint8Array, algorithm: DigestAlgorithm): Promise<Uint8Array> {
    if (algorithm !== 'SHA-256' || digest.length !== 32) throw new RangeError('expected a SHA-256 digest')
    if (this.privateKey.asymmetricKeyType !== 'rsa') {
      // Node cannot sign a precomputed digest with ECDSA; a token or remote service would.
      throw new TypeError(`LocalKeySigner supports RSA keys only, not ${this.privateKey.asymmetricKeyType ?? 'unknown'}`)
    }
    // PKCS#1 v1.5 over a digest = raw RSA over the DER DigestInfo, built with pkijs rather than by hand.
    const digestInfo = new pkijs.DigestInfo({
      digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() }),
      digest: new asn1js.OctetString({ valueHex: digest }),
    })
    const der = new Uint8Array(digestInfo.toSchema().toBER(false))
    return new Uint8Array(privateEncrypt({ key: this.privateKey, padding: constants.RSA_PKCS1_PADDING }, der))
  }
}
