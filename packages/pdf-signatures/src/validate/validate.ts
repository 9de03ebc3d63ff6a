import { decodeTextString } from '../pdf/document.ts'
import { PdfName, PdfString, PdfSyntaxError, type PdfValue } from '../pdf/objects.ts'
import { checkCms } from './cms-verify.ts'
import { assessCertificate, parseAnchors, type RevocationOptions, type TrustAnchor } from './chain.ts'
import { locateSignatures, signatureContext, type LocatedSignature, type SignatureContext } from './locate.ts'
import { analyseLaterRevisions } from './modifications.ts'
import type { SignatureReport, ValidationReport } from './report.ts'
import { PdfRevisions } from './revisions.ts'
import { checkByteRange, type RangeCheck } from './signed-revision.ts'
import { verifySignatureTimestamp } from './timestamp-verify.ts'

export interface ValidateOptions {
  trustAnchors: TrustAnchor[]
  /** Used when a signature carries no claimed time; default now. */
  now?: Date
  /** CRL/OCSP checking; false (the default) reports revocation as 'not-checked'. */
  revocation?: RevocationOptions | false
}

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached'])
/** Refuse before parsing rather than spend unbounded memory and time on a hostile upload. */
export const MAX_PDF_BYTES = 100 * 1024 * 1024

/** Validates every signature in a PDF. Never throws on hostile input: anomalies are error codes. */
export async function validatePdf(pdf: Uint8Array, opts: ValidateOptions): Promise<ValidationReport> {
  try {
    return await validateUnsafe(pdf, opts)
  } catch {
    // A bug or a case nobody foresaw must still fail closed, not crash the caller.
    return { verdict: 'invalid', revisions: 0, signatures: [], errors: ['internal-error'] }
  }
}

async function validateUnsafe(pdf: Uint8Array, opts: ValidateOptions): Promise<ValidationReport> {
  if (pdf.length > MAX_PDF_BYTES) return { verdict: 'invalid', revisions: 0, signatures: [], errors: ['document-too-large'] }
  if (Buffer.from(pdf.subarray(0, 1024)).toString('latin1').indexOf('%PDF-') < 0)
    return { verdict: 'invalid', revisions: 0, signatures: [], errors: ['not-a-pdf'] }
  const anchors = parseAnchors(opts.trustAnchors)
  const errors = [...new Set(anchors.errors)]
  // One set of revision views and one parse budget for the whole validation.
  const revisions = new PdfRevisions(pdf)
  const located = locateSignatures(pdf, revisions)
  if (located.length === 0) errors.push('no-signatures')

  // First the structure of every signature (the revision it signs, its field, whether it certifies), then each in turn.
  const structural = located.map((l) => (l.ok ? structureOf(pdf, l.sig, revisions) : undefined))
  const certification = certificationOf(structural)
  const signatures: SignatureReport[] = []
  for (const [index, l] of located.entries()) {
    const s = structural[index]
    if (!l.ok) signatures.push(failedReport(index, [l.error], l.error))
    else if (s) signatures.push(await validateOne(pdf, index, l.sig, s, certification, revisions, anchors.certs, opts))
  }
  return { verdict: verdictOf(signatures, errors), revisions: revisions.list.length, signatures, errors }
}

function verdictOf(signatures: SignatureReport[], errors: string[]): ValidationReport['verdict'] {
  if (signatures.length === 0) return errors.some((e) => e !== 'no-signatures') ? 'invalid' : 'no-signatures'
  if (signatures.some((s) => s.integrity !== 'ok' || s.byteRange !== 'ok' || s.modifiedAfterSigning)) return 'invalid'
  if (signatures.every((s) => s.trust === 'trusted' && s.revocation !== 'revoked' && s.errors.length === 0)) return 'valid'
  return signatures.some((s) => s.revocation === 'revoked') ? 'invalid' : 'indeterminate'
}

interface Structural {
  range: RangeCheck
  /** The field name and DocMDP as of the signed revision, or why they could not be read. */
  context: SignatureContext | 'signed-revision-unreadable'
}

function structureOf(pdf: Uint8Array, sig: LocatedSignature, revisions: PdfRevisions): Structural {
  const range = checkByteRange(pdf, sig, revisions)
  if (!range.ok) return { range, context: { fieldName: null, docMdp: null, lockPermission: null, notes: [] } }
  const view = revisions.view(range.revision.index)
  if (view instanceof PdfSyntaxError) return { range, context: 'signed-revision-unreadable' }
  try {
    return { range, context: signatureContext(view, sig) }
  } catch (e) {
    if (!(e instanceof PdfSyntaxError)) throw e
    return { range, context: 'signed-revision-unreadable' }
  }
}

interface Certification {
  revision: number
  docMdp: 1 | 2 | 3
}

/** The certification signature: the earliest one that the catalog's /Perms /DocMDP names. */
function certificationOf(structural: (Structural | undefined)[]): Certification | null {
  let best: Certification | null = null
  for (const s of structural) {
    if (!s?.range.ok || typeof s.context === 'string' || s.context.docMdp === null) continue
    if (!best || s.range.revision.index < best.revision) best = { revision: s.range.revision.index, docMdp: s.context.docMdp }
  }
  return best
}

function failedReport(index: number, errors: string[], byteRange: string): SignatureReport {
  return {
    index,
    fieldName: null,
    signerName: null,
    organization: null,
    reason: null,
    location: null,
    signingTime: null,
    timestamp: null,
    subFilter: null,
    revision: 0,
    coversWholeDocument: false,
    integrity: 'failed',
    byteRange,
    trust: 'unknown',
    revocation: 'not-checked',
    chain: [],
    docMdp: null,
    laterRevisions: [],
    modifiedAfterSigning: false,
    errors,
  }
}

async function validateOne(
  pdf: Uint8Array,
  index: number,
  sig: LocatedSignature,
  structural: Structural,
  certification: Certification | null,
  revisions: PdfRevisions,
  anchors: Parameters<typeof assessCertificate>[2],
  opts: ValidateOptions,
): Promise<SignatureReport> {
  const report = failedReport(index, [], 'ok')
  const { dict } = sig
  const filter = dict.get('Filter')
  const subFilter = dict.get('SubFilter')
  report.subFilter = subFilter instanceof PdfName ? subFilter.name : null
  if (!(filter instanceof PdfName) || filter.name !== 'Adobe.PPKLite') report.errors.push('unsupported-filter')
  if (!report.subFilter || !SUPPORTED_SUBFILTERS.has(report.subFilter)) report.errors.push('unsupported-subfilter')
  const claimed = parsePdfDate(dict.get('M'))
  report.reason = textOf(dict.get('Reason'))
  report.location = textOf(dict.get('Location'))

  const { range, context } = structural
  report.byteRange = range.ok ? 'ok' : range.reason
  if (!range.ok) {
    report.errors.push(range.reason)
    return report
  }
  report.coversWholeDocument = range.end === pdf.length
  report.revision = range.revision.index
  if (typeof context === 'string') report.errors.push(context)
  else {
    report.fieldName = context.fieldName
    report.docMdp = context.docMdp
    report.errors.push(...context.notes)
    if (context.docMdp !== null && certification && certification.revision < report.revision) report.errors.push('certification-not-first')
  }
  // The certification signature's permission binds the signatures after it too (ISO 32000-1 §12.8.2.2);
  // a FieldMDP /P (PDF 2.0 /Lock) restricts what may follow this signature.
  const inherited = certification && certification.revision <= report.revision ? certification.docMdp : null
  const permissions = [report.docMdp, inherited, typeof context === 'string' ? null : context.lockPermission]
  const permission = permissions.reduce<1 | 2 | 3 | null>((min, p) => (p !== null && (min === null || p < min) ? p : min), null)
  const later = analyseLaterRevisions(pdf, range.end, permission, revisions)
  report.laterRevisions = later.laterRevisions
  report.modifiedAfterSigning = later.modifiedAfterSigning

  const contents = dict.get('Contents')
  if (!(contents instanceof PdfString)) {
    report.errors.push('contents-not-a-string')
    return report
  }
  const [, a, b, c] = range.values
  const cms = checkCms(contents.bytes, [pdf.subarray(0, a), pdf.subarray(b, b + c)])
  report.errors.push(...cms.errors)
  report.integrity = cms.integrity
  const claimedTime = claimed ?? cms.signingTime
  report.signingTime = claimedTime ? claimedTime.toISOString() : null
  report.timestamp = await verifySignatureTimestamp(contents.bytes, anchors)
  // A time-stamp that does not verify is not silently ignored: the signature's time is then unproven.
  if (report.timestamp && report.timestamp.status !== 'valid') report.errors.push('timestamp-invalid')
  // A valid time-stamp is the only trusted time (B-T); otherwise the claimed time is all there is for
  // the certificate's validity period, and revocation is judged now (a claimed time can be backdated).
  const now = opts.now ?? new Date()
  const stamped = report.timestamp?.status === 'valid' ? new Date(report.timestamp.time) : null
  const at = stamped ?? claimedTime ?? now
  if (cms.signer) {
    const assessed = await assessCertificate(cms.signer, cms.certificates, anchors, at, opts.revocation ?? false, stamped ?? now)
    report.trust = assessed.trust
    report.revocation = assessed.revocation
    report.chain = assessed.chain
    report.signerName = assessed.chain[0]?.commonName ?? null
    report.organization = assessed.chain[0]?.organization ?? null
    report.errors.push(...assessed.errors)
  }
  if (report.errors.some((e) => e === 'unsupported-filter' || e === 'unsupported-subfilter')) report.integrity = 'failed'
  return report
}

function textOf(v: PdfValue | undefined): string | null {
  return v instanceof PdfString ? decodeTextString(v) : null
}

/** D:YYYYMMDDHHmmSS with an optional offset (Z, +HH'mm'); anything unparseable is treated as absent. */
function parsePdfDate(v: PdfValue | undefined): Date | undefined {
  if (!(v instanceof PdfString)) return undefined
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(decodeTextString(v))
  if (!m) return undefined
  const n = (s: string | undefined, dflt: number): number => (s === undefined ? dflt : Number(s))
  let t = Date.UTC(n(m[1], 0), n(m[2], 1) - 1, n(m[3], 1), n(m[4], 0), n(m[5], 0), n(m[6], 0))
  if (m[8]) t -= (m[8] === '-' ? -1 : 1) * (n(m[9], 0) * 60 + n(m[10], 0)) * 60_000
  return Number.isNaN(t) ? undefined : new Date(t)
}
