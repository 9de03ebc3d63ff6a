import { PdfSyntaxError } from './objects.ts'

/**
 * What one validation may spend on a hostile file: inflated stream bytes (zip bombs) and parsed
 * object bytes (many revisions re-reading huge dictionaries). Shared by every view of the file
 * opened during one validation; exceeding it is a PdfSyntaxError like any other anomaly.
 */
export interface Limits {
  /** Total bytes all stream decoding may produce. */
  maxInflatedBytes: number
  /** Total bytes of object syntax the parser may read (stream data that is only skipped is not counted). */
  maxParsedBytes: number
  /** Objects one cross-reference chain may declare. */
  maxObjects: number
  /** Revisions (cross-reference sections) followed through /Prev. */
  maxSections: number
}

export const DEFAULT_LIMITS: Limits = {
  maxInflatedBytes: 64 * 1024 * 1024,
  maxParsedBytes: 64 * 1024 * 1024,
  maxObjects: 1_000_000,
  maxSections: 1_000,
}

export class Budget {
  inflated = 0
  parsed = 0

  constructor(readonly limits: Limits = DEFAULT_LIMITS) {}

  /** Bytes the next decoding may still produce. */
  inflateAllowance(): number {
    return Math.max(0, this.limits.maxInflatedBytes - this.inflated)
  }

  chargeInflated(n: number, at: number): void {
    this.inflated += n
    if (this.inflated > this.limits.maxInflatedBytes) throw new PdfSyntaxError('inflated stream budget exceeded', at)
  }

  /** A parse that failed is charged as if it had read to the end of the file: failures must not be free to repeat. */
  chargeFailure(fileLength: number, from: number): void {
    this.parsed += Math.max(1, fileLength - from)
  }

  chargeParsed(n: number, at: number): void {
    this.parsed += n
    if (this.parsed > this.limits.maxParsedBytes) throw new PdfSyntaxError('object parsing budget exceeded', at)
  }
}
