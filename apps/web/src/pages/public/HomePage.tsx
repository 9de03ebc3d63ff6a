import { Alert, Card, Input, Skeleton, Typography } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { useI18n } from '../../i18n/index.tsx'
import { useApi } from '../../api/hooks.ts'
import type { FieldCountT, OrgSettingsT } from '../../api/types.ts'
import { formatNumber } from '../../lib/format.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'

export function HomePage() {
  const { t, lang } = useI18n()
  const navigate = useNavigate()
  const settings = useApi<OrgSettingsT>('/org/settings')
  const fields = useApi<FieldCountT[]>('/catalog/fields')
  usePageTitle(undefined)

  const search = (value: string) => {
    const q = value.trim()
    void navigate(q ? `/thu-tuc?q=${encodeURIComponent(q)}` : '/thu-tuc')
  }

  return (
    <>
      <section className="cs-hero" aria-labelledby="home-title">
        <h1 id="home-title">
          {t('home.title')}
          {settings.data && <span style={{ display: 'block', fontSize: '0.7em' }}>{settings.data.provinceName}</span>}
        </h1>
        <p style={{ fontSize: 16, marginBottom: 24 }}>{t('home.subtitle')}</p>
        <form
          role="search"
          onSubmit={(e) => {
            // Input.Search already handles Enter and the button; only stop the native submit.
            e.preventDefault()
          }}
        >
          <label htmlFor="home-search" style={{ display: 'block', fontWeight: 600, marginBottom: 8, fontSize: 16 }}>
            {t('home.searchLabel')}
          </label>
          <Input.Search
            id="home-search"
            name="q"
            size="large"
            placeholder={t('home.searchPlaceholder')}
            enterButton={t('search.button')}
            onSearch={search}
            autoComplete="off"
          />
        </form>
      </section>

      <section aria-labelledby="fields-title">
        <Typography.Title level={2} id="fields-title" style={{ fontSize: 22 }}>
          {t('home.fieldsTitle')}
        </Typography.Title>
        {fields.loading && <Skeleton active />}
        {fields.error && <Alert type="error" showIcon message={fields.error.localized} />}
        {fields.data && fields.data.length === 0 && <p>{t('home.noFields')}</p>}
        {fields.data && fields.data.length > 0 && (
          <ul
            style={{
              listStyle: 'none',
              padding: 0,
              margin: 0,
              display: 'grid',
              gap: 12,
              gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
            }}
          >
            {fields.data.map((f) => (
              <li key={f.field}>
                <Card size="small" style={{ height: '100%' }}>
                  <Link to={`/thu-tuc?field=${encodeURIComponent(f.field)}`} style={{ fontWeight: 600, fontSize: 15 }}>
                    {f.field}
                  </Link>
                  <div className="cs-muted">
                    {t(f.count === 1 ? 'home.fieldCountOne' : 'home.fieldCount', { n: formatNumber(f.count, lang) })}
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
        <p style={{ marginTop: 16 }}>
          <Link to="/thu-tuc">{t('home.allProcedures')}</Link>
        </p>
      </section>
    </>
  )
}
