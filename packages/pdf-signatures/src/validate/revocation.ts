import { createHash, randomBytes, X509Certificate } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { publicKeyOf, verifyX509Signature } from './cms-verify.ts'

/** How to reach CRL distribution points and OCSP responders. */
export interface RevocationOptions {
  /** Injected for tests or an egress proxy; default the global fetch. */
  fetch?: typeof fetch
  /** Per request; default 5000 ms. */
  timeoutMs?: number
}

/** The revocation status of one certificate of the path, and how it was learnt. */
export interface RevocationCheck {
  subject: string
  serialNumber: string
  status: 'good' | 'revoked' | 'unknown'
  source: 'ocsp' | 'crl' | null
  url: string | null
  /** ISO time of a revocation the answer reported, also when it is after the time checked. */
  revokedAt: string | null
  reason: string | null
  /** What went wrong on the way, e.g. 'ocsp-unreachable', 'crl-signature-invalid'. */
  errors: string[]
}

export const MAX_CRL_BYTES = 10 * 1024 * 1024
const MAX_OCSP_BYTES = 256 * 1024
const MAX_URLS = 3
/** Clock skew tolerated between this server and a responder. */
const SKEW_MS = 5 * 60_000
const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2'
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9'
const SHA1 = '1.3.14.3.2.26'
const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
]
const OCSP_STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', 'unused', 'sigRequired', 'unauthorized']

class FetchFailure extends Error {
  constructor(readonly kind: 'unreachable' | 'too-large') {
    super(kind)
  }
}

/** GETs or POSTs with a deadline and a cap on the body size; throws on any failure or non-2xx status. */
export async function fetchBytes(
  url: string,
  init: RequestInit,
  limits: { fetch?: typeof fetch | undefined; timeoutMs: number; maxBytes: number },
): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(limits.timeoutMs)
  let res: Response
  try {
    res = await (limits.fetch ?? fetch)(url, { ...init, signal })
  } catch (e) {
    throw Object.assign(new FetchFailure('unreachable'), { message: e instanceof Error ? e.message : String(e) })
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined)
    throw Object.assign(new FetchFailure('unreachable'), { message: `HTTP ${res.status}` })
  }
  if (Number(res.headers.get('content-length') ?? 0) > limits.maxBytes) {
    await res.body?.cancel().catch(() => undefined)
    throw Object.assign(new FetchFailure('too-large'), { message: `more than ${limits.maxBytes} bytes` })
  }
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for await (const chunk of res.body ?? []) {
      total += (chunk as Uint8Array).length
      if (total > limits.maxBytes) throw new FetchFailure('too-large')
      chunks.push(chunk as Uint8Array)
    }
  } catch (e) {
    if (e instanceof FetchFailure) throw Object.assign(e, { message: `more than ${limits.maxBytes} bytes` })
    throw Object.assign(new FetchFailure('unreachable'), { message: e instanceof Error ? e.message : String(e) })
  }
  return new Uint8Array(Buffer.concat(chunks))
}

/** CRLs fetched during one assessment, by URL: a chain of several certificates from one CA fetches each once. */
export type CrlCache = Map<string, Promise<Uint8Array>>

interface Pair {
  cert: X509Certificate
  issuer: X509Certificate
  certPk: pkijs.Certificate
  issuerPk: pkijs.Certificate
}

type Outcome = { status: 'good' | 'revoked' | 'unknown'; revokedAt: Date | null; reason: string | null } | { error: string }

/**
 * The revocation status of `cert` at time `at`, asked first of its OCSP responders (AIA), then of
 * its CRL distribution points. A revocation dated after `at` does not make the certificate
 * revoked at `at` (it is reported in revokedAt). Never throws.
 */
export async function checkRevocation(
  cert: X509Certificate,
  issuer: X509Certificate,
  at: Date,
  opts: RevocationOptions,
  crlCache: CrlCache = new Map(),
): Promise<RevocationCheck> {
  const result: RevocationCheck = {
    subject: cert.subject.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber.toLowerCase(),
    status: 'unknown',
    source: null,
    url: null,
    revokedAt: null,
    reason: null,
    errors: [],
  }
  let pair: Pair
  let ocspUrls: string[]
  let crlUrls: string[]
  try {
    pair = { cert, issuer, certPk: pkijs.Certificate.fromBER(cert.raw), issuerPk: pkijs.Certificate.fromBER(issuer.raw) }
    ;({ ocspUrls, crlUrls } = revocationSources(cert.raw))
  } catch {
    result.errors.push('revocation-certificate-unreadable')
    return result
  }
  if (ocspUrls.length === 0 && crlUrls.length === 0) {
    result.errors.push('revocation-no-source')
    return result
  }
  const timeoutMs = opts.timeoutMs ?? 5000
  const attempts: [source: 'ocsp' | 'crl', url: string, run: () => Promise<Outcome>][] = [
    ...ocspUrls.map((url): [source: 'ocsp', url: string, run: () => Promise<Outcome>] => [
      'ocsp',
      url,
      () => askOcsp(url, pair, at, opts.fetch, timeoutMs),
    ]),
    ...crlUrls.map((url): [source: 'crl', url: string, run: () => Promise<Outcome>] => [
      'crl',
      url,
      () => readCrl(url, pair, at, opts.fetch, timeoutMs, crlCache),
    ]),
  ]
  for (const [source, url, run] of attempts) {
    let outcome: Outcome
    try {
      outcome = await run()
    } catch {
      outcome = { error: `${source}-malformed` }
    }
    if ('error' in outcome) {
      result.errors.push(outcome.error)
      continue
    }
    if (outcome.status === 'unknown') {
      result.errors.push(`${source}-status-unknown`)
      continue
    }
    return {
      ...result,
      status: outcome.status,
      source,
      url,
      revokedAt: outcome.revokedAt?.toISOString() ?? null,
      reason: outcome.reason,
    }
  }
  return result
}

function revocationSources(der: Uint8Array): { ocspUrls: string[]; crlUrls: string[] } {
  const cert = new x509.X509Certificate(der)
  const http = (u: string | undefined): u is string => !!u && /^https?:\/\//i.test(u)
  const aia = cert.getExtension(x509.AuthorityInfoAccessExtension)
  const ocspUrls = (aia?.ocsp ?? []).filter((g) => g.type === 'url').map((g) => g.value)
  const dps = cert.getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints ?? []
  const crlUrls = dps.flatMap((dp) => (dp.distributionPoint?.fullName ?? []).map((n) => n.uniformResourceIdentifier))
  return { ocspUrls: ocspUrls.filter(http).slice(0, MAX_URLS), crlUrls: crlUrls.filter(http).slice(0, MAX_URLS) }
}

const sha1 = (data: Uint8Array): Buffer => createHash('sha1').update(data).digest()
const bytesOf = (b: ArrayBuffer | Uint8Array): Buffer => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b))

/** CertID with SHA-1, as RFC 5019 responders expect: hashes of the issuer's name and key, and the serial. */
function certIdOf(pair: Pair): pkijs.CertID {
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA1, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: sha1(bytesOf(pair.certPk.issuer.valueBeforeDecode)) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: sha1(pair.issuerPk.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView) }),
    serialNumber: new asn1js.Integer({ valueHex: pair.certPk.serialNumber.valueBlock.valueHexView }),
  })
}

function sameCertId(a: pkijs.CertID, b: pkijs.CertID): boolean {
  const eq = (x: asn1js.OctetString, y: asn1js.OctetString): boolean =>
    bytesOf(x.valueBlock.valueHexView).equals(bytesOf(y.valueBlock.valueHexView))
  return (
    a.hashAlgorithm.algorithmId === b.hashAlgorithm.algorithmId &&
    eq(a.issuerNameHash, b.issuerNameHash) &&
    eq(a.issuerKeyHash, b.issuerKeyHash) &&
    a.serialNumber.toBigInt() === b.serialNumber.toBigInt()
  )
}

/** RFC 6960 over HTTP POST; the response must be signed by the issuer or by its delegated OCSP responder. */
async function askOcsp(url: string, pair: Pair, at: Date, f: typeof fetch | undefined, timeoutMs: number): Promise<Outcome> {
  const certId = certIdOf(pair)
  const nonce = randomBytes(16)
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: certId })],
      requestExtensions: [new pkijs.Extension({ extnID: OCSP_NONCE, extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(false) })],
    }),
  })
  let body: Uint8Array
  try {
    body = await fetchBytes(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: new Uint8Array(request.toSchema(true).toBER(false)),
      },
      { fetch: f, timeoutMs, maxBytes: MAX_OCSP_BYTES },
    )
  } catch (e) {
    return { error: e instanceof FetchFailure && e.kind === 'too-large' ? 'ocsp-too-large' : 'ocsp-unreachable' }
  }
  const response = pkijs.OCSPResponse.fromBER(body)
  const status = response.responseStatus.valueBlock.valueDec
  if (status !== 0) return { error: status === 3 ? 'ocsp-unreachable' : `ocsp-${OCSP_STATUS[status] ?? 'status'}` }
  if (response.responseBytes?.responseType !== pkijs.id_PKIX_OCSP_Basic) return { error: 'ocsp-malformed' }
  const basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView)
  const data = basic.tbsResponseData

  const signer = ocspSigner(basic, pair)
  if (!signer) return { error: 'ocsp-responder-not-authorized' }
  const signature = basic.signature.valueBlock.valueHexView
  if (!verifyX509Signature(basic.signatureAlgorithm.algorithmId, data.tbsView, signature, publicKeyOf(signer)))
    return { error: 'ocsp-signature-invalid' }

  const echoed = data.responseExtensions?.find((e) => e.extnID === OCSP_NONCE)
  if (echoed) {
    const value = asn1js.fromBER(echoed.extnValue.valueBlock.valueHexView).result
    if (!(value instanceof asn1js.OctetString) || !bytesOf(value.valueBlock.valueHexView).equals(nonce))
      return { error: 'ocsp-nonce-mismatch' }
  }
  const single = data.responses.find((r) => sameCertId(r.certID, certId))
  if (!single) return { error: 'ocsp-no-matching-response' }
  const now = Date.now()
  if (single.thisUpdate.getTime() > now + SKEW_MS) return { error: 'ocsp-not-yet-valid' }
  if (single.nextUpdate && single.nextUpdate.getTime() < now - SKEW_MS) return { error: 'ocsp-stale' }

  const certStatus = single.certStatus as asn1js.BaseBlock
  if (certStatus.idBlock.tagClass !== 3) return { error: 'ocsp-malformed' }
  switch (certStatus.idBlock.tagNumber) {
    case 0:
      return { status: 'good', revokedAt: null, reason: null }
    case 1: {
      const inner = (certStatus as asn1js.Constructed).valueBlock.value
      const time = inner[0]
      if (!(time instanceof asn1js.GeneralizedTime)) return { error: 'ocsp-malformed' }
      const reasonBlock = inner[1] as asn1js.Constructed | undefined
      const reasonValue = reasonBlock?.valueBlock.value[0]
      const reason = reasonValue instanceof asn1js.Enumerated ? (CRL_REASONS[reasonValue.valueBlock.valueDec] ?? null) : null
      return revokedOutcome(time.toDate(), reason, at)
    }
    default:
      return { status: 'unknown', revokedAt: null, reason: null }
  }
}

/** The issuer itself, or a certificate the issuer issued for OCSP signing (RFC 6960 §4.2.2.2), matching responderID. */
function ocspSigner(basic: pkijs.BasicOCSPResponse, pair: Pair): pkijs.Certificate | null {
  const id: unknown = basic.tbsResponseData.responderID
  const matches = (c: pkijs.Certificate): boolean =>
    id instanceof pkijs.RelativeDistinguishedNames
      ? c.subject.isEqual(id)
      : id instanceof asn1js.OctetString &&
        sha1(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).equals(bytesOf(id.valueBlock.valueHexView))
  if (matches(pair.issuerPk)) return pair.issuerPk
  const now = Date.now()
  for (const candidate of basic.certs ?? []) {
    if (!matches(candidate)) continue
    try {
      const c = new X509Certificate(Buffer.from(candidate.toSchema().toBER(false)))
      const parsed = new x509.X509Certificate(c.raw)
      const eku = parsed.getExtension(x509.ExtendedKeyUsageExtension)
      const ku = parsed.getExtension(x509.KeyUsagesExtension)
      const valid = Date.parse(c.validFrom) <= now && now <= Date.parse(c.validTo)
      const usable = eku?.usages.includes(OCSP_SIGNING) && (!ku || (ku.usages & x509.KeyUsageFlags.digitalSignature) !== 0)
      if (c.checkIssued(pair.issuer) && c.verify(pair.issuer.publicKey) && valid && usable) return candidate
    } catch {
      // an unreadable certificate is simply not the responder
    }
  }
  return null
}

function revokedOutcome(revokedAt: Date, reason: string | null, at: Date): Outcome {
  return { status: revokedAt.getTime() <= at.getTime() ? 'revoked' : 'good', revokedAt, reason }
}

/** RFC 5280 CRL from an HTTP distribution point, signed by the issuer, current, complete (not a delta). */
async function readCrl(
  url: string,
  pair: Pair,
  at: Date,
  f: typeof fetch | undefined,
  timeoutMs: number,
  cache: CrlCache,
): Promise<Outcome> {
  let bytes: Uint8Array
  try {
    let pending = cache.get(url)
    if (!pending) {
      pending = fetchBytes(url, { method: 'GET' }, { fetch: f, timeoutMs, maxBytes: MAX_CRL_BYTES })
      cache.set(url, pending)
    }
    bytes = await pending
  } catch (e) {
    return { error: e instanceof FetchFailure && e.kind === 'too-large' ? 'crl-too-large' : 'crl-unreachable' }
  }
  // DER is what RFC 5280 §4.2.1.13 asks for; some CAs publish PEM anyway.
  const pem =
    bytes[0] === 0x2d
      ? /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]+)-----END X509 CRL-----/.exec(Buffer.from(bytes).toString('latin1'))
      : null
  const crl = pkijs.CertificateRevocationList.fromBER(pem ? Buffer.from(pem[1]!, 'base64') : bytes)
  if (!crl.issuer.isEqual(pair.issuerPk.subject)) return { error: 'crl-issuer-mismatch' }
  const issuerKu = new x509.X509Certificate(pair.issuer.raw).getExtension(x509.KeyUsagesExtension)
  if (issuerKu && (issuerKu.usages & x509.KeyUsageFlags.cRLSign) === 0) return { error: 'crl-issuer-key-usage' }
  const signature = crl.signatureValue.valueBlock.valueHexView
  if (!verifyX509Signature(crl.signatureAlgorithm.algorithmId, crl.tbsView, signature, publicKeyOf(pair.issuerPk)))
    return { error: 'crl-signature-invalid' }
  const now = Date.now()
  if (crl.thisUpdate.value.getTime() > now + SKEW_MS) return { error: 'crl-not-yet-valid' }
  if (crl.nextUpdate && crl.nextUpdate.value.getTime() < now - SKEW_MS) return { error: 'crl-stale' }
  const extensions = crl.crlExtensions?.extensions ?? []
  // A delta CRL is not complete, and critical extensions this code does not interpret (e.g. an
  // indirect or reason-partitioned issuing distribution point) could change what absence means.
  if (extensions.some((e) => e.extnID === pkijs.id_BaseCRLNumber || (e.critical && e.extnID !== pkijs.id_IssuingDistributionPoint)))
    return { error: 'crl-unsupported' }
  const idp = extensions.find((e) => e.extnID === pkijs.id_IssuingDistributionPoint)?.parsedValue as
    pkijs.IssuingDistributionPoint | undefined
  if (idp?.indirectCRL || idp?.onlySomeReasons !== undefined) return { error: 'crl-unsupported' }

  const serial = pair.certPk.serialNumber.toBigInt()
  const entry = crl.revokedCertificates?.find((r) => r.userCertificate.toBigInt() === serial)
  if (!entry) return { status: 'good', revokedAt: null, reason: null }
  const reasonExt = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === pkijs.id_CRLReason)
  const reasonValue: unknown = reasonExt?.parsedValue
  const reason = reasonValue instanceof asn1js.Enumerated ? (CRL_REASONS[reasonValue.valueBlock.valueDec] ?? null) : null
  if (reason === 'removeFromCRL') return { status: 'good', revokedAt: null, reason: null }
  return revokedOutcome(entry.revocationDate.value, reason, at)
}
