import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import * as x509 from '@peculiar/x509'
import forge from 'node-forge'
import { describe } from '../validate/chain.ts'
import type { CertificateInfo } from '../validate/report.ts'
import { SigningError } from './errors.ts'
import { LocalKeySigner, type DigestAlgorithm, type Signer } from './signer.ts'

/** A seal's PKCS#12 file is a few kilobytes; refuse anything absurd before handing it to the parser. */
const MAX_PKCS12_BYTES = 1024 * 1024

/**
 * The agency seal held on the server as a PKCS#12 (.p12/.pfx) file protected by a passphrase.
 * Reads what OpenSSL 3 writes by default (PBES2 AES-256-CBC, PBKDF2, HMAC-SHA256 MAC) and the
 * legacy encodings of older tools and CA portals (SHA-1 PBE with 3DES or RC2-40, HMAC-SHA1 MAC).
 * Signing itself is LocalKeySigner's: RSA PKCS#1 v1.5 over the digest.
 */
export class Pkcs12Signer implements Signer {
  private constructor(
    private readonly inner: LocalKeySigner,
    /** DER certificates: the signer's own first, then its issuers as far as the file has them. */
    readonly chain: Uint8Array[],
  ) {}

  static async fromFile(path: string, passphrase: string): Promise<Pkcs12Signer> {
    let bytes: Uint8Array
    try {
      bytes = await readFile(path)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'read error'
      throw new SigningError('pkcs12-unreadable', `cannot read the PKCS#12 file ${path} (${code})`)
    }
    return Pkcs12Signer.fromBytes(bytes, passphrase)
  }

  static fromBytes(bytes: Uint8Array, passphrase: string): Pkcs12Signer {
    if (bytes.length > MAX_PKCS12_BYTES) throw new SigningError('pkcs12-unreadable', 'the PKCS#12 file is larger than 1 MiB')
    const { keys, certs } = openPfx(bytes, passphrase)
    if (keys.length === 0) throw new SigningError('pkcs12-no-key', 'the PKCS#12 file holds no private key')
    const matches = keys.flatMap((key) => {
      const spki = createPublicKey(key).export({ type: 'spki', format: 'der' })
      const cert = certs.find((c) => c.publicKey.export({ type: 'spki', format: 'der' }).equals(spki))
      return cert ? [{ key, cert }] : []
    })
    const [match, ...others] = matches
    if (!match) throw new SigningError('pkcs12-no-key', 'no certificate in the PKCS#12 file belongs to its private key')
    if (others.length > 0) throw new SigningError('pkcs12-unreadable', 'the PKCS#12 file holds several keys with certificates')
    if (match.key.asymmetricKeyType !== 'rsa') {
      throw new SigningError(
        'pkcs12-unreadable',
        `the local signer supports RSA keys only, not ${match.key.asymmetricKeyType ?? 'unknown'}`,
      )
    }
    const chain = orderChain(match.cert, certs).map((c) => new Uint8Array(c.raw))
    return new Pkcs12Signer(new LocalKeySigner(match.key, chain), chain)
  }

  async certificateChain(): Promise<Uint8Array[]> {
    return this.chain
  }

  signDigest(digest: Uint8Array, algorithm: DigestAlgorithm): Promise<Uint8Array> {
    return this.inner.signDigest(digest, algorithm)
  }
}

function openPfx(bytes: Uint8Array, passphrase: string): { keys: KeyObject[]; certs: X509Certificate[] } {
  let asn1: forge.asn1.Asn1
  try {
    asn1 = forge.asn1.fromDer(Buffer.from(bytes).toString('binary'), false)
  } catch {
    throw new SigningError('pkcs12-unreadable', 'the file is not a PKCS#12 (DER) structure')
  }
  let pfx: forge.pkcs12.Pkcs12Pfx
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    if (/MAC could not be verified/.test(message)) throw new SigningError('pkcs12-bad-passphrase', 'wrong passphrase for the PKCS#12 file')
    // PBES2 (OpenSSL 3) derives the key from the UTF-8 bytes, the MAC from the BMPString: a
    // non-ASCII passphrase passed the MAC above; decrypt again with its UTF-8 form, MAC set aside.
    if (!/decrypt/i.test(message)) throw new SigningError('pkcs12-unreadable', `the PKCS#12 file cannot be read: ${message}`)
    pfx = retryWithUtf8(asn1, passphrase, message)
  }
  const keys: KeyObject[] = []
  const certs: X509Certificate[] = []
  try {
    for (const bagType of [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!]) {
      for (const bag of pfx.getBags({ bagType })[bagType] ?? []) {
        const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1
        keys.push(createPrivateKey({ key: Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'), format: 'der', type: 'pkcs8' }))
      }
    }
    const certBag = forge.pki.oids.certBag!
    for (const bag of pfx.getBags({ bagType: certBag })[certBag] ?? []) {
      const asn = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1
      certs.push(new X509Certificate(Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary')))
    }
  } catch (e) {
    if (e instanceof SigningError) throw e
    throw new SigningError('pkcs12-unreadable', `a key or certificate in the PKCS#12 file cannot be read: ${String(e)}`)
  }
  return { keys, certs }
}

function retryWithUtf8(asn1: forge.asn1.Asn1, passphrase: string, firstError: string): forge.pkcs12.Pkcs12Pfx {
  const utf8 = forge.util.encodeUtf8(passphrase)
  if (utf8 === passphrase || !Array.isArray(asn1.value)) {
    // ASCII, or no MAC at all: the passphrase itself failed to decrypt.
    throw new SigningError('pkcs12-bad-passphrase', `the PKCS#12 file cannot be decrypted with this passphrase (${firstError})`)
  }
  const withoutMac = { ...asn1, value: asn1.value.slice(0, 2) }
  try {
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, utf8)
  } catch (e) {
    throw new SigningError('pkcs12-bad-passphrase', `the PKCS#12 file cannot be decrypted with this passphrase (${String(e)})`)
  }
}

/** Signer first, then each issuer found among the file's certificates; unrelated certificates are dropped. */
function orderChain(signer: X509Certificate, certs: X509Certificate[]): X509Certificate[] {
  const chain = [signer]
  for (let current = signer; chain.length < 10;) {
    if (current.checkIssued(current)) break
    const issuer = certs.find((c) => !chain.some((p) => p.raw.equals(c.raw)) && current.checkIssued(c) && current.verify(c.publicKey))
    if (!issuer) break
    chain.push(issuer)
    current = issuer
  }
  return chain
}

export interface SignerDescription {
  /** The signing certificate. */
  certificate: CertificateInfo
  /** Key usage bits that are set, e.g. ['digitalSignature', 'nonRepudiation']; null when the extension is absent. */
  keyUsage: string[] | null
  /** The certificates the signer sends, signer first. */
  chain: CertificateInfo[]
}

const KEY_USAGE_NAMES: [x509.KeyUsageFlags, string][] = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
]

/**
 * What a server shows about a configured seal: subject, issuer, validity, key usage. Whether it can
 * sign now is assertCanSign's answer (./certificate-check.ts), which signPdf also applies.
 */
export async function describeSigner(signer: Signer): Promise<SignerDescription> {
  const chainDer = await signer.certificateChain()
  const chain = chainDer.map(describe)
  const [first] = chain
  if (!first || chain.some((c) => c === null))
    throw new SigningError('certificate-unreadable', 'the signer returned an unreadable certificate')
  return { certificate: first, keyUsage: keyUsageOf(chainDer[0]!), chain: chain as CertificateInfo[] }
}

function keyUsageOf(der: Uint8Array): string[] | null {
  const ku = new x509.X509Certificate(der).getExtension(x509.KeyUsagesExtension)
  return ku ? KEY_USAGE_NAMES.filter(([flag]) => (ku.usages & flag) !== 0).map(([, name]) => name) : null
}
