import { useEffect, useRef, useState } from 'react'
import type { ApiState } from '../api/hooks.ts'

/**
 * `loading`, `ready` or `error` for a `useApi` state, where `ready` means the data on screen was
 * fetched for `key` (the current query): right after the query changes, the previous answer is
 * still shown for a moment and is not `ready`. For `data-state` markers that tests wait on.
 */
export function useLoadState(key: string, state: Pick<ApiState<unknown>, 'data' | 'error' | 'loading'>): 'loading' | 'ready' | 'error' {
  const current = useRef(key)
  current.current = key
  const [loadedFor, setLoadedFor] = useState<string>()
  useEffect(() => {
    if (state.data !== undefined || state.error !== undefined) setLoadedFor(current.current)
  }, [state.data, state.error])
  if (state.loading || loadedFor !== key) return 'loading'
  return state.error ? 'error' : 'ready'
}
