import { Button, Space } from 'antd'
import { useI18n, type Lang } from '../i18n/index.tsx'

export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n()
  const option = (value: Lang, label: string) => (
    <Button size="small" lang={value} aria-pressed={lang === value} onClick={() => setLang(value)}>
      {label}
    </Button>
  )
  return (
    <div role="group" aria-label={t('lang.label')} className={className}>
      <Space.Compact>
        {option('vi', t('lang.vi'))}
        {option('en', t('lang.en'))}
      </Space.Compact>
    </div>
  )
}
