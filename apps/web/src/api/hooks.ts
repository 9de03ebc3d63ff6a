import { useCallback, useEffect, useState } from 'react'
import { ApiError, get, type RequestOptions } from './client.ts'

export interface ApiState<T> {
  data: T | undefined
  error: ApiError | undefined
  loading: boolean
  reload: () => void
}

/** GETs `path` (skipped when null) and re-fetches when the path or query changes. */
export function useApi<T>(path: string | null, query?: RequestOptions['query']): ApiState<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<ApiError>()
  const [loading, setLoading] = useState(path !== null)
  const [tick, setTick] = useState(0)
  const queryKey = JSON.stringify(query ?? {})

  useEffect(() => {
    if (path === null) {
      setLoading(false)
      return
    }
    const ctrl = new AbortController()
    setLoading(true)
    setError(undefined)
    const q = JSON.parse(queryKey) as RequestOptions['query']
    get<T>(path, q, ctrl.signal)
      .then((d) => {
        setData(d)
        setLoading(false)
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return
        setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e), String(e), [], null))
        setData(undefined)
        setLoading(false)
      })
    return () => ctrl.abort()
  }, [path, queryKey, tick])

  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data, error, loading, reload }
}
