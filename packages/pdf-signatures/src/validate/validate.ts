import { decodeTextString } from '../pdf/document.ts'
import { PdfName, PdfString, isWhite, type PdfValue } from '../pdf/objects.ts'
import { checkCms } from './cms-verify.ts'
import { commonName, evaluateTrust, parseAnchors, type TrustAnchor } from './chain.ts'
import { locateSignatures, type LocatedSignature } from './locate.ts'
import type { SignatureReport, ValidationReport } from './report.ts'

export interface ValidateOptions {
  trustAnchors: TrustAnchor[]
  /** Used when a signature carries no claimed time; default now. */
  now?: Date
}

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached'])
/** Refuse before parsing rather than spend unbounded memory and time on a hostile upload. */
export const MAX_PDF_BYTES = 100 * 1024 * 1024

/** Validates every signature in a PDF. Never throws on hostile input: anomalies are error codes. */
export function validatePdf(pdf: Uint8Array, opts: ValidateOptions): ValidationReport {
  try {
    return validateUnsafe(pdf, opts)
  } catch {
    // A bug or a case nobody foresaw must still fail closed, not crash the caller.
    return { signatures: [], errors: ['internal-error'] }
  }
}

function validateUnsafe(pdf: Uint8Array, opts: ValidateOptions): ValidationReport {
  if (pdf.length > MAX_PDF_BYTES) return { signatures: [], errors: ['document-too-large'] }
  if (Buffer.from(pdf.subarray(0, 1024)).toString('latin1').indexOf('%PDF-') < 0) return { signatures: [], errors: ['not-a-pdf'] }
  const anchors = parseAnchors(opts.trustAnchors)
  const errors = [...new Set(anchors.errors)]
  const located = locateSignatures(pdf)
  if (located.length === 0) errors.push('no-signatures')
  const signatures = located.map((l, index): SignatureReport => {
    if (!l.ok) return failedReport(index, [l.error], l.error)
    return validateOne(pdf, index, l.sig, anchors.certs, opts.now ?? new Date())
  })
  return { signatures, errors }
}

function failedReport(index: number, errors: string[], byteRange: string): SignatureReport {
  return {
    index,
    signerName: null,
    signingTime: null,
    subFilter: null,
    coversWholeDocument: false,
    integrity: 'failed',
    byteRange,
    trust: 'unknown',
    errors,
  }
}

function validateOne(
  pdf: Uint8Array,
  index: number,
  sig: LocatedSignature,
  anchors: Parameters<typeof evaluateTrust>[2],
  now: Date,
): SignatureReport {
  const report = failedReport(index, [], 'ok')
  const { dict } = sig
  const filter = dict.get('Filter')
  const subFilter = dict.get('SubFilter')
  report.subFilter = subFilter instanceof PdfName ? subFilter.name : null
  if (!(filter instanceof PdfName) || filter.name !== 'Adobe.PPKLite') report.errors.push('unsupported-filter')
  if (!report.subFilter || !SUPPORTED_SUBFILTERS.has(report.subFilter)) report.errors.push('unsupported-subfilter')
  const claimed = parsePdfDate(dict.get('M'))

  const range = checkByteRange(pdf, sig)
  report.byteRange = range.ok ? 'ok' : range.reason
  if (!range.ok) {
    report.errors.push(range.reason)
    return report
  }
  report.coversWholeDocument = range.end === pdf.length

  const contents = dict.get('Contents')
  if (!(contents instanceof PdfString)) {
    report.errors.push('contents-not-a-string')
    return report
  }
  const [, a, b, c] = range.values
  const cms = checkCms(contents.bytes, [pdf.subarray(0, a), pdf.subarray(b, b + c)])
  report.errors.push(...cms.errors)
  report.integrity = cms.integrity
  if (cms.signer) report.signerName = commonName(cms.signer)
  const signingTime = claimed ?? cms.signingTime
  report.signingTime = signingTime ? signingTime.toISOString() : null
  if (cms.signer) {
    const trust = evaluateTrust(cms.signer, cms.certificates, anchors, signingTime ?? now)
    report.trust = trust.trust
    report.errors.push(...trust.errors)
  }
  if (report.errors.some((e) => e === 'unsupported-filter' || e === 'unsupported-subfilter')) report.integrity = 'failed'
  return report
}

type RangeCheck = { ok: true; values: [number, number, number, number]; end: number } | { ok: false; reason: string }

/**
 * ByteRange sanity: four integers, starting at 0, whose gap is exactly the /Contents hex string of
 * this very dictionary, ending inside the file at the end of a revision (%%EOF), with the
 * signature dictionary itself inside the signed bytes.
 */
function checkByteRange(pdf: Uint8Array, sig: LocatedSignature): RangeCheck {
  const br = sig.dict.get('ByteRange')
  if (!Array.isArray(br) || br.length !== 4 || !br.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) {
    return { ok: false, reason: 'byte-range-malformed' }
  }
  const [a, b, c, d] = br as [number, number, number, number]
  if (a !== 0) return { ok: false, reason: 'byte-range-not-from-start' }
  if (b <= 0 || c <= b) return { ok: false, reason: 'byte-range-overlap' }
  const end = c + d
  if (end > pdf.length) return { ok: false, reason: 'byte-range-beyond-file' }
  const span = sig.contentsSpan
  if (!span || span.start !== b || span.end !== c || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e)
    return { ok: false, reason: 'byte-range-gap-not-contents' }
  if (sig.objectOffset >= end) return { ok: false, reason: 'signature-dictionary-not-covered' }
  let tail = end
  while (tail > 0 && isWhite(pdf[tail - 1])) tail--
  if (Buffer.from(pdf.subarray(Math.max(0, tail - 5), tail)).toString('latin1') !== '%%EOF')
    return { ok: false, reason: 'byte-range-not-revision-end' }
  if (end - tail > 2) return { ok: false, reason: 'byte-range-not-revision-end' }
  return { ok: true, values: [a, b, c, d], end }
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
