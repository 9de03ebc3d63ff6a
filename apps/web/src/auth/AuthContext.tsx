import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { get, post, setCsrfToken } from '../api/client.ts'
import type { Me } from '../api/types.ts'

interface AuthValue {
  me: Me | null
  loading: boolean
  /** Store the Me returned by a login step (also picks up its CSRF token). */
  setMe: (me: Me | null) => void
  refresh: () => Promise<Me | null>
  logout: () => Promise<void>
}

const AuthContext = createContext<AuthValue | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null)
  const [loading, setLoading] = useState(true)

  const setMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null)
    setMeState(next)
  }, [])

  const refresh = useCallback(async () => {
    try {
      const m = await get<Me>('/auth/me')
      setMe(m)
      return m
    } catch {
      setMe(null)
      return null
    } finally {
      setLoading(false)
    }
  }, [setMe])

  const logout = useCallback(async () => {
    try {
      await post('/auth/logout')
    } finally {
      setMe(null)
    }
  }, [setMe])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const value = useMemo(() => ({ me, loading, setMe, refresh, logout }), [me, loading, setMe, refresh, logout])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth outside AuthProvider')
  return ctx
}
