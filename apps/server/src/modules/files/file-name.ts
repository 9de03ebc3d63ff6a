/**
 * File names as users give them (Vietnamese included) and as downloads carry them back. The name is
 * only a label: the storage key is generated, so nothing here decides where a file is written.
 */

const MAX_NAME_LENGTH = 200

/**
 * The `x-file-name` header: URI-encoded UTF-8 (`encodeURIComponent(file.name)`). A client that sent
 * raw UTF-8 instead is read as such (Node hands header bytes over as latin1). Null when the header
 * is missing or cannot be decoded.
 */
export function decodeFileNameHeader(raw: string | string[] | undefined): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw
  if (value === undefined || value.trim() === '') return null
  // eslint-disable-next-line no-control-regex
  const text = /[^\x00-\x7f]/.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/**
 * A safe display name: the last path segment, NFC, control characters as spaces, without the
 * characters Windows refuses, whitespace collapsed, no leading/trailing dots or spaces, at most 200 characters
 * (the extension kept). Empty when nothing usable remains.
 */
export function sanitizeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? ''
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  const chars = Array.from(cleaned)
  if (chars.length <= MAX_NAME_LENGTH) return cleaned
  const dot = cleaned.lastIndexOf('.')
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : ''
  const stem = Array.from(ext ? cleaned.slice(0, dot) : cleaned)
  return (
    stem
      .slice(0, MAX_NAME_LENGTH - ext.length)
      .join('')
      .trimEnd() + ext
  )
}

/** The name with an extension of the detected type: a PDF uploaded as `mau.docx` downloads as `mau.docx.pdf`. */
export function withExtension(name: string, extensions: readonly string[]): string {
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  return extensions.includes(ext) ? name : `${name}.${extensions[0] ?? 'bin'}`
}

/** RFC 5987 value: percent-encoded UTF-8, including the characters encodeURIComponent leaves. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** An ASCII fallback for old clients: diacritics dropped (đ → d), anything else unsafe → `_`. */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_')
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<encoded>` (RFC 6266). */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`
}
