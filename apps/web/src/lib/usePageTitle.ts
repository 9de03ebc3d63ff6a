import { useEffect } from 'react'
import { useT } from '../i18n/index.tsx'

/** Sets `document.title` to "<page> — Cổng dịch vụ công". */
export function usePageTitle(title: string | undefined): void {
  const t = useT()
  useEffect(() => {
    const site = t('app.title')
    document.title = title && title !== site ? `${title} — ${site}` : site
  }, [title, t])
}
