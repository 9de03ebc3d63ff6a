import { getLang, translate } from '../i18n/index.tsx'

export interface FieldError {
  path: string
  message: string
}

/** An error response from the API (`{ error: { code, message, messageEn, fields? } }`) or a network failure. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly messageVi: string
  readonly messageEn: string
  readonly fields: FieldError[]
  /** The whole parsed body, for endpoints that add extra data (e.g. the import `report`). */
  readonly body: unknown

  constructor(status: number, code: string, messageVi: string, messageEn: string, fields: FieldError[], body: unknown) {
    super(messageEn)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.messageVi = messageVi
    this.messageEn = messageEn
    this.fields = fields
    this.body = body
  }

  /** The message in the current UI language. */
  get localized(): string {
    return getLang() === 'vi' ? this.messageVi : this.messageEn
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function toApiError(status: number, body: unknown): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : null
  if (err && typeof err.code === 'string') {
    const vi = typeof err.message === 'string' ? err.message : translate('vi', 'common.error')
    const en = typeof err.messageEn === 'string' ? err.messageEn : vi
    const fields: FieldError[] = Array.isArray(err.fields)
      ? err.fields.filter(isRecord).map((f) => ({
          path: typeof f.path === 'string' ? f.path : '',
          message: typeof f.message === 'string' ? f.message : '',
        }))
      : []
    return new ApiError(status, err.code, vi, en, fields, body)
  }
  return new ApiError(status, `HTTP_${status}`, translate('vi', 'common.error'), translate('en', 'common.error'), [], body)
}

let csrfToken: string | null = null
let csrfLoading: Promise<void> | null = null

export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Fetches the session's CSRF token from `GET /auth/me` (anonymous sessions may have none). */
function loadCsrf(): Promise<void> {
  csrfLoading ??= fetch('/api/v1/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) return
      const body: unknown = await res.json().catch(() => null)
      if (isRecord(body) && typeof body.csrfToken === 'string') csrfToken = body.csrfToken
    })
    .catch(() => undefined)
    .finally(() => {
      csrfLoading = null
    })
  return csrfLoading
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** JSON-serialised unless it is a Blob/File (sent raw with `contentType`). */
  body?: unknown
  contentType?: string
  /** Extra request headers (e.g. `x-file-name` of a raw upload). */
  headers?: Record<string, string>
  query?: Record<string, string | number | undefined | null>
  signal?: AbortSignal
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET'
  const headers: Record<string, string> = { ...opts.headers, Accept: 'application/json' }
  let body: BodyInit | undefined
  if (opts.body instanceof Blob) {
    body = opts.body
    headers['Content-Type'] = opts.contentType ?? (opts.body.type || 'application/octet-stream')
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['Content-Type'] = 'application/json'
  }
  if (method !== 'GET') {
    if (!csrfToken) await loadCsrf()
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin' }
  if (body !== undefined) init.body = body
  if (opts.signal) init.signal = opts.signal
  return fetch(withQuery(path, opts.query), init)
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const url = path.startsWith('/api/') ? path : `/api/v1${path}`
  let res: Response
  try {
    res = await send(url, opts)
    if (res.status === 403 && (opts.method ?? 'GET') !== 'GET') {
      // A stale token (e.g. after signing in elsewhere) — refresh it once and retry.
      const peek: unknown = await res
        .clone()
        .json()
        .catch(() => null)
      if (isRecord(peek) && isRecord(peek.error) && peek.error.code === 'CSRF_FAILED') {
        csrfToken = null
        await loadCsrf()
        res = await send(url, opts)
      }
    }
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'NETWORK', translate('vi', 'common.networkError'), translate('en', 'common.networkError'), [], null)
  }
  const text = await res.text()
  let parsed: unknown = null
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = text
    }
  }
  if (!res.ok) throw toApiError(res.status, parsed)
  return parsed as T
}

/** Public download address of a procedure's template file (mẫu đơn, tờ khai). */
export const templateFileUrl = (id: string) => `/api/v1/files/templates/${encodeURIComponent(id)}`

export const get = <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
  api<T>(path, { query, ...(signal ? { signal } : {}) })
export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body })
export const put = <T>(path: string, body?: unknown) => api<T>(path, { method: 'PUT', body })
export const patch = <T>(path: string, body?: unknown) => api<T>(path, { method: 'PATCH', body })
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' })

/** Uploads one dossier attachment (raw body; the server checks the type by content) → the stored file. */
export const uploadAttachment = <T>(file: File) =>
  api<T>('/api/v1/files', { method: 'POST', body: file, headers: { 'x-file-name': encodeURIComponent(file.name) } })

/** Submissions carry an idempotency key: a retried click or a lost response never creates a second dossier. */
export const postIdempotent = <T>(path: string, key: string, body: unknown) =>
  api<T>(path, { method: 'POST', body, headers: { 'Idempotency-Key': key } })
