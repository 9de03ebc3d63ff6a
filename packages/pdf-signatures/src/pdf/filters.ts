import { inflateSync } from 'node:zlib'
import type { Budget } from './limits.ts'
import { PdfDict, PdfName, PdfSyntaxError, type PdfValue } from './objects.ts'

/**
 * Stream decoding for what the parser itself needs (cross-reference streams, object streams) and
 * for comparing revisions: FlateDecode with PNG/TIFF predictors and ASCIIHexDecode, chained.
 * Anything else is refused: a validator must not guess at bytes it cannot decode.
 */

const MAX_FILTERS = 4

export function decodeStream(dict: PdfDict, data: Uint8Array, budget: Budget, at: number): Uint8Array {
  const filter = dict.get('Filter')
  const parms = dict.get('DecodeParms')
  const filters = filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter : [filter]
  const params = Array.isArray(parms) ? parms : [parms]
  if (filters.length > MAX_FILTERS) throw new PdfSyntaxError('too many stream filters', at)
  let out = data
  for (const [i, f] of filters.entries()) {
    if (!(f instanceof PdfName)) throw new PdfSyntaxError('stream filter is not a name', at)
    const p = params[i]
    const parm = p instanceof PdfDict ? p : undefined
    if (f.name === 'FlateDecode' || f.name === 'Fl') out = unpredict(inflate(out, budget, at), parm, at)
    else if (f.name === 'ASCIIHexDecode' || f.name === 'AHx') out = asciiHex(out, at)
    else throw new PdfSyntaxError(`unsupported stream filter /${f.name}`, at)
  }
  return out
}

function inflate(data: Uint8Array, budget: Budget, at: number): Uint8Array {
  const allowance = budget.inflateAllowance()
  let out: Buffer
  try {
    // maxOutputLength stops a zip bomb inside zlib, before the memory is spent.
    out = inflateSync(data, { maxOutputLength: Math.max(1, allowance) })
  } catch {
    throw new PdfSyntaxError(allowance === 0 ? 'inflated stream budget exceeded' : 'FlateDecode data is corrupt or too large', at)
  }
  budget.chargeInflated(out.length, at)
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}

function asciiHex(data: Uint8Array, at: number): Uint8Array {
  const text = Buffer.from(data).toString('latin1')
  const end = text.indexOf('>')
  const hex = (end < 0 ? text : text.slice(0, end)).replace(/[\0\t\n\f\r ]/g, '')
  if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new PdfSyntaxError('invalid ASCIIHexDecode data', at)
  return new Uint8Array(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'))
}

function intParam(parm: PdfDict | undefined, key: string, dflt: number, max: number, at: number): number {
  const v: PdfValue | undefined = parm?.get(key)
  if (v === undefined) return dflt
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) throw new PdfSyntaxError(`invalid /${key} in /DecodeParms`, at)
  return v
}

/** Undoes a PNG (10–15) or TIFF (2) predictor. */
function unpredict(data: Uint8Array, parm: PdfDict | undefined, at: number): Uint8Array {
  const predictor = intParam(parm, 'Predictor', 1, 15, at)
  if (predictor === 1) return data
  const colors = intParam(parm, 'Colors', 1, 32, at)
  const bpc = intParam(parm, 'BitsPerComponent', 8, 16, at)
  const columns = intParam(parm, 'Columns', 1, 1 << 24, at)
  if (![1, 2, 4, 8, 16].includes(bpc) || colors < 1 || columns < 1) throw new PdfSyntaxError('invalid predictor parameters', at)
  const bpp = Math.max(1, (colors * bpc) >> 3)
  const rowLength = Math.ceil((colors * bpc * columns) / 8)
  if (data.length === 0) return data
  if (rowLength + 1 > data.length) throw new PdfSyntaxError('predictor row longer than the data', at)
  if (predictor === 2) {
    if (bpc !== 8) throw new PdfSyntaxError('TIFF predictor supported for 8 bits per component only', at)
    const out = Uint8Array.from(data)
    for (let row = 0; row + rowLength <= out.length; row += rowLength)
      for (let i = bpp; i < rowLength; i++) out[row + i] = (out[row + i]! + out[row + i - bpp]!) & 0xff
    return out
  }
  if (predictor < 10) throw new PdfSyntaxError(`unsupported predictor ${predictor}`, at)
  const rows = Math.floor(data.length / (rowLength + 1))
  const out = new Uint8Array(rows * rowLength)
  let prev = new Uint8Array(rowLength)
  for (let r = 0; r < rows; r++) {
    const src = r * (rowLength + 1)
    const type = data[src]!
    const row = out.subarray(r * rowLength, (r + 1) * rowLength)
    for (let i = 0; i < rowLength; i++) {
      const x = data[src + 1 + i]!
      const left = i >= bpp ? row[i - bpp]! : 0
      const up = prev[i]!
      const upLeft = i >= bpp ? prev[i - bpp]! : 0
      let v: number
      if (type === 0) v = x
      else if (type === 1) v = x + left
      else if (type === 2) v = x + up
      else if (type === 3) v = x + ((left + up) >> 1)
      else if (type === 4) v = x + paeth(left, up, upLeft)
      else throw new PdfSyntaxError(`invalid PNG predictor row type ${type}`, at)
      row[i] = v & 0xff
    }
    prev = row
  }
  return out
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}
