import type { PdfRef } from '../pdf/objects.ts'
import { SigningError } from './errors.ts'
import { cleanText, FontSubset, type FontStyle } from './font.ts'
import { decodePng, embedImage, physicalSizePt, readPngInfo, type DecodedImage, type PngInfo } from './image.ts'
import { dict, name, type ObjectSink } from './writer.ts'

/**
 * The visible signature following Decree 30/2020/NĐ-CP, Appendix I [unverified reading]:
 * - a person's signature: the handwritten signature image (blue, transparent PNG) where the paper
 *   signature would be, with the signer's name, title and signing time;
 * - the issuing agency's signature: the red seal image at actual size, overlapping about a third of
 *   the signer's image on its left, with the agency name and the signing time (ISO 8601 with time
 *   zone) in Times New Roman 10 pt;
 * - attachments and electronic copies: the agency's signature at the top right of the first page,
 *   no image, with the main document's number/symbol and the time.
 * Text is Tinos (Times New Roman metrics) embedded as a Unicode subset, wrapped to the box and
 * shrunk when needed (never below 6 pt); everything is drawn inside the box and clipped to it.
 */

export type Rect = [number, number, number, number]

export interface PersonalAppearance {
  kind: 'personal'
  name: string
  title?: string | undefined
  /** The handwritten signature: a PNG, blue on a transparent background. */
  signatureImage?: Uint8Array | undefined
}

export interface AgencyAppearance {
  kind: 'agency'
  /** The seal: a PNG, red on a transparent background. */
  sealImage: Uint8Array
  agencyName: string
  /** The seal's real size (its larger side, in mm), used when the PNG has no pHYs resolution; default 36 mm. */
  sealSizeMm?: number | undefined
  /** Where the agency name and time go: left of the seal (default) or below it. */
  textPosition?: 'left' | 'below' | undefined
}

export interface CopyAppearance {
  kind: 'copy'
  /** E.g. the main document's number/symbol, or the copy form and the copying agency; the time is added. */
  lines: string[]
}

/** No visible appearance (a zero rectangle): system seals. */
export interface InvisibleAppearance {
  kind: 'invisible'
}

export type SignatureAppearance = PersonalAppearance | AgencyAppearance | CopyAppearance | InvisibleAppearance
export type VisibleAppearance = Exclude<SignatureAppearance, InvisibleAppearance>

/** Vietnam has one time zone, UTC+7, without daylight saving. */
export const VIETNAM_UTC_OFFSET_MINUTES = 420
export const DEFAULT_SEAL_SIZE_MM = 36
const FONT_SIZE = 10
const MIN_FONT_SIZE = 6
const LEADING = 1.2
const PAD = 2
const GAP = 3
const MAX_LINES = 20
const MAX_LINE_LENGTH = 1000

/** `2026-11-23T10:15:30+07:00`: the signing time as Decree 30 shows it (ISO 8601 with the offset). */
export function formatSigningTime(at: Date, offsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): string {
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) throw new RangeError('bad time zone offset')
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19)
  const abs = Math.abs(offsetMinutes)
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
}

const timeLine = (at: Date, offsetMinutes: number): string => `Thời gian ký: ${formatSigningTime(at, offsetMinutes)}`

interface Line {
  text: string
  style: FontStyle
}

interface FittedLine extends Line {
  width: number
}

interface FittedText {
  size: number
  lines: FittedLine[]
  height: number
  /** Some text did not fit even at 6 pt and was cut. */
  truncated: boolean
}

type Fonts = Record<FontStyle, FontSubset>

function wrapLine(line: Line, font: FontSubset, size: number, maxWidth: number, breakWords: boolean): FittedLine[] | null {
  const out: FittedLine[] = []
  const width = (s: string): number => font.measure(s) * size
  let current = ''
  const flush = (): void => {
    if (current) out.push({ text: current, style: line.style, width: width(current) })
    current = ''
  }
  for (const word of line.text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word
    if (width(candidate) <= maxWidth) {
      current = candidate
      continue
    }
    flush()
    if (width(word) <= maxWidth) {
      current = word
      continue
    }
    // A word wider than the box (a time stamp, a long name) is broken between characters, as a last resort.
    if (!breakWords) return null
    for (const ch of word) {
      if (current && width(current + ch) > maxWidth) flush()
      current += ch
    }
  }
  flush()
  return out
}

/** Wraps the lines to `maxWidth`, shrinking from `preferred` to 6 pt; below that, the overflow is cut with "…". */
function fitText(lines: Line[], fonts: Fonts, maxWidth: number, maxHeight: number, preferred = FONT_SIZE): FittedText {
  const wrapAt = (size: number, breakWords = true): FittedLine[] | null => {
    const out: FittedLine[] = []
    for (const l of lines) {
      const wrapped = wrapLine(l, fonts[l.style], size, maxWidth, breakWords)
      if (!wrapped) return null
      out.push(...wrapped)
    }
    return out
  }
  if (maxWidth <= 0 || maxHeight <= 0) return { size: preferred, lines: [], height: 0, truncated: lines.length > 0 }
  // A smaller font is better than a word cut in two; cutting words is tried only when no size avoids it.
  for (const breakWords of [false, true]) {
    for (let size = preferred; size >= MIN_FONT_SIZE; size -= 0.5) {
      const wrapped = wrapAt(size, breakWords)
      if (wrapped && wrapped.length * size * LEADING <= maxHeight)
        return { size, lines: wrapped, height: wrapped.length * size * LEADING, truncated: false }
    }
  }
  const size = MIN_FONT_SIZE
  const fit = Math.floor(maxHeight / (size * LEADING))
  const kept = (wrapAt(size) ?? []).slice(0, fit)
  const last = kept[kept.length - 1]
  if (last) {
    const font = fonts[last.style]
    let text = last.text
    while (text && font.measure(`${text}…`) * size > maxWidth) text = [...text].slice(0, -1).join('')
    kept[kept.length - 1] = { ...last, text: `${text}…`, width: font.measure(`${text}…`) * size }
  }
  return { size, lines: kept, height: kept.length * size * LEADING, truncated: true }
}

interface Box {
  x: number
  y: number
  w: number
  h: number
}

interface Layout {
  text: FittedText
  /** Text block: its top edge and the horizontal span lines are aligned in. */
  textTop: number
  textLeft: number
  textWidth: number
  align: 'left' | 'center' | 'right'
  image: Box | null
}

function fitInto(iw: number, ih: number, area: Box, valign: 'center' | 'top'): Box {
  const scale = Math.min(area.w / iw, area.h / ih)
  const w = iw * scale
  const h = ih * scale
  return { x: area.x + (area.w - w) / 2, y: valign === 'top' ? area.y + area.h - h : area.y + (area.h - h) / 2, w, h }
}

function checkText(s: string | undefined, what: string, required: boolean): string {
  const text = cleanText(s ?? '')
  if (required && !text) throw new SigningError('appearance-invalid', `the ${what} is empty`)
  if (text.length > MAX_LINE_LENGTH)
    throw new SigningError('appearance-invalid', `the ${what} is longer than ${MAX_LINE_LENGTH} characters`)
  return text
}

function linesOf(appearance: VisibleAppearance, at: Date, offsetMinutes: number): Line[] {
  const time: Line = { text: timeLine(at, offsetMinutes), style: 'regular' }
  switch (appearance.kind) {
    case 'personal': {
      const title = checkText(appearance.title, 'title', false)
      return [
        { text: checkText(appearance.name, 'signer name', true), style: 'bold' },
        ...(title ? [{ text: title, style: 'regular' as const }] : []),
        time,
      ]
    }
    case 'agency':
      return [{ text: checkText(appearance.agencyName, 'agency name', true), style: 'regular' }, time]
    case 'copy': {
      if (!Array.isArray(appearance.lines) || appearance.lines.length === 0 || appearance.lines.length > MAX_LINES)
        throw new SigningError('appearance-invalid', `a copy signature shows 1 to ${MAX_LINES} lines`)
      return [...appearance.lines.map((l) => ({ text: checkText(l, 'line', false), style: 'regular' as const })), time]
    }
  }
}

/** The seal's size on the page: the given size in mm, else the PNG's pHYs resolution, else 36 mm for its larger side. */
export function sealSizePt(info: PngInfo, sealSizeMm?: number): { width: number; height: number } {
  if (sealSizeMm !== undefined && !(Number.isFinite(sealSizeMm) && sealSizeMm > 0 && sealSizeMm <= 200))
    throw new SigningError('appearance-invalid', 'the seal size must be between 0 and 200 mm')
  const physical = sealSizeMm === undefined ? physicalSizePt(info) : null
  if (physical) return physical
  const larger = ((sealSizeMm ?? DEFAULT_SEAL_SIZE_MM) / 25.4) * 72
  const scale = larger / Math.max(info.width, info.height)
  return { width: info.width * scale, height: info.height * scale }
}

function layout(appearance: VisibleAppearance, width: number, height: number, lines: Line[], fonts: Fonts, image: PngInfo | null): Layout {
  const innerW = width - 2 * PAD
  const innerH = height - 2 * PAD
  switch (appearance.kind) {
    case 'personal': {
      if (!image) {
        const text = fitText(lines, fonts, innerW, innerH)
        return { text, textTop: (height + text.height) / 2, textLeft: PAD, textWidth: innerW, align: 'center', image: null }
      }
      // The text (who signed, when) has priority: it takes more than its share rather than be cut.
      let text = fitText(lines, fonts, innerW, innerH * 0.55)
      if (text.truncated) text = fitText(lines, fonts, innerW, innerH)
      const area = { x: PAD, y: PAD + text.height + GAP, w: innerW, h: innerH - text.height - GAP }
      const box = area.h > 1 ? fitInto(image.width, image.height, area, 'center') : null
      return { text, textTop: PAD + text.height, textLeft: PAD, textWidth: innerW, align: 'center', image: box }
    }
    case 'agency': {
      const seal = sealSizePt(image!, appearance.sealSizeMm)
      const besideWidth = width - seal.width - GAP - PAD
      if ((appearance.textPosition ?? 'left') === 'left' && besideWidth >= 40) {
        const area = { x: width - seal.width, y: 0, w: seal.width, h: height }
        const box = placeSeal(seal, area, 'center')
        const text = fitText(lines, fonts, besideWidth, innerH)
        return { text, textTop: (height + text.height) / 2, textLeft: PAD, textWidth: besideWidth, align: 'right', image: box }
      }
      let text = fitText(lines, fonts, innerW, innerH * 0.4)
      if (text.truncated) text = fitText(lines, fonts, innerW, innerH)
      const area = { x: 0, y: PAD + text.height + GAP, w: width, h: height - PAD - text.height - GAP }
      const box = area.h > 1 ? placeSeal(seal, area, 'top') : null
      return { text, textTop: PAD + text.height, textLeft: PAD, textWidth: innerW, align: 'center', image: box }
    }
    case 'copy': {
      const text = fitText(lines, fonts, innerW, innerH)
      return { text, textTop: height - PAD, textLeft: PAD, textWidth: innerW, align: 'left', image: null }
    }
  }
}

/** The seal at actual size, centred horizontally in its area, unless the area is smaller (then scaled down to fit). */
function placeSeal(seal: { width: number; height: number }, area: Box, valign: 'center' | 'top'): Box {
  const scale = Math.min(1, area.w / seal.width, area.h / seal.height)
  const w = seal.width * scale
  const h = seal.height * scale
  return { x: area.x + (area.w - w) / 2, y: valign === 'top' ? area.y + area.h - h : area.y + (area.h - h) / 2, w, h }
}

const num = (v: number): string => String(Math.round(v * 1000) / 1000 + 0)

function contentStream(width: number, height: number, l: Layout, fontNames: Record<FontStyle, string>, fonts: Fonts): string {
  const ops = ['q', `0 0 ${num(width)} ${num(height)} re W n`]
  if (l.image) ops.push('q', `${num(l.image.w)} 0 0 ${num(l.image.h)} ${num(l.image.x)} ${num(l.image.y)} cm`, '/Im1 Do', 'Q')
  if (l.text.lines.length > 0) {
    const { size } = l.text
    ops.push('BT', '0 g')
    let current: FontStyle | undefined
    l.text.lines.forEach((line, i) => {
      if (line.style !== current) ops.push(`/${fontNames[line.style]} ${num(size)} Tf`)
      current = line.style
      const x =
        l.align === 'left'
          ? l.textLeft
          : l.align === 'right'
            ? l.textLeft + l.textWidth - line.width
            : l.textLeft + (l.textWidth - line.width) / 2
      const baseline = l.textTop - size * (i * LEADING + 0.05 + 0.891)
      ops.push(`1 0 0 1 ${num(x)} ${num(baseline)} Tm`, `${fonts[line.style].show(line.text)} Tj`)
    })
    ops.push('ET')
  }
  ops.push('Q')
  return ops.join('\n')
}

export interface AppearanceContext {
  signingTime: Date
  timeZoneOffsetMinutes: number
}

/** Checks the options and reads the image before anything is written (errors are SigningErrors). */
export function prepareAppearance(appearance: VisibleAppearance, ctx: AppearanceContext): { lines: Line[]; image: DecodedImage | null } {
  const lines = linesOf(appearance, ctx.signingTime, ctx.timeZoneOffsetMinutes)
  const png = appearance.kind === 'personal' ? appearance.signatureImage : appearance.kind === 'agency' ? appearance.sealImage : undefined
  if (appearance.kind === 'agency' && !(png instanceof Uint8Array))
    throw new SigningError('image-unreadable', 'an agency signature needs the seal image')
  return { lines, image: png ? decodePng(png) : null }
}

/** Writes the appearance form XObject (with its fonts and images) for a box of `width` × `height`. */
export function buildAppearance(
  sink: ObjectSink,
  appearance: VisibleAppearance,
  width: number,
  height: number,
  ctx: AppearanceContext,
): PdfRef {
  const { lines, image } = prepareAppearance(appearance, ctx)
  const fonts: Fonts = { regular: new FontSubset('regular'), bold: new FontSubset('bold') }
  const l = layout(appearance, width, height, lines, fonts, image?.info ?? null)
  const fontNames: Record<FontStyle, string> = { regular: 'F1', bold: 'F2' }
  const content = contentStream(width, height, l, fontNames, fonts)
  const fontResources = dict({})
  for (const style of ['regular', 'bold'] as const) {
    if (fonts[style].isUsed) fontResources.entries.set(fontNames[style], fonts[style].embed(sink))
  }
  const resources = dict({ Font: fontResources.entries.size > 0 ? fontResources : undefined })
  if (l.image && image) resources.entries.set('XObject', dict({ Im1: embedImage(sink, image) }))
  const ref = sink.alloc()
  sink.putStream(
    ref,
    dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, width, height], Matrix: [1, 0, 0, 1, 0, 0], Resources: resources }),
    Buffer.from(content, 'latin1'),
  )
  return ref
}

const normalise = (r: Rect): Rect => [Math.min(r[0], r[2]), Math.min(r[1], r[3]), Math.max(r[0], r[2]), Math.max(r[1], r[3])]

/**
 * Where a personal signature's image lands on the page (in page coordinates), given the rect and
 * appearance it was (or will be) signed with; null without an image.
 */
export function personalImageBox(rect: Rect, appearance: PersonalAppearance, signingTime = new Date()): Rect | null {
  if (!appearance.signatureImage) return null
  const [x1, y1, x2, y2] = normalise(rect)
  const fonts: Fonts = { regular: new FontSubset('regular'), bold: new FontSubset('bold') }
  const lines = linesOf(appearance, signingTime, VIETNAM_UTC_OFFSET_MINUTES)
  const l = layout(appearance, x2 - x1, y2 - y1, lines, fonts, readPngInfo(appearance.signatureImage))
  return l.image ? [x1 + l.image.x, y1 + l.image.y, x1 + l.image.x + l.image.w, y1 + l.image.y + l.image.h] : null
}

/**
 * The rect for the agency's seal signature so the seal, at actual size, overlaps the left third of
 * the leader's signature image (Decree 30, App. I): its right edge a third of the way into the
 * image, vertically centred on it. `signatureBox` is the image's box (see personalImageBox) or, as
 * an approximation, the leader's signature rect. With the text on the left (default) the rect
 * extends `textWidth` (default 180) points further left; with the text below, it is centred under the seal.
 */
export function agencySealRect(
  signatureBox: Rect,
  seal: Pick<AgencyAppearance, 'sealImage' | 'sealSizeMm' | 'agencyName' | 'textPosition'>,
  opts: { textWidth?: number; signingTime?: Date } = {},
): Rect {
  const [x1, y1, x2, y2] = normalise(signatureBox)
  const size = sealSizePt(readPngInfo(seal.sealImage), seal.sealSizeMm)
  const right = x1 + (x2 - x1) / 3
  const middle = (y1 + y2) / 2
  const textWidth = opts.textWidth ?? 180
  if ((seal.textPosition ?? 'left') === 'left') {
    return [right - size.width - GAP - PAD - textWidth, middle - size.height / 2, right, middle + size.height / 2]
  }
  const width = Math.max(size.width, textWidth)
  const fonts: Fonts = { regular: new FontSubset('regular'), bold: new FontSubset('bold') }
  const lines = linesOf({ kind: 'agency', ...seal }, opts.signingTime ?? new Date(), VIETNAM_UTC_OFFSET_MINUTES)
  const text = fitText(lines, fonts, width - 2 * PAD, Number.POSITIVE_INFINITY)
  const centre = right - size.width / 2
  return [
    centre - width / 2,
    middle + size.height / 2 - size.height - GAP - text.height - PAD,
    centre + width / 2,
    middle + size.height / 2,
  ]
}
