/**
 * TEST / DEMO PKI ONLY. Generated in memory on every call; no private key is ever written to disk
 * or committed. Nothing here may be used to sign real documents.
 */
import { KeyObject, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { LocalKeySigner, type Signer } from '../sign/signer.ts'

// The library's typings name the DOM Crypto type; Node's webcrypto is that object at run time.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

const ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }

export interface TestIdentity {
  certificate: Uint8Array
  certificatePem: string
  privateKey: KeyObject
  /** Signs with this identity, sending its certificate and its issuer (not the root: verifiers hold that). */
  signer: Signer
  name: string
}

export interface TestPki {
  /** The demo root CA to put in a trust store. */
  root: { certificate: Uint8Array; certificatePem: string }
  agencySeal: TestIdentity
  personal1: TestIdentity
  personal2: TestIdentity
  expiredPersonal: TestIdentity
  /** A root that is not in the demo trust store, and a personal certificate it issued. */
  otherRoot: { certificate: Uint8Array; certificatePem: string }
  untrustedPersonal: TestIdentity
}

interface Issuer {
  cert: x509.X509Certificate
  keys: webcrypto.CryptoKeyPair
}

const DAY = 86_400_000
let serial = 1

async function makeRoot(name: string): Promise<Issuer> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    name,
    notBefore: new Date(Date.now() - 365 * DAY),
    notAfter: new Date(Date.now() + 10 * 365 * DAY),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { cert, keys }
}

async function makeLeaf(issuer: Issuer, subject: string, name: string, notBefore: Date, notAfter: Date): Promise<TestIdentity> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject,
    issuer: issuer.cert.subject,
    notBefore,
    notAfter,
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.cert, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  const der = new Uint8Array(cert.rawData)
  const privateKey = KeyObject.from(keys.privateKey)
  return {
    certificate: der,
    certificatePem: cert.toString('pem'),
    privateKey,
    signer: new LocalKeySigner(privateKey, [der, new Uint8Array(issuer.cert.rawData)]),
    name,
  }
}

const rootOf = (i: Issuer): { certificate: Uint8Array; certificatePem: string } => ({
  certificate: new Uint8Array(i.cert.rawData),
  certificatePem: i.cert.toString('pem'),
})

/** Generates the whole demo PKI (seven RSA-2048 keys; about a second). */
export async function createTestPki(): Promise<TestPki> {
  const now = Date.now()
  const from = new Date(now - 30 * DAY)
  const to = new Date(now + 2 * 365 * DAY)
  const root = await makeRoot('CN=Congso Demo Root CA (TEST ONLY), O=Congso Demo, C=VN')
  const other = await makeRoot('CN=Unrelated Root CA (TEST ONLY), O=Elsewhere, C=VN')
  return {
    root: rootOf(root),
    agencySeal: await makeLeaf(root, 'CN=UBND xã Demo (TEST ONLY), O=Congso Demo, C=VN', 'UBND xã Demo', from, to),
    personal1: await makeLeaf(root, 'CN=Nguyễn Văn An (TEST ONLY), O=Congso Demo, C=VN', 'Nguyễn Văn An', from, to),
    personal2: await makeLeaf(root, 'CN=Trần Thị Bình (TEST ONLY), O=Congso Demo, C=VN', 'Trần Thị Bình', from, to),
    expiredPersonal: await makeLeaf(
      root,
      'CN=Lê Văn Cũ (TEST ONLY), O=Congso Demo, C=VN',
      'Lê Văn Cũ',
      new Date(now - 3 * 365 * DAY),
      new Date(now - 2 * 365 * DAY),
    ),
    otherRoot: rootOf(other),
    untrustedPersonal: await makeLeaf(other, 'CN=Người Lạ (TEST ONLY), O=Elsewhere, C=VN', 'Người Lạ', from, to),
  }
}
