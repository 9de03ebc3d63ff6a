import { openPdf, ParseContext, type PdfDocument } from '../pdf/document.ts'
import { PdfSyntaxError, type PdfDict } from '../pdf/objects.ts'
import { sameEntry } from '../pdf/xref.ts'

/**
 * The revisions of a file: each incremental section ends with "startxref <offset> %%EOF", and the
 * document as of a revision is the file cut just after that %%EOF (ISO 32000-1 §7.5.6). A "%%EOF"
 * not preceded by a startxref (inside a stream, say) is not a revision end.
 */

export interface Revision {
  /** 1-based. */
  index: number
  /** Offset just after "%%EOF". */
  eof: number
  /** Offset after "%%EOF" and its end-of-line marker, where the next revision starts. */
  end: number
  startxref: number
}

const REVISION_TAIL = /startxref[\0\t\n\f\r ]+(\d{1,10})[\0\t\n\f\r ]+$/

export function listRevisions(bytes: Uint8Array): Revision[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const out: Revision[] = []
  for (let at = text.indexOf('%%EOF'); at >= 0; at = text.indexOf('%%EOF', at + 5)) {
    const m = REVISION_TAIL.exec(text.slice(Math.max(0, at - 48), at))
    if (!m) continue
    const eof = at + 5
    let end = eof
    if (text[end] === '\r') end++
    if (text[end] === '\n') end++
    out.push({ index: out.length + 1, eof, end, startxref: Number(m[1]) })
  }
  return out
}

/** The document exactly as it was at the end of a revision. */
export function openRevision(bytes: Uint8Array, revision: Revision, context?: ParseContext): PdfDocument {
  return openPdf(bytes.subarray(0, revision.end), context ? { context } : {})
}

/** What follows the last revision: nothing (or only whitespace), comments, or anything else. */
export function trailingData(bytes: Uint8Array, revisions: Revision[]): 'none' | 'comment' | 'data' {
  const from = revisions[revisions.length - 1]?.end ?? 0
  const rest = Buffer.from(bytes.subarray(from)).toString('latin1')
  if (/^[\0\t\n\f\r ]*$/.test(rest)) return 'none'
  if (/^(?:[\0\t\n\f\r ]|%[^\r\n]*)*$/.test(rest) && !rest.includes('%%EOF')) return 'comment'
  return 'data'
}

/**
 * All revisions of one file with their views opened lazily and cached, sharing one parse budget:
 * what a validation of several signatures needs, each looking at the revisions after its own.
 */
export class PdfRevisions {
  readonly list: Revision[]
  readonly context: ParseContext
  private readonly views = new Map<number, PdfDocument | PdfSyntaxError>()
  private readonly changes = new Map<number, Set<number>>()

  constructor(
    readonly bytes: Uint8Array,
    context?: ParseContext,
  ) {
    this.list = listRevisions(bytes)
    this.context = context ?? new ParseContext()
  }

  /** The revision a ByteRange ending at `end` signs: `end` lies between its %%EOF and two bytes of whitespace after. */
  atEnd(end: number): Revision | undefined {
    const r = this.list.find((r) => end >= r.eof && end <= r.eof + 2)
    return r &&
      this.bytes.subarray(r.eof, end).every((c) => c === 0x0a || c === 0x0d || c === 0x20 || c === 0x09 || c === 0x00 || c === 0x0c)
      ? r
      : undefined
  }

  /** The document as of revision `index` (1-based), or the reason it cannot be read. */
  view(index: number): PdfDocument | PdfSyntaxError {
    const cached = this.views.get(index)
    if (cached) return cached
    const revision = this.list[index - 1]
    let result: PdfDocument | PdfSyntaxError
    if (!revision) result = new PdfSyntaxError(`no revision ${index}`, 0)
    else if (index > this.context.budget.limits.maxSections) result = new PdfSyntaxError('too many revisions', revision.eof)
    else {
      try {
        result = openRevision(this.bytes, revision, this.context)
      } catch (e) {
        if (!(e instanceof PdfSyntaxError)) throw e
        result = e
      }
    }
    this.views.set(index, result)
    return result
  }

  trailer(index: number): PdfDict | undefined {
    const v = this.view(index)
    return v instanceof PdfSyntaxError ? undefined : v.trailer
  }

  /**
   * The object numbers whose cross-reference entry in revision `index` differs from revision
   * `base` (new, redefined, freed or dropped), plus compressed objects whose object stream was
   * redefined: everything an update can have changed, however its sections are chained.
   */
  changedObjects(index: number, base: number): Set<number> {
    const key = index * 1_000_003 + base
    const cached = this.changes.get(key)
    if (cached) return cached
    const now = this.view(index)
    const before = this.view(base)
    if (now instanceof PdfSyntaxError) throw now
    if (before instanceof PdfSyntaxError) throw before
    const changed = new Set<number>()
    for (const [num, entry] of now.entries) if (!sameEntry(entry, before.entries.get(num))) changed.add(num)
    for (const [num, entry] of before.entries) if (!now.entries.has(num) && !entry.free) changed.add(num)
    for (const [num, entry] of now.entries) if (entry.objStm && changed.has(entry.objStm.num)) changed.add(num)
    this.context.budget.chargeParsed(now.entries.size + before.entries.size, 0)
    this.changes.set(key, changed)
    return changed
  }
}
