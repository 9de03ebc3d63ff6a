import { useEffect, useState, type ReactNode } from 'react'
import { Alert, Button, Empty, Input, Pagination, Skeleton, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { useI18n } from '../../i18n/index.tsx'
import { useApi } from '../../api/hooks.ts'
import type { FieldCountT, Paged, ProcedureSummaryT } from '../../api/types.ts'
import { formatNumber, processingTimeLabel } from '../../lib/format.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { OnlineTypeTag } from '../../components/Tags.tsx'
import { useUrlFilters } from '../../lib/useUrlFilters.ts'

const PAGE_SIZE = 20
const LEVELS = ['province', 'district', 'commune'] as const
const ONLINE = ['full', 'partial', 'none'] as const
type FilterKey = 'q' | 'field' | 'level' | 'onlineType'

function NativeSelect(props: { id: string; label: string; value: string; onChange: (v: string) => void; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} className="cs-select" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.children}
      </select>
    </div>
  )
}

export function SearchPage() {
  const { t, lang } = useI18n()
  const [params, update, clear] = useUrlFilters<FilterKey>()
  const q = params.get('q') ?? ''
  const field = params.get('field') ?? ''
  const level = params.get('level') ?? ''
  const onlineType = params.get('onlineType') ?? ''
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const [keyword, setKeyword] = useState(q)
  useEffect(() => setKeyword(q), [q])
  usePageTitle(t('search.title'))

  const fields = useApi<FieldCountT[]>('/catalog/fields')
  const result = useApi<Paged<ProcedureSummaryT>>('/procedures', { q, field, level, onlineType, page, pageSize: PAGE_SIZE })

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('search.title')}
      </Typography.Title>
      <section aria-label={t('search.filters')}>
        <form className="cs-filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div style={{ gridColumn: '1 / -1' }}>
            <label htmlFor="search-q">{t('search.keyword')}</label>
            <Input.Search
              id="search-q"
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
              onSearch={(v) => update({ q: v.trim() })}
              enterButton={t('search.button')}
              placeholder={t('home.searchPlaceholder')}
              autoComplete="off"
            />
          </div>
          <NativeSelect id="search-field" label={t('search.field')} value={field} onChange={(v) => update({ field: v })}>
            <option value="">{t('common.all')}</option>
            {field && !fields.data?.some((f) => f.field === field) && <option value={field}>{field}</option>}
            {fields.data?.map((f) => (
              <option key={f.field} value={f.field}>
                {f.field} ({formatNumber(f.count, lang)})
              </option>
            ))}
          </NativeSelect>
          <NativeSelect id="search-level" label={t('search.level')} value={level} onChange={(v) => update({ level: v })}>
            <option value="">{t('common.all')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect id="search-online" label={t('search.onlineType')} value={onlineType} onChange={(v) => update({ onlineType: v })}>
            <option value="">{t('common.all')}</option>
            {ONLINE.map((o) => (
              <option key={o} value={o}>
                {t(`online.${o}`)}
              </option>
            ))}
          </NativeSelect>
          <div>
            <Button htmlType="button" onClick={clear} block>
              {t('search.clear')}
            </Button>
          </div>
        </form>
      </section>

      <section aria-labelledby="results-count">
        <p id="results-count" role="status" style={{ fontWeight: 600 }}>
          {result.data
            ? t(result.data.total === 1 ? 'search.resultsOne' : 'search.results', { n: formatNumber(result.data.total, lang) })
            : ''}
        </p>
        {result.loading && !result.data && <Skeleton active />}
        {result.error && <Alert type="error" showIcon message={result.error.localized} />}
        {result.data && result.data.items.length === 0 && <Empty description={t('search.empty')} />}
        {result.data && result.data.items.length > 0 && (
          <ul className="cs-result-list">
            {result.data.items.map((p) => (
              <li key={p.code} className="cs-result">
                <h2>
                  <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                </h2>
                <dl className="cs-meta">
                  <div>
                    <dt>{t('proc.code')}:</dt>
                    <dd>{p.code}</dd>
                  </div>
                  <div>
                    <dt>{t('proc.field')}:</dt>
                    <dd>{p.field}</dd>
                  </div>
                  <div>
                    <dt>{t('proc.time')}:</dt>
                    <dd>{processingTimeLabel(t, lang, p.processingTime)}</dd>
                  </div>
                  <div>
                    <dt>{t('proc.online')}:</dt>
                    <dd>
                      <OnlineTypeTag type={p.onlineType} />
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
        {result.data && result.data.total > result.data.pageSize && (
          <nav aria-label={t('search.pagination')} style={{ marginTop: 16 }}>
            <Pagination
              current={result.data.page}
              pageSize={result.data.pageSize}
              total={result.data.total}
              showSizeChanger={false}
              onChange={(p) => {
                update({ page: String(p) })
                window.scrollTo({ top: 0 })
              }}
            />
          </nav>
        )}
      </section>
    </>
  )
}
