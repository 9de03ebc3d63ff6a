import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import dayjs from 'dayjs'
import 'dayjs/locale/vi'
import 'dayjs/locale/en'
import { z } from 'zod'
import { vi, type MessageKey } from './vi.ts'
import { en } from './en.ts'

export type Lang = 'vi' | 'en'
export type { MessageKey }
export type Params = Record<string, string | number>
export type TFunction = (key: MessageKey, params?: Params) => string

const catalogs: Record<Lang, Record<MessageKey, string>> = { vi, en }
const STORAGE_KEY = 'congso.lang'

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'vi' || saved === 'en') return saved
  } catch {
    // storage unavailable (private mode): fall back to Vietnamese
  }
  return 'vi'
}

/** Current language, readable outside React (the API client uses it to pick the error message). */
let currentLang: Lang = initialLang()
export const getLang = (): Lang => currentLang

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = catalogs[lang][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name]
    return v === undefined ? m : String(v)
  })
}

function applyLang(lang: Lang): void {
  currentLang = lang
  document.documentElement.lang = lang
  dayjs.locale(lang)
  z.config(lang === 'vi' ? z.locales.vi() : z.locales.en())
}
applyLang(currentLang)

interface I18nValue {
  lang: Lang
  setLang: (lang: Lang) => void
  t: TFunction
}

const I18nContext = createContext<I18nValue | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang)

  // document.title is left to the pages (usePageTitle re-runs when the language changes): setting it
  // here would run after the pages' effects and overwrite their title on the first render.
  useEffect(() => {
    applyLang(lang)
  }, [lang])

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // ignore: the choice just won't persist
    }
    applyLang(next)
    setLangState(next)
  }, [])

  const t = useCallback<TFunction>((key, params) => translate(lang, key, params), [lang])
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18nValue {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}

export const useT = (): TFunction => useI18n().t
