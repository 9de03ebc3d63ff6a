import { useEffect, useState } from 'react'
import type { ProcessCheckResult, ProcessDefinitionInput } from '@congso/contracts'
import { api, ApiError } from '../../../api/client.ts'

export interface CheckTarget {
  procedureCode: string
  agencyId: string
}

export type CheckState = 'idle' | 'checking' | 'ready' | 'error'

/** How long typing must pause before the definition is sent to the check. */
const DEBOUNCE_MS = 400

/**
 * The server's check of the definition being edited (`POST /admin/processes/check`, writes
 * nothing), re-run ≈400 ms after the last change. While a new answer is awaited the previous one
 * stays available (`state` says whether it is current). Off when `definition` is null (the form
 * cannot be sent yet) or `enabled` is false (read-only screens show the version's own issues).
 */
export function useLiveCheck(target: CheckTarget | null, definition: ProcessDefinitionInput | null, enabled: boolean) {
  const key = enabled && target && definition ? JSON.stringify({ ...target, definition }) : null
  const [answer, setAnswer] = useState<{ key: string; result: ProcessCheckResult } | null>(null)
  const [failure, setFailure] = useState<{ key: string; error: ApiError } | null>(null)

  useEffect(() => {
    if (!key) return
    const ctrl = new AbortController()
    const timer = setTimeout(() => {
      api<ProcessCheckResult>('/admin/processes/check', { method: 'POST', body: JSON.parse(key) as unknown, signal: ctrl.signal })
        .then((result) => setAnswer({ key, result }))
        .catch((e: unknown) => {
          if (ctrl.signal.aborted) return
          setFailure({ key, error: e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e), String(e), [], null) })
        })
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      ctrl.abort()
    }
  }, [key])

  const state: CheckState = !key ? 'idle' : answer?.key === key ? 'ready' : failure?.key === key ? 'error' : 'checking'
  return { state, result: answer?.result ?? null, error: failure?.key === key ? failure.error : null, key }
}
