/**
 * DEMO ONLY: the certificates of the demo province — a demo root CA, one seal certificate per
 * agency, one personal certificate per officer — generated at first start into the data directory,
 * never committed. The root must be in the trust store for demo signatures to validate as trusted.
 */
import { randomBytes } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import * as asn1js from 'asn1js'
import { exportPkcs12, makeLeaf, makeRoot, type Issuer } from './pki.ts'

export interface DemoPkiSpec {
  /** The province, for the root's name. */
  provinceName: string
  seals: { code: string; agencyName: string }[]
  people: { key: string; fullName: string; organization: string }[]
  /** Where the root's CRL will be published; written into every certificate so validators can check revocation. */
  crlUrl?: string
}

export interface DemoKeyFile {
  p12: Uint8Array
  passphrase: string
  certificatePem: string
}

export interface DemoPki {
  rootPem: string
  /** The root's CRL (DER, nothing revoked), valid as long as the certificates; to be served at `crlUrl`. */
  crl: Uint8Array
  seals: (DemoKeyFile & { code: string })[]
  people: (DemoKeyFile & { key: string })[]
}

const DAY = 86_400_000
/** RFC 4514 escaping for the characters agency names can contain (commas in "Sở Nông nghiệp, …"). */
const rdn = (s: string): string => s.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`)
const passphrase = (): string => randomBytes(18).toString('base64url')

export async function createDemoPki(spec: DemoPkiSpec): Promise<DemoPki> {
  const root = await makeRoot(`CN=Congso Demo Root CA - ${rdn(spec.provinceName)} (DEMO), O=Congso Demo, C=VN`, 'demo-root')
  const now = Date.now()
  const extra = spec.crlUrl ? [new x509.CRLDistributionPointsExtension([spec.crlUrl])] : []
  const validity = { notBefore: new Date(now - DAY), notAfter: new Date(now + 2 * 365 * DAY), extra }
  const seals: DemoPki['seals'] = []
  for (const s of spec.seals) {
    // The organisation's own signature: the certificate names the agency, as the government CA issues it.
    const identity = await makeLeaf(root, `CN=${rdn(s.agencyName)}, O=${rdn(s.agencyName)}, OU=DEMO, C=VN`, s.agencyName, {
      ...validity,
      keyUsage: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    })
    const pass = passphrase()
    seals.push({ code: s.code, p12: exportPkcs12(identity, pass), passphrase: pass, certificatePem: identity.certificatePem })
  }
  const people: DemoPki['people'] = []
  for (const p of spec.people) {
    const identity = await makeLeaf(root, `CN=${rdn(p.fullName)}, O=${rdn(p.organization)}, OU=DEMO, C=VN`, p.fullName, validity)
    const pass = passphrase()
    people.push({ key: p.key, p12: exportPkcs12(identity, pass), passphrase: pass, certificatePem: identity.certificatePem })
  }
  return { rootPem: root.cert.toString('pem'), crl: await emptyCrl(root, validity.notAfter), seals, people }
}

async function emptyCrl(root: Issuer, nextUpdate: Date): Promise<Uint8Array> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: root.cert.subjectName,
    thisUpdate: new Date(Date.now() - 60_000),
    nextUpdate,
    entries: [],
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    signingKey: root.keys.privateKey,
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(root.cert, false),
      new x509.Extension('2.5.29.20', false, new asn1js.Integer({ value: 1 }).toBER(false)),
    ],
  })
  return new Uint8Array(crl.rawData)
}
