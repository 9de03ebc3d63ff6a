/**
 * TEST / DEMO ONLY: a reference external signer, standing in for the USB-token signing app on an
 * officer's machine or a remote signing service. Like them it holds its own key and certificate,
 * receives nothing but the digest (SHA-256, hex) and answers with a detached CAdES CMS (base64);
 * the PDF never leaves the server.
 */
import { buildCadesSignature } from '../sign/cms.ts'
import type { ExternalSigner } from '../sign/prepare.ts'
import type { TestIdentity } from './pki.ts'

export class ReferenceExternalSigner implements ExternalSigner {
  /** Every request it received: digests only. */
  readonly requests: string[] = []

  constructor(private readonly identity: Pick<TestIdentity, 'signer'>) {}

  async certificateChain(): Promise<string[]> {
    return (await this.identity.signer.certificateChain()).map((der) => Buffer.from(der).toString('base64'))
  }

  async signDigest(digestHex: string): Promise<string> {
    if (typeof digestHex !== 'string' || !/^[0-9a-f]{64}$/i.test(digestHex)) throw new TypeError('expected a SHA-256 digest in hex')
    this.requests.push(digestHex)
    const cms = await buildCadesSignature(new Uint8Array(Buffer.from(digestHex, 'hex')), this.identity.signer)
    return Buffer.from(cms).toString('base64')
  }
}
