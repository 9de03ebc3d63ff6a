import { errorCatalog, type ErrorCode, type ErrorResponse } from '@congso/contracts'

/** A failure the caller can act on. Services throw it; only the HTTP edge turns it into a response. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fields?: { path: string; message: string }[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ? `${code}: ${detail}` : code)
  }
  get status(): number {
    return errorCatalog[this.code].status
  }
}

export function errorBody(code: ErrorCode, detail?: string, fields?: { path: string; message: string }[]): ErrorResponse {
  const entry = errorCatalog[code]
  return {
    error: {
      code,
      message: detail ? `${entry.vi}: ${detail}` : entry.vi,
      messageEn: entry.en,
      ...(fields && fields.length > 0 ? { fields } : {}),
    },
  }
}
