/**
 * TEST TOOLING ONLY: a CA's revocation services on an ephemeral local port — CRLs (RFC 5280) at
 * GET /crl/<ca>.crl and an OCSP responder (RFC 6960, POST application/ocsp-request, or GET with
 * the base64 request in the path, appendix A.1) at /ocsp — for the demo PKI of ./pki.ts. Responses
 * are signed as a real CA signs them: CRLs by the CA, OCSP by the root's delegated responder (or
 * by the CA itself); switches make it revoke, go silent, hang or misbehave.
 */
import { createHash, sign, webcrypto, X509Certificate, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as x509 from '@peculiar/x509'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OID } from '../sign/signer.ts'
import type { TestAuthority, TestPki } from './pki.ts'
import { readBody } from './tsa.ts'

export type OcspMode = 'ok' | 'down' | 'hang' | 'try-later' | 'bad-signature' | 'unknown-status'
export type CrlMode = 'ok' | 'down' | 'hang' | 'stale'

export interface TestRevocationServer {
  /** The base URL to give createTestPki({ revocationBaseUrl }). */
  url: string
  ocsp: OcspMode
  crl: CrlMode
  /** Which key signs OCSP responses about certificates the root issued. */
  responder: 'delegated' | 'issuer'
  /** How the response names its signer (RFC 6960 ResponderID). */
  responderId: 'by-key' | 'by-name'
  /** Switch: every connection is dropped, as if the host were unreachable. */
  unreachable: boolean
  requests: { ocsp: number; crl: number }
  /** Serves the PKI's CAs (root and government CA); revokes pki.revokedPersonal as of a day ago. */
  serve(pki: TestPki): Promise<void>
  revoke(certificate: Uint8Array, opts?: { at?: Date; reason?: x509.X509CrlReason }): void
  reinstate(certificate: Uint8Array): void
  close(): Promise<void>
}

interface Authority {
  slug: string
  cert: X509Certificate
  pk: pkijs.Certificate
  key: KeyObject
  cryptoKey: webcrypto.CryptoKey
  /** Delegated OCSP responder (certificate issued by this CA with id-kp-OCSPSigning). */
  delegated?: { pk: pkijs.Certificate; key: KeyObject }
}

interface Revoked {
  at: Date
  reason: x509.X509CrlReason
}

const DAY = 86_400_000
const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2'
const SHA1 = '1.3.14.3.2.26'
const CERT_ID_HASHES: Record<string, string> = { [SHA1]: 'sha1', [OID.sha256]: 'sha256' }

export async function startRevocationServer(): Promise<TestRevocationServer> {
  const authorities: Authority[] = []
  /** `${ca slug}:${serial hex}` → revocation. */
  const revoked = new Map<string, Revoked>()
  let crlNumber = 1

  const issuerOf = (der: Uint8Array): Authority => {
    const cert = new X509Certificate(der)
    const ca = authorities.find((a) => cert.checkIssued(a.cert) && cert.verify(a.cert.publicKey))
    if (!ca) throw new Error('no served CA issued this certificate')
    return ca
  }
  const keyOf = (ca: Authority, serialHex: string): string => `${ca.slug}:${serialHex}`
  const serialOf = (der: Uint8Array): string =>
    Buffer.from(pkijs.Certificate.fromBER(der).serialNumber.valueBlock.valueHexView).toString('hex')

  const state: TestRevocationServer = {
    url: '',
    ocsp: 'ok',
    crl: 'ok',
    responder: 'delegated',
    responderId: 'by-key',
    unreachable: false,
    requests: { ocsp: 0, crl: 0 },
    async serve(pki) {
      const add = async (a: TestAuthority, delegated?: { certificate: Uint8Array; privateKey: KeyObject }): Promise<void> => {
        const pkcs8 = a.privateKey.export({ format: 'der', type: 'pkcs8' })
        const cryptoKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])
        authorities.push({
          slug: a.slug,
          cert: new X509Certificate(a.certificate),
          pk: pkijs.Certificate.fromBER(a.certificate),
          key: a.privateKey,
          cryptoKey,
          ...(delegated ? { delegated: { pk: pkijs.Certificate.fromBER(delegated.certificate), key: delegated.privateKey } } : {}),
        })
      }
      await add(pki.root, pki.ocspResponder)
      await add(pki.governmentCa)
      state.revoke(pki.revokedPersonal.certificate, { at: new Date(Date.now() - DAY), reason: x509.X509CrlReason.keyCompromise })
    },
    revoke(certificate, opts = {}) {
      const ca = issuerOf(certificate)
      revoked.set(keyOf(ca, serialOf(certificate)), {
        at: opts.at ?? new Date(Date.now() - 60_000),
        reason: opts.reason ?? x509.X509CrlReason.keyCompromise,
      })
    },
    reinstate(certificate) {
      revoked.delete(keyOf(issuerOf(certificate), serialOf(certificate)))
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }

  const crlFor = async (ca: Authority): Promise<Uint8Array> => {
    const now = Date.now()
    const prefix = `${ca.slug}:`
    const entries = [...revoked.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, r]) => ({ serialNumber: k.slice(prefix.length), revocationDate: r.at, reason: r.reason }))
    const crl = await x509.X509CrlGenerator.create({
      issuer: new x509.X509Certificate(ca.cert.raw).subjectName,
      thisUpdate: new Date(now - (state.crl === 'stale' ? 8 * DAY : 60_000)),
      nextUpdate: new Date(now + (state.crl === 'stale' ? -DAY : DAY)),
      entries,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      signingKey: ca.cryptoKey,
      extensions: [
        await x509.AuthorityKeyIdentifierExtension.create(new x509.X509Certificate(ca.cert.raw), false),
        new x509.Extension('2.5.29.20', false, new asn1js.Integer({ value: crlNumber++ }).toBER(false)),
      ],
    })
    return new Uint8Array(crl.rawData)
  }

  const ocspFor = (body: Uint8Array | null): Uint8Array => {
    const status = (code: number): Uint8Array =>
      new Uint8Array(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: code }) }).toSchema().toBER(false))
    if (!body) return status(1)
    let request: pkijs.OCSPRequest
    try {
      request = pkijs.OCSPRequest.fromBER(body)
    } catch {
      return status(1) // malformedRequest
    }
    if (state.ocsp === 'try-later') return status(3)
    const certIds = request.tbsRequest.requestList.map((r) => r.reqCert)
    const cas = certIds.map((id) => authorities.find((a) => issuedBy(id, a)))
    const ca = cas[0]
    if (!ca || cas.some((c) => c !== ca)) return status(6) // unauthorized: not a CA this responder serves
    const now = new Date()
    const responses = certIds.map((certID) => {
      const serial = Buffer.from(certID.serialNumber.valueBlock.valueHexView).toString('hex')
      const r = revoked.get(keyOf(ca, serial))
      return new pkijs.SingleResponse({
        certID,
        certStatus: state.ocsp === 'unknown-status' ? implicitNull(2) : r ? revokedInfo(r) : implicitNull(0),
        thisUpdate: new Date(now.getTime() - 60_000),
        nextUpdate: new Date(now.getTime() + 3_600_000),
      })
    })
    const signer = state.responder === 'delegated' && ca.delegated ? ca.delegated : { pk: ca.pk, key: ca.key }
    const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OCSP_NONCE)
    const data = new pkijs.ResponseData({
      responderID: state.responderId === 'by-name' ? signer.pk.subject : new asn1js.OctetString({ valueHex: keyHash(signer.pk, 'sha1') }),
      producedAt: now,
      responses,
      ...(nonce
        ? {
            responseExtensions: [
              new pkijs.Extension({ extnID: OCSP_NONCE, extnValue: nonce.extnValue.valueBlock.valueHexView.slice().buffer }),
            ],
          }
        : {}),
    })
    const tbs = new Uint8Array((data.toSchema(true) as asn1js.Sequence).toBER(false))
    data.tbsView = tbs
    const signature = sign('sha256', tbs, signer.key)
    if (state.ocsp === 'bad-signature') signature[10] = signature[10]! ^ 0xff
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: data,
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() }),
      signature: new asn1js.BitString({ valueHex: signature }),
      ...(signer.pk !== ca.pk ? { certs: [signer.pk] } : {}),
    })
    return new Uint8Array(
      new pkijs.OCSPResponse({
        responseStatus: new asn1js.Enumerated({ value: 0 }),
        responseBytes: new pkijs.ResponseBytes({
          responseType: pkijs.id_PKIX_OCSP_Basic,
          response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
        }),
      })
        .toSchema()
        .toBER(false),
    )
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const isOcsp = path === '/ocsp' || path.startsWith('/ocsp/')
    const mode = state.unreachable ? 'down' : isOcsp ? state.ocsp : state.crl
    if (isOcsp) state.requests.ocsp++
    else state.requests.crl++
    if (mode === 'down') return void req.socket.destroy()
    if (mode === 'hang') return // never answers; close() ends the connection
    if (isOcsp) {
      const body =
        req.method === 'POST'
          ? await readBody(req, 64 * 1024)
          : new Uint8Array(Buffer.from(decodeURIComponent(path.slice('/ocsp/'.length)), 'base64'))
      const out = ocspFor(body)
      return void res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': out.length }).end(out)
    }
    const ca = authorities.find((a) => path === `/crl/${a.slug}.crl`)
    if (req.method !== 'GET' || !ca) return void res.writeHead(404).end()
    const out = await crlFor(ca)
    res.writeHead(200, { 'content-type': 'application/pkix-crl', 'content-length': out.length }).end(out)
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

function keyHash(cert: pkijs.Certificate, hash: string): Buffer {
  return createHash(hash).update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest()
}

function issuedBy(id: pkijs.CertID, ca: Authority): boolean {
  const hash = CERT_ID_HASHES[id.hashAlgorithm.algorithmId]
  if (!hash) return false
  const nameHash = createHash(hash)
    .update(Buffer.from(ca.pk.subject.toSchema().toBER(false)))
    .digest()
  return (
    nameHash.equals(Buffer.from(id.issuerNameHash.valueBlock.valueHexView)) &&
    keyHash(ca.pk, hash).equals(Buffer.from(id.issuerKeyHash.valueBlock.valueHexView))
  )
}

/** CertStatus good [0] IMPLICIT NULL or unknown [2] IMPLICIT NULL. */
function implicitNull(tagNumber: 0 | 2): asn1js.Primitive {
  return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber } })
}

/** CertStatus revoked [1] IMPLICIT RevokedInfo { revocationTime, revocationReason [0] EXPLICIT CRLReason }. */
function revokedInfo(r: Revoked): asn1js.Constructed {
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 1 },
    value: [
      new asn1js.GeneralizedTime({ valueDate: r.at }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: r.reason })] }),
    ],
  })
}
