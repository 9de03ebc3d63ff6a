/**
 * TEST / DEMO PKI ONLY. Generated in memory on every call; no private key is ever written to disk
 * or committed. Nothing here may be used to sign real documents.
 */
import { KeyObject, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import * as asn1js from 'asn1js'
import forge from 'node-forge'
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
  /** The issuing CA's certificate (DER). */
  issuerCertificate: Uint8Array
}

/** A certification authority of the demo PKI, with its key so simulators can sign CRLs and OCSP responses. */
export interface TestAuthority {
  certificate: Uint8Array
  certificatePem: string
  privateKey: KeyObject
  /** The name used in its CRL address: `${revocationBaseUrl}/crl/${slug}.crl`. */
  slug: string
}

export interface TestPki {
  /** The demo root CA to put in a trust store. */
  root: TestAuthority
  agencySeal: TestIdentity
  personal1: TestIdentity
  personal2: TestIdentity
  expiredPersonal: TestIdentity
  /** A root that is not in the demo trust store, and a personal certificate it issued. */
  otherRoot: { certificate: Uint8Array; certificatePem: string }
  untrustedPersonal: TestIdentity
  /** An intermediate ("government specialised CA") under the root, and an officer it issued. */
  governmentCa: TestAuthority
  governmentOfficer: TestIdentity
  /** Time-stamping authority: critical extended key usage id-kp-timeStamping only. */
  tsa: TestIdentity
  /** Delegated OCSP responder of the root: extended key usage id-kp-OCSPSigning, id-pkix-ocsp-nocheck. */
  ocspResponder: TestIdentity
  /** A personal certificate meant to be revoked (the revocation simulator revokes it when it serves this PKI). */
  revokedPersonal: TestIdentity
  /** A certificate whose key usage is keyCertSign only: not allowed to sign documents. */
  wrongUsage: TestIdentity
  /** The base URL written into CRL distribution points and AIA OCSP addresses, or null when none. */
  revocationBaseUrl: string | null
}

export interface TestPkiOptions {
  /** When given, issued certificates carry `${base}/crl/<ca>.crl` and the OCSP address `${base}/ocsp`. */
  revocationBaseUrl?: string
}

export interface Issuer {
  cert: x509.X509Certificate
  keys: webcrypto.CryptoKeyPair
  slug: string
}

export interface LeafOptions {
  notBefore: Date
  notAfter: Date
  keyUsage?: x509.KeyUsageFlags
  extendedKeyUsage?: string[]
  ca?: boolean
  extra?: x509.Extension[]
}

const DAY = 86_400_000
const OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5'
let serial = 1

export async function makeRoot(name: string, slug: string): Promise<Issuer> {
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
  return { cert, keys, slug }
}

async function issue(
  issuer: Issuer,
  subject: string,
  opts: LeafOptions,
  baseUrl: string | undefined,
): Promise<{ cert: x509.X509Certificate; keys: webcrypto.CryptoKeyPair }> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
  const usage = opts.keyUsage ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(opts.ca ?? false, opts.ca ? 0 : undefined, true),
    new x509.KeyUsagesExtension(usage, true),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.cert, false),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ...(opts.extendedKeyUsage ? [new x509.ExtendedKeyUsageExtension(opts.extendedKeyUsage, true)] : []),
    ...(opts.extra ?? []),
  ]
  if (baseUrl) {
    extensions.push(new x509.CRLDistributionPointsExtension([`${baseUrl}/crl/${issuer.slug}.crl`]))
    extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: [`${baseUrl}/ocsp`] }))
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject,
    issuer: issuer.cert.subject,
    notBefore: opts.notBefore,
    notAfter: opts.notAfter,
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions,
  })
  return { cert, keys }
}

export async function makeLeaf(issuer: Issuer, subject: string, name: string, opts: LeafOptions, baseUrl?: string): Promise<TestIdentity> {
  const { cert, keys } = await issue(issuer, subject, opts, baseUrl)
  const der = new Uint8Array(cert.rawData)
  const issuerDer = new Uint8Array(issuer.cert.rawData)
  const privateKey = KeyObject.from(keys.privateKey)
  return {
    certificate: der,
    certificatePem: cert.toString('pem'),
    privateKey,
    signer: new LocalKeySigner(privateKey, [der, issuerDer]),
    name,
    issuerCertificate: issuerDer,
  }
}

const rootOf = (i: Issuer): { certificate: Uint8Array; certificatePem: string } => ({
  certificate: new Uint8Array(i.cert.rawData),
  certificatePem: i.cert.toString('pem'),
})

const authorityOf = (i: Issuer): TestAuthority => ({ ...rootOf(i), privateKey: KeyObject.from(i.keys.privateKey), slug: i.slug })

/** Generates the whole demo PKI (thirteen RSA-2048 keys; a second or two). */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const base = options.revocationBaseUrl?.replace(/\/+$/, '')
  const now = Date.now()
  const valid = { notBefore: new Date(now - 30 * DAY), notAfter: new Date(now + 2 * 365 * DAY) }
  const root = await makeRoot('CN=Congso Demo Root CA (TEST ONLY), O=Congso Demo, C=VN', 'root')
  const other = await makeRoot('CN=Unrelated Root CA (TEST ONLY), O=Elsewhere, C=VN', 'other')
  const gov = await issue(
    root,
    'CN=Congso Demo Government CA (TEST ONLY), O=Congso Demo, C=VN',
    { ...valid, ca: true, keyUsage: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign },
    base,
  )
  const governmentCa: Issuer = { ...gov, slug: 'government-ca' }
  const leaf = (subject: string, name: string, opts: LeafOptions = valid, issuer = root): Promise<TestIdentity> =>
    makeLeaf(issuer, subject, name, opts, base)
  return {
    root: authorityOf(root),
    agencySeal: await leaf('CN=UBND xã Demo (TEST ONLY), O=Congso Demo, C=VN', 'UBND xã Demo'),
    personal1: await leaf('CN=Nguyễn Văn An (TEST ONLY), O=Congso Demo, C=VN', 'Nguyễn Văn An'),
    personal2: await leaf('CN=Trần Thị Bình (TEST ONLY), O=Congso Demo, C=VN', 'Trần Thị Bình'),
    expiredPersonal: await leaf('CN=Lê Văn Cũ (TEST ONLY), O=Congso Demo, C=VN', 'Lê Văn Cũ', {
      notBefore: new Date(now - 3 * 365 * DAY),
      notAfter: new Date(now - 2 * 365 * DAY),
    }),
    otherRoot: rootOf(other),
    untrustedPersonal: await makeLeaf(other, 'CN=Người Lạ (TEST ONLY), O=Elsewhere, C=VN', 'Người Lạ', valid),
    governmentCa: authorityOf(governmentCa),
    governmentOfficer: await leaf('CN=Phạm Thị Dung (TEST ONLY), O=Sở Nội vụ Demo, C=VN', 'Phạm Thị Dung', valid, governmentCa),
    tsa: await leaf('CN=Congso Demo TSA (TEST ONLY), O=Congso Demo, C=VN', 'Congso Demo TSA', {
      ...valid,
      keyUsage: x509.KeyUsageFlags.digitalSignature,
      extendedKeyUsage: [x509.ExtendedKeyUsage.timeStamping],
    }),
    ocspResponder: await leaf('CN=Congso Demo OCSP Responder (TEST ONLY), O=Congso Demo, C=VN', 'OCSP', {
      ...valid,
      keyUsage: x509.KeyUsageFlags.digitalSignature,
      extendedKeyUsage: [x509.ExtendedKeyUsage.ocspSigning],
      extra: [new x509.Extension(OCSP_NOCHECK, false, new asn1js.Null().toBER(false))],
    }),
    revokedPersonal: await leaf('CN=Đỗ Văn Thu Hồi (TEST ONLY), O=Congso Demo, C=VN', 'Đỗ Văn Thu Hồi'),
    wrongUsage: await leaf('CN=Sai Mục Đích (TEST ONLY), O=Congso Demo, C=VN', 'Sai Mục Đích', {
      ...valid,
      keyUsage: x509.KeyUsageFlags.keyCertSign,
    }),
    revocationBaseUrl: base ?? null,
  }
}

export interface Pkcs12ExportOptions {
  /** 'aes256' (PBES2; node-forge's MAC is HMAC-SHA1) or the legacy '3des'. Default 'aes256'. */
  encryption?: 'aes256' | '3des'
  /** Certificates after the identity's own; default its issuer. */
  chain?: Uint8Array[]
}

/** Packs an identity into a passphrase-protected PKCS#12 file, as a CA would hand it to an agency. */
export function exportPkcs12(identity: TestIdentity, passphrase: string, opts: Pkcs12ExportOptions = {}): Uint8Array {
  const pem = identity.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  const key = forge.pki.privateKeyFromPem(pem)
  const certs = [identity.certificate, ...(opts.chain ?? [identity.issuerCertificate])].map((der) =>
    forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(der).toString('binary'))),
  )
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: opts.encryption ?? 'aes256', friendlyName: identity.name })
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'))
}
