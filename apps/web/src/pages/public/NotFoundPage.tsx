import { Button, Result } from 'antd'
import { useNavigate } from 'react-router-dom'
import { useT } from '../../i18n/index.tsx'
import { usePageTitle } from '../../lib/usePageTitle.ts'

export function NotFoundPage({ title, text, back }: { title?: string; text?: string; back?: { to: string; label: string } }) {
  const t = useT()
  const navigate = useNavigate()
  const heading = title ?? t('common.notFoundTitle')
  usePageTitle(heading)
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{heading}</h1>}
      subTitle={text ?? t('common.notFoundText')}
      extra={
        <Button type="primary" onClick={() => navigate(back?.to ?? '/')}>
          {back?.label ?? t('common.backHome')}
        </Button>
      }
    />
  )
}
