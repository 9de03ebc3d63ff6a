import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as fontkit from 'fontkit'
import { PdfRef, PdfString } from '../pdf/objects.ts'
import { dict, name, type ObjectSink } from './writer.ts'

/**
 * Tinos (metric-compatible with Times New Roman, which Decree 30/2020 prescribes for the
 * signature information) embedded as a subset: a Type0 font with Identity-H encoding over a
 * CIDFontType2 whose CIDs are the subset's glyph ids (CIDToGIDMap Identity), with /W widths and a
 * /ToUnicode CMap so text extraction gives back the exact Vietnamese text.
 */

export type FontStyle = 'regular' | 'bold'

const FILES: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
}

const loaded = new Map<FontStyle, fontkit.Font>()

export function tinos(style: FontStyle): fontkit.Font {
  let font = loaded.get(style)
  if (!font) {
    const file = createRequire(import.meta.url).resolve(FILES[style])
    const opened = fontkit.create(readFileSync(file))
    if ('fonts' in opened) throw new TypeError(`${file} is a font collection`)
    font = opened
    loaded.set(style, font)
  }
  return font
}

/** Control characters and unpaired surrogates are not text to show; NFC so precomposed glyphs are used. */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cs}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export class FontSubset {
  readonly font: fontkit.Font
  private readonly subset: fontkit.Subset
  /** Subset glyph id (= CID) → the text it stands for and its advance width in 1/1000 em. */
  private readonly used = new Map<number, { text: string; width: number }>()

  constructor(readonly style: FontStyle) {
    this.font = tinos(style)
    this.subset = this.font.createSubset()
  }

  /** The character actually shown: '?' for what Tinos cannot show (and that is what text extraction gives back). */
  private shown(ch: string): string {
    return this.font.hasGlyphForCodePoint(ch.codePointAt(0)!) ? ch : '?'
  }

  private glyph(ch: string): fontkit.Glyph {
    return this.font.glyphForCodePoint(this.shown(ch).codePointAt(0)!)
  }

  /** Advance width of `text` at 1 pt. No kerning: the content stream shows glyphs at their advances. */
  measure(text: string): number {
    let units = 0
    for (const ch of text) units += this.glyph(ch).advanceWidth
    return units / this.font.unitsPerEm
  }

  /** The hex string operand of a Tj showing `text`, registering its glyphs in the subset. */
  show(text: string): string {
    let hex = ''
    for (const ch of text) {
      const glyph = this.glyph(ch)
      const cid: unknown = this.subset.includeGlyph(glyph)
      if (typeof cid !== 'number' || cid > 0xffff) throw new RangeError('unexpected subset glyph id')
      if (!this.used.has(cid))
        this.used.set(cid, { text: this.shown(ch), width: Math.round((glyph.advanceWidth * 1000) / this.font.unitsPerEm) })
      hex += cid.toString(16).padStart(4, '0')
    }
    return `<${hex}>`
  }

  get isUsed(): boolean {
    return this.used.size > 0
  }

  /** Writes the font program and its dictionaries; returns the Type0 font to put in /Resources. */
  embed(sink: ObjectSink): PdfRef {
    const font = this.font
    const cids = [...this.used.keys()].sort((a, b) => a - b)
    // The tag makes the subset's name unique to its glyph set (ISO 32000-1 §9.6.4).
    const digest = createHash('sha256')
      .update(`${this.style}:${cids.join(',')}`)
      .digest()
    const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('')
    const baseFont = name(`${tag}+${font.postscriptName.replace(/[^A-Za-z0-9-]/g, '')}`)
    const program = this.subset.encode()
    const scale = (v: number): number => Math.round((v * 1000) / font.unitsPerEm)

    const fileRef = sink.alloc()
    sink.putStream(fileRef, dict({ Length1: program.length }), program)
    const descriptorRef = sink.alloc()
    sink.put(
      descriptorRef,
      dict({
        Type: name('FontDescriptor'),
        FontName: baseFont,
        Flags: 4 | 2, // symbolic (glyphs addressed by id) and serif
        FontBBox: [scale(font.bbox.minX), scale(font.bbox.minY), scale(font.bbox.maxX), scale(font.bbox.maxY)],
        ItalicAngle: font.italicAngle,
        Ascent: scale(font.ascent),
        Descent: scale(font.descent),
        CapHeight: scale(font.capHeight),
        StemV: this.style === 'bold' ? 140 : 80,
        FontFile2: fileRef,
      }),
    )
    const widths: (number | number[])[] = []
    for (const cid of cids) {
      const last = widths[widths.length - 1]
      const prevCid = widths[widths.length - 2]
      if (Array.isArray(last) && typeof prevCid === 'number' && prevCid + last.length === cid) last.push(this.used.get(cid)!.width)
      else widths.push(cid, [this.used.get(cid)!.width])
    }
    const cidFontRef = sink.alloc()
    sink.put(
      cidFontRef,
      dict({
        Type: name('Font'),
        Subtype: name('CIDFontType2'),
        BaseFont: baseFont,
        CIDSystemInfo: dict({
          Registry: new PdfString(Buffer.from('Adobe'), false),
          Ordering: new PdfString(Buffer.from('Identity'), false),
          Supplement: 0,
        }),
        FontDescriptor: descriptorRef,
        DW: 1000,
        W: widths,
        CIDToGIDMap: name('Identity'),
      }),
    )
    const toUnicodeRef = sink.alloc()
    sink.putStream(toUnicodeRef, dict({}), Buffer.from(toUnicodeCMap(cids.map((cid) => [cid, this.used.get(cid)!.text])), 'latin1'))
    const fontRef = sink.alloc()
    sink.put(
      fontRef,
      dict({
        Type: name('Font'),
        Subtype: name('Type0'),
        BaseFont: baseFont,
        Encoding: name('Identity-H'),
        DescendantFonts: [cidFontRef],
        ToUnicode: toUnicodeRef,
      }),
    )
    return fontRef
  }
}

function utf16Hex(text: string): string {
  let hex = ''
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0')
  return hex
}

/** A ToUnicode CMap (Adobe TN 5411) mapping each 2-byte CID to its UTF-16BE text. */
export function toUnicodeCMap(entries: [number, string][]): string {
  const out = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ]
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100)
    out.push(`${block.length} beginbfchar`)
    for (const [cid, text] of block) out.push(`<${cid.toString(16).padStart(4, '0')}> <${utf16Hex(text)}>`)
    out.push('endbfchar')
  }
  out.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end')
  return out.join('\n')
}
