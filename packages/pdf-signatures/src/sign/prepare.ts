import { createHash, X509Certificate } from 'node:crypto'
import type { Rect, SignatureAppearance } from './appearance.ts'
import { assertCanSign } from './certificate-check.ts'
import { inspectCadesSignature } from './cms.ts'
import { SigningError } from './errors.ts'
import { addSignaturePlaceholder } from './incremental.ts'

/**
 * Hash signing in two steps, for keys that never reach the server (a USB token on the officer's
 * machine, a remote signing service): the server prepares the PDF with a placeholder and hands out
 * only the SHA-256 of the signed byte ranges; the external signer returns a detached CAdES CMS over
 * that digest, which is checked and embedded without touching any other byte.
 */

export interface SignatureOptions {
  /** What the signature shows; default a personal signature with `name` and `title`. */
  appearance?: SignatureAppearance
  /** Written to /Name (default the appearance's name, else the certificate's CN). */
  name?: string
  /** Shown under the name in the default personal appearance. */
  title?: string
  reason?: string
  location?: string
  /** 0-based page index; default the first page. */
  page?: number
  /** [x1, y1, x2, y2] in PDF points, where the form template puts the signature; default per appearance. */
  rect?: Rect
  /** The claimed signing time written to /M and shown (PAdES B-B has no trusted time); default now. */
  signingTime?: Date
  /** Offset from UTC shown in the appearance and /M; default +420 (Vietnam). */
  timeZoneOffsetMinutes?: number
  /** Bytes reserved for the CMS; default 16 KiB (32 KiB with a time-stamp). */
  contentsSize?: number
}

export interface PrepareSignatureOptions extends SignatureOptions {
  /** The signer's chain (DER, signer first) when known: checked now, and the returned CMS must come from it. */
  certificateChain?: Uint8Array[]
}

/** Everything but `pdf` is plain JSON, so a signing session can be stored while the external signer works. */
export interface PreparedSignature {
  /** The PDF with the signature dictionary and a zero-filled /Contents placeholder. */
  pdf: Uint8Array
  byteRange: [number, number, number, number]
  /** Offset of the "<" of the /Contents hex string. */
  contentsOffset: number
  /** Bytes reserved for the DER CMS (the hex string is twice as long). */
  contentsSize: number
  digestAlgorithm: 'SHA-256'
  /** SHA-256 over the ByteRange, hex: the only thing that goes to the external signer. */
  digest: string
  /** The claimed signing time (ISO 8601) the certificate must be valid at. */
  signingTime: string
  /** SHA-256 of the signer certificate when it was known at preparation (hex). */
  signerCertificateSha256?: string
}

export const DEFAULT_CONTENTS_SIZE = 16_384

function commonName(der: Uint8Array): string | undefined {
  try {
    return /(?:^|\n)CN=([^\n]+)/.exec(new X509Certificate(der).subject)?.[1]
  } catch {
    return undefined
  }
}

function resolveAppearance(opts: PrepareSignatureOptions, cn: string | undefined): SignatureAppearance {
  if (opts.appearance) return opts.appearance
  const name = opts.name ?? cn
  if (!name) throw new SigningError('appearance-invalid', 'a personal signature needs the signer name (or an appearance)')
  return { kind: 'personal', name, title: opts.title }
}

function nameOf(appearance: SignatureAppearance, opts: PrepareSignatureOptions, cn: string | undefined): string | undefined {
  if (opts.name) return opts.name
  if (appearance.kind === 'personal') return appearance.name
  if (appearance.kind === 'agency') return appearance.agencyName
  return cn
}

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest()
}

/** Prepares the signature: the incremental update with its placeholder, the ByteRange filled in, and the digest to sign. */
export function preparePdfSignature(pdf: Uint8Array, opts: PrepareSignatureOptions = {}): PreparedSignature {
  const signingTime = opts.signingTime ?? new Date()
  if (Number.isNaN(signingTime.getTime())) throw new RangeError('signingTime is not a valid date')
  const offset = opts.timeZoneOffsetMinutes
  if (offset !== undefined && !(Number.isInteger(offset) && Math.abs(offset) <= 14 * 60))
    throw new RangeError('timeZoneOffsetMinutes must be within ±14 h')
  const signerDer = opts.certificateChain?.[0]
  if (signerDer) assertCanSign(signerDer, signingTime)
  const cn = signerDer ? commonName(signerDer) : undefined
  const appearance = resolveAppearance(opts, cn)
  const contentsSize = opts.contentsSize ?? DEFAULT_CONTENTS_SIZE
  const placeholder = addSignaturePlaceholder(pdf, {
    appearance,
    name: nameOf(appearance, opts, cn),
    reason: opts.reason,
    location: opts.location,
    signingTime,
    timeZoneOffsetMinutes: opts.timeZoneOffsetMinutes,
    page: opts.page ?? 0,
    rect: opts.rect,
    contentsSize,
  })
  const out = placeholder.pdf
  const byteRange: PreparedSignature['byteRange'] = [
    0,
    placeholder.contentsStart,
    placeholder.contentsEnd,
    out.length - placeholder.contentsEnd,
  ]
  const text = `[${byteRange.join(' ')}]`
  if (text.length > placeholder.byteRangeLength)
    throw new SigningError('pdf-unreadable', 'the document is too large for the ByteRange placeholder')
  out.set(Buffer.from(text.padEnd(placeholder.byteRangeLength, ' '), 'latin1'), placeholder.byteRangeStart)
  const digest = sha256(out.subarray(0, placeholder.contentsStart), out.subarray(placeholder.contentsEnd))
  return {
    pdf: out,
    byteRange,
    contentsOffset: placeholder.contentsStart,
    contentsSize,
    digestAlgorithm: 'SHA-256',
    digest: digest.toString('hex'),
    signingTime: signingTime.toISOString(),
    ...(signerDer ? { signerCertificateSha256: sha256(signerDer).toString('hex') } : {}),
  }
}

/** Checks a stored PreparedSignature before anything is written into it: a session must not be a way to sign other bytes. */
function checkPrepared(p: PreparedSignature): Date {
  const bad = (why: string): SigningError =>
    new SigningError('prepared-signature-invalid', `the prepared signature is inconsistent: ${why}`)
  if (!(p.pdf instanceof Uint8Array)) throw bad('no PDF bytes')
  if (!Array.isArray(p.byteRange) || p.byteRange.length !== 4) throw bad('ByteRange is not four numbers')
  const [a, b, c, d] = p.byteRange
  if (![a, b, c, d, p.contentsOffset, p.contentsSize].every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0))
    throw bad('ByteRange or offsets are not integers')
  if (a !== 0 || b !== p.contentsOffset || c !== b + 2 * p.contentsSize + 2 || c + d !== p.pdf.length)
    throw bad('ByteRange does not match the placeholder')
  if (p.pdf[b] !== 0x3c || p.pdf[c - 1] !== 0x3e) throw bad('no /Contents hex string at the offset')
  if (p.pdf.subarray(b + 1, c - 1).some((x) => x !== 0x30)) throw bad('the /Contents placeholder is not empty')
  if (p.digestAlgorithm !== 'SHA-256' || typeof p.digest !== 'string' || !/^[0-9a-f]{64}$/.test(p.digest))
    throw bad('digest is not SHA-256 hex')
  if (sha256(p.pdf.subarray(0, b), p.pdf.subarray(c)).toString('hex') !== p.digest) throw bad('the digest does not match the bytes')
  const at = new Date(p.signingTime)
  if (Number.isNaN(at.getTime())) throw bad('signingTime is not a date')
  return at
}

/**
 * Embeds a detached CAdES CMS into the prepared PDF. The CMS must be DER SignedData whose
 * message-digest is the prepared digest ('cms-digest-mismatch'), fit the reserved space
 * ('signature-too-large'), verify with its own certificate ('cms-signature-invalid'), come from
 * the announced certificate if there was one ('cms-signer-mismatch'), and that certificate must be
 * usable at the signing time. Returns a new array; the prepared one is not modified.
 */
export function embedSignature(prepared: PreparedSignature, cms: Uint8Array): Uint8Array {
  const signingTime = checkPrepared(prepared)
  if (!(cms instanceof Uint8Array)) throw new SigningError('cms-malformed', 'the CMS is not bytes')
  const summary = inspectCadesSignature(cms)
  if (Buffer.from(summary.messageDigest).toString('hex') !== prepared.digest)
    throw new SigningError('cms-digest-mismatch', 'the CMS signs another digest than the prepared document')
  if (cms.length > prepared.contentsSize)
    throw new SigningError(
      'signature-too-large',
      `the signature needs ${cms.length} bytes, more than the ${prepared.contentsSize} reserved`,
    )
  if (!summary.signatureValid)
    throw new SigningError('cms-signature-invalid', 'the CMS signature value does not verify with its certificate')
  if (prepared.signerCertificateSha256 && sha256(summary.signerCertificate).toString('hex') !== prepared.signerCertificateSha256)
    throw new SigningError('cms-signer-mismatch', 'the CMS was made with another certificate than the one announced')
  assertCanSign(summary.signerCertificate, signingTime)
  const out = Uint8Array.from(prepared.pdf)
  out.set(Buffer.from(Buffer.from(cms).toString('hex'), 'latin1'), prepared.contentsOffset + 1)
  return out
}

/**
 * A signer that lives outside this process and receives only the digest: the USB-token signing
 * app on the officer's machine, or a remote signing service. Strings, as on the wire.
 */
export interface ExternalSigner {
  /** The signer's chain, base64 DER, signer first. */
  certificateChain(): Promise<string[]>
  /** Signs the prepared digest (SHA-256, hex) and returns a detached CAdES CMS (base64 DER). */
  signDigest(digestHex: string): Promise<string>
}

/** Strict base64: Buffer.from would silently skip junk. */
export function decodeBase64(text: string, what: 'cms' | 'certificate'): Uint8Array {
  const clean = text.replace(/\s+/g, '')
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean))
    throw new SigningError(what === 'cms' ? 'cms-malformed' : 'certificate-unreadable', `the ${what} is not base64`)
  return new Uint8Array(Buffer.from(clean, 'base64'))
}

/** Prepare → the external signer signs the digest → embed, in one call (for signers that answer at once). */
export async function signPdfWithExternalSigner(
  pdf: Uint8Array,
  external: ExternalSigner,
  opts: SignatureOptions = {},
): Promise<Uint8Array> {
  const chain = (await external.certificateChain()).map((c) => decodeBase64(c, 'certificate'))
  const prepared = preparePdfSignature(pdf, { ...opts, certificateChain: chain })
  return embedSignature(prepared, decodeBase64(await external.signDigest(prepared.digest), 'cms'))
}
