import { useEffect, useRef } from 'react'

/**
 * Calls `refresh` when the officer comes back to the tab or window (e.g. after printing a receipt
 * in another tab), at most once every few seconds. Navigating back to the page mounts it afresh anyway.
 */
export function useRefreshOnReturn(refresh: () => void, minIntervalMs = 5_000): void {
  const latest = useRef(refresh)
  latest.current = refresh
  useEffect(() => {
    let last = Date.now()
    const onReturn = () => {
      if (document.visibilityState !== 'visible' || Date.now() - last < minIntervalMs) return
      last = Date.now()
      latest.current()
    }
    window.addEventListener('focus', onReturn)
    document.addEventListener('visibilitychange', onReturn)
    return () => {
      window.removeEventListener('focus', onReturn)
      document.removeEventListener('visibilitychange', onReturn)
    }
  }, [minIntervalMs])
}
