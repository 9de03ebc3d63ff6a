import { inflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import type { PdfRef } from '../pdf/objects.ts'
import { SigningError } from './errors.ts'
import { dict, name, type ObjectSink } from './writer.ts'

/**
 * PNG signature and seal images for the appearance: read with bounded size (the header is checked
 * before anything is inflated), written as an RGB image XObject with the alpha channel as /SMask,
 * both Flate-compressed, so the seal stays transparent over the signer's signature.
 */

export const MAX_IMAGE_SIDE = 4096
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export interface PngInfo {
  width: number
  height: number
  interlaced: boolean
  /** From the pHYs chunk when it gives pixels per metre: what "actual size" means for a scanned seal. */
  pixelsPerMetre: { x: number; y: number } | null
}

const unreadable = (why: string): SigningError => new SigningError('image-unreadable', `the image is not a usable PNG: ${why}`)

/** The PNG header and physical size, without decoding pixels. */
export function readPngInfo(bytes: Uint8Array): PngInfo {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.length > MAX_IMAGE_BYTES) throw unreadable(`larger than ${MAX_IMAGE_BYTES} bytes`)
  if (b.length < 33 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) throw unreadable('no PNG signature')
  if (b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') throw unreadable('IHDR is not the first chunk')
  const width = b.readUInt32BE(16)
  const height = b.readUInt32BE(20)
  if (width === 0 || height === 0) throw unreadable('empty image')
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) throw unreadable(`larger than ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} pixels`)
  let pixelsPerMetre: PngInfo['pixelsPerMetre'] = null
  // Walk the chunks for pHYs; each step moves forward by at least 12 bytes, so the loop is bounded.
  for (let at = 8; at + 12 <= b.length;) {
    const length = b.readUInt32BE(at)
    const type = b.toString('latin1', at + 4, at + 8)
    if (type === 'pHYs' && length === 9 && at + 17 <= b.length && b[at + 16] === 1) {
      const x = b.readUInt32BE(at + 8)
      const y = b.readUInt32BE(at + 12)
      if (x > 0 && y > 0) pixelsPerMetre = { x, y }
    }
    if (type === 'IDAT' || type === 'IEND') break
    at += 12 + length
  }
  return { width, height, interlaced: b[28] === 1, pixelsPerMetre }
}

export interface DecodedImage {
  info: PngInfo
  /** 8-bit RGB, row by row. */
  rgb: Buffer
  /** 8-bit alpha, or null when the image is fully opaque. */
  alpha: Buffer | null
}

export function decodePng(bytes: Uint8Array): DecodedImage {
  const info = readPngInfo(bytes)
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (info.interlaced) boundInterlacedInflate(buffer, info)
  let png: PNG
  try {
    png = PNG.sync.read(buffer)
  } catch (e) {
    throw unreadable(e instanceof Error ? e.message : 'decoding failed')
  }
  if (png.width !== info.width || png.height !== info.height) throw unreadable('inconsistent size')
  const pixels = info.width * info.height
  if (png.data.length !== pixels * 4) throw unreadable('unexpected pixel data')
  const rgb = Buffer.alloc(pixels * 3)
  const alpha = Buffer.alloc(pixels)
  let opaque = true
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = png.data[i * 4]!
    rgb[i * 3 + 1] = png.data[i * 4 + 1]!
    rgb[i * 3 + 2] = png.data[i * 4 + 2]!
    const a = png.data[i * 4 + 3]!
    alpha[i] = a
    if (a !== 255) opaque = false
  }
  return { info, rgb, alpha: opaque ? null : alpha }
}

/**
 * pngjs inflates interlaced images without an output limit; inflate once here with one (Adam7
 * rows of 16-bit RGBA with filter bytes stay well under twice the non-interlaced size).
 */
function boundInterlacedInflate(png: Buffer, info: PngInfo): void {
  const idat: Buffer[] = []
  for (let at = 8; at + 12 <= png.length;) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    if (type === 'IDAT') idat.push(png.subarray(at + 8, Math.min(png.length, at + 8 + length)))
    if (type === 'IEND') break
    at += 12 + length
  }
  try {
    inflateSync(Buffer.concat(idat), { maxOutputLength: 2 * (info.width * 8 + 1) * info.height + 1024 })
  } catch (e) {
    throw unreadable(e instanceof Error ? e.message : 'inflate failed')
  }
}

/** Writes the image (and its soft mask) and returns the image XObject. */
export function embedImage(sink: ObjectSink, image: DecodedImage): PdfRef {
  const { width, height } = image.info
  let smask: PdfRef | undefined
  if (image.alpha) {
    smask = sink.alloc()
    sink.putStream(
      smask,
      dict({
        Type: name('XObject'),
        Subtype: name('Image'),
        Width: width,
        Height: height,
        ColorSpace: name('DeviceGray'),
        BitsPerComponent: 8,
      }),
      image.alpha,
    )
  }
  const ref = sink.alloc()
  sink.putStream(
    ref,
    dict({
      Type: name('XObject'),
      Subtype: name('Image'),
      Width: width,
      Height: height,
      ColorSpace: name('DeviceRGB'),
      BitsPerComponent: 8,
      SMask: smask,
    }),
    image.rgb,
  )
  return ref
}

const POINTS_PER_METRE = 72 / 0.0254

/** The image's physical size in points when its pHYs says so. */
export function physicalSizePt(info: PngInfo): { width: number; height: number } | null {
  if (!info.pixelsPerMetre) return null
  return {
    width: (info.width / info.pixelsPerMetre.x) * POINTS_PER_METRE,
    height: (info.height / info.pixelsPerMetre.y) * POINTS_PER_METRE,
  }
}
