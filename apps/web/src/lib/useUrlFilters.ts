import { useCallback } from 'react'
import { useSearchParams } from 'react-router-dom'

/**
 * Filters and page kept in the address (shareable, back-button friendly). `update` sets or clears
 * the given keys; any change other than the page itself goes back to the first page; `clear` drops them all.
 */
export function useUrlFilters<K extends string>(): [URLSearchParams, (patch: Partial<Record<K | 'page', string>>) => void, () => void] {
  const [params, setParams] = useSearchParams()
  const update = useCallback(
    (patch: Partial<Record<K | 'page', string>>) => {
      const next = new URLSearchParams(params)
      for (const [k, v] of Object.entries(patch) as [string, string | undefined][]) {
        if (v) next.set(k, v)
        else next.delete(k)
      }
      if (!('page' in patch)) next.delete('page')
      setParams(next)
    },
    [params, setParams],
  )
  const clear = useCallback(() => setParams(new URLSearchParams()), [setParams])
  return [params, update, clear]
}
