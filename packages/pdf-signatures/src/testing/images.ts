/**
 * TEST / DEMO IMAGES ONLY: a made-up handwritten signature and a made-up round seal marked
 * "MẪU THỬ" / "TEST ONLY", drawn in code (no image files in the repository). They look the part
 * so the appearance can be judged, but they are nobody's signature and no agency's seal.
 */
import { crc32 } from 'node:zlib'
import { PNG } from 'pngjs'
import { tinos, type FontStyle } from '../sign/font.ts'

type Point = [number, number]

/** An anti-aliased coverage mask in one colour. */
class Canvas {
  readonly alpha: Float32Array

  constructor(
    readonly width: number,
    readonly height: number,
    readonly colour: [number, number, number],
  ) {
    this.alpha = new Float32Array(width * height)
  }

  private cover(x: number, y: number, a: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || a <= 0) return
    const i = y * this.width + x
    this.alpha[i] = Math.max(this.alpha[i]!, Math.min(1, a))
  }

  /** A round-capped segment whose radius goes from r0 to r1. */
  segment([x0, y0]: Point, [x1, y1]: Point, r0: number, r1: number): void {
    const r = Math.max(r0, r1) + 1
    const dx = x1 - x0
    const dy = y1 - y0
    const len2 = dx * dx + dy * dy || 1
    for (let y = Math.floor(Math.min(y0, y1) - r); y <= Math.ceil(Math.max(y0, y1) + r); y++) {
      for (let x = Math.floor(Math.min(x0, x1) - r); x <= Math.ceil(Math.max(x0, x1) + r); x++) {
        const t = Math.max(0, Math.min(1, ((x + 0.5 - x0) * dx + (y + 0.5 - y0) * dy) / len2))
        const d = Math.hypot(x + 0.5 - (x0 + t * dx), y + 0.5 - (y0 + t * dy))
        this.cover(x, y, r0 + t * (r1 - r0) - d + 0.5)
      }
    }
  }

  stroke(points: Point[], radius: (i: number) => number): void {
    for (let i = 1; i < points.length; i++) this.segment(points[i - 1]!, points[i]!, radius(i - 1), radius(i))
  }

  ring(cx: number, cy: number, inner: number, outer: number): void {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy)
        this.cover(x, y, Math.min(d - inner + 0.5, outer - d + 0.5))
      }
    }
  }

  /** Fills closed polygons with the non-zero rule, 4 sub-scanlines per pixel and exact horizontal coverage. */
  fill(polygons: Point[][]): void {
    const edges = polygons.flatMap((poly) => poly.map((p, i): [Point, Point] => [p, poly[(i + 1) % poly.length]!]))
    const coverage = new Float32Array(this.width * this.height)
    const SUB = 4
    for (let row = 0; row < this.height * SUB; row++) {
      const y = (row + 0.5) / SUB
      const crossings: { x: number; dir: number }[] = []
      for (const [[x0, y0], [x1, y1]] of edges) {
        if (y0 === y1 || y < Math.min(y0, y1) || y >= Math.max(y0, y1)) continue
        crossings.push({ x: x0 + ((y - y0) / (y1 - y0)) * (x1 - x0), dir: y1 > y0 ? 1 : -1 })
      }
      crossings.sort((a, b) => a.x - b.x)
      let winding = 0
      for (let i = 0; i < crossings.length - 1; i++) {
        winding += crossings[i]!.dir
        if (winding === 0) continue
        const xa = Math.max(0, crossings[i]!.x)
        const xb = Math.min(this.width, crossings[i + 1]!.x)
        const py = Math.floor(y)
        for (let px = Math.floor(xa); px < xb; px++) {
          const overlap = Math.min(px + 1, xb) - Math.max(px, xa)
          if (overlap > 0) coverage[py * this.width + px]! += overlap / SUB
        }
      }
    }
    for (let i = 0; i < coverage.length; i++) this.alpha[i] = Math.max(this.alpha[i]!, Math.min(1, coverage[i]!))
  }

  png(pixelsPerMetre?: number): Uint8Array {
    const png = new PNG({ width: this.width, height: this.height })
    for (let i = 0; i < this.alpha.length; i++) {
      png.data[i * 4] = this.colour[0]
      png.data[i * 4 + 1] = this.colour[1]
      png.data[i * 4 + 2] = this.colour[2]
      png.data[i * 4 + 3] = Math.round(this.alpha[i]! * 255)
    }
    const bytes = PNG.sync.write(png, { colorType: 6 })
    if (!pixelsPerMetre) return new Uint8Array(bytes)
    // pHYs (pixels per metre) after IHDR, so "actual size" is known to whoever places the image.
    const data = Buffer.alloc(9)
    data.writeUInt32BE(pixelsPerMetre, 0)
    data.writeUInt32BE(pixelsPerMetre, 4)
    data[8] = 1
    const typeAndData = Buffer.concat([Buffer.from('pHYs', 'latin1'), data])
    const chunk = Buffer.alloc(12 + 9)
    chunk.writeUInt32BE(9, 0)
    typeAndData.copy(chunk, 4)
    chunk.writeUInt32BE(crc32(typeAndData), 17)
    return new Uint8Array(Buffer.concat([bytes.subarray(0, 33), chunk, bytes.subarray(33)]))
  }
}

/** Glyph outlines of `text` flattened to polygons, each glyph placed by `place(x, y)` from its own em-space coordinates. */
function textPolygons(
  text: string,
  style: FontStyle,
  sizePx: number,
  spacingPx: number,
  place: (glyphCentre: number, total: number) => (x: number, y: number) => Point,
): Point[][] {
  const font = tinos(style)
  const scale = sizePx / font.unitsPerEm
  const glyphs = [...text.normalize('NFC')].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!))
  const total = glyphs.reduce((sum, g) => sum + g.advanceWidth * scale + spacingPx, -spacingPx)
  const polygons: Point[][] = []
  let pen = 0
  for (const glyph of glyphs) {
    const advance = glyph.advanceWidth * scale
    const toPixel = place(pen + advance / 2, total)
    let current: Point[] = []
    let last: Point = [0, 0]
    const at = (x: number, y: number): Point => toPixel(x * scale - advance / 2, y * scale)
    for (const { command, args } of glyph.path.commands) {
      if (command === 'moveTo' || command === 'lineTo') {
        if (command === 'moveTo' && current.length > 2) polygons.push(current)
        if (command === 'moveTo') current = []
        last = [args[0]!, args[1]!]
        current.push(at(...last))
      } else if (command === 'quadraticCurveTo' || command === 'bezierCurveTo') {
        const pts: Point[] = [last]
        for (let i = 0; i < args.length; i += 2) pts.push([args[i]!, args[i + 1]!])
        for (let s = 1; s <= 8; s++) current.push(at(...bezier(pts, s / 8)))
        last = pts[pts.length - 1]!
      } else if (command === 'closePath') {
        if (current.length > 2) polygons.push(current)
        current = []
      }
    }
    if (current.length > 2) polygons.push(current)
    pen += advance + spacingPx
  }
  return polygons
}

function bezier(points: Point[], t: number): Point {
  let pts = points
  while (pts.length > 1)
    pts = pts.slice(1).map((p, i): Point => [pts[i]![0] + (p[0] - pts[i]![0]) * t, pts[i]![1] + (p[1] - pts[i]![1]) * t])
  return pts[0]!
}

/** A blue handwritten-looking signature (600 × 220 px, transparent background). TEST / DEMO ONLY. */
export function demoSignaturePng(): Uint8Array {
  const canvas = new Canvas(600, 220, [18, 46, 160])
  // Cursive loops: a prolate cycloid, slanted, the first loop taller like a capital, the others uneven.
  const loops: Point[] = []
  for (let t = -1.4; t <= 9.2 * Math.PI; t += 0.035) {
    const amplitude = (24 + 50 * Math.exp(-Math.max(0, t) / 2.2)) * (1 + 0.28 * Math.sin(1.3 * t + 0.6))
    const y = 118 - amplitude * Math.cos(t) + 0.8 * t
    loops.push([58 + 10.5 * t - 17 * Math.sin(t) + 0.42 * (118 - y), y])
  }
  canvas.stroke(loops, (i) => 2.1 + 1.0 * Math.sin(i / 29) ** 2)
  // The underline flourish, sweeping back under the name.
  const flourish: Point[] = []
  for (let s = 0; s <= 1; s += 0.01)
    flourish.push(
      bezier(
        [
          [372, 140],
          [470, 200],
          [330, 200],
          [80, 178],
          [300, 150],
          [560, 150],
        ],
        s,
      ),
    )
  canvas.stroke(flourish, (i) => 2.7 - 1.9 * (i / 100))
  canvas.segment([262, 52], [267, 47], 3, 2.4)
  return canvas.png()
}

/**
 * A red round seal, 40 mm at 300 dpi (pHYs set): two rings, "ỦY BAN NHÂN DÂN XÃ DEMO" along the
 * top, a star, "MẪU THỬ" across the centre and "TEST ONLY" along the bottom. TEST / DEMO ONLY.
 */
export function demoSealPng(): Uint8Array {
  const size = 472
  const c = size / 2
  const canvas = new Canvas(size, size, [214, 28, 36])
  canvas.ring(c, c, 222, 232)
  canvas.ring(c, c, 168, 173)
  const outward = (theta: number): Point => [Math.sin(theta), -Math.cos(theta)]
  const tangent = (theta: number): Point => [Math.cos(theta), Math.sin(theta)]
  // Along the top: baseline on a circle, glyph tops outward, reading clockwise.
  const top = textPolygons('ỦY BAN NHÂN DÂN XÃ DEMO', 'bold', 31, 3, (centre, total) => {
    const r = 182
    const theta = (centre - total / 2) / r
    const [ux, uy] = outward(theta)
    const [tx, ty] = tangent(theta)
    return (x, y) => [c + r * ux + x * tx + y * ux, c + r * uy + x * ty + y * uy]
  })
  // Along the bottom: baseline outside, glyph tops towards the centre, reading left to right.
  const bottom = textPolygons('TEST ONLY', 'bold', 28, 6, (centre, total) => {
    const r = 210
    const theta = Math.PI - (centre - total / 2) / r
    const [ux, uy] = outward(theta)
    const [tx, ty] = tangent(theta)
    return (x, y) => [c + r * ux - x * tx - y * ux, c + r * uy - x * ty - y * uy]
  })
  const middle = textPolygons('MẪU THỬ', 'bold', 46, 2, (centre, total) => (x, y) => [c + centre - total / 2 + x, c + 62 - y])
  const star: Point[] = []
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 48 : 19
    const theta = (i * Math.PI) / 5
    star.push([c + r * Math.sin(theta), c - 38 - r * Math.cos(theta)])
  }
  canvas.fill([...top, ...bottom, ...middle, star])
  return canvas.png(Math.round(300 / 0.0254))
}
