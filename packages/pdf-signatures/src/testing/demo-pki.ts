/**
 * DEMO ONLY: the certificates of the demo province — a demo root CA, one seal certificate per
 * agency, one personal certificate per officer — generated at first start into the data directory,
 * never committed. The root must be in the trust store for demo signatures to validate as trusted.
 */
import { randomBytes } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { exportPkcs12, makeLeaf, makeRoot } from './pki.ts'

export interface DemoPkiSpec {
  /** The province, for the root's name. */
  provinceName: string
  seals: { code: string; agencyName: string }[]
  people: { key: string; fullName: string; organization: string }[]
}

export interface DemoKeyFile {
  p12: Uint8Array
  passphrase: string
  certificatePem: string
}

export interface DemoPki {
  rootPem: string
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
  const validity = { notBefore: new Date(now - DAY), notAfter: new Date(now + 2 * 365 * DAY) }
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
  return { rootPem: root.cert.toString('pem'), seals, people }
}
