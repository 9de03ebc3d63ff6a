import { Space, Table, type TableColumnsType } from 'antd'
import { Link } from 'react-router-dom'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime, formatNumber } from '../../../lib/format.ts'
import { DeadlineFlagTag, DossierStatusTag } from '../../../components/dossier/DossierTags.tsx'
import type { DossierListT, DossierSummaryT } from './types.ts'

export const officerDossierPath = (code: string) => `/quan-tri/ho-so/${encodeURIComponent(code)}`

interface Props {
  data: DossierListT | undefined
  loading: boolean
  onPage: (page: number) => void
  /** The tracking book layout: a running number and the deadline flag in its own column. */
  book?: boolean
}

/** Dossiers as a paginated table (the reception inbox and the tracking book). */
export function DossierTable({ data, loading, onPage, book }: Props) {
  const { t, lang } = useI18n()
  const page = data?.page ?? 1
  const pageSize = data?.pageSize ?? 20
  const columns: TableColumnsType<DossierSummaryT> = [
    ...(book
      ? [
          {
            title: t('officer.col.no'),
            key: 'no',
            width: 64,
            align: 'right' as const,
            render: (_: unknown, __: DossierSummaryT, i: number) => formatNumber((page - 1) * pageSize + i + 1, lang),
          },
        ]
      : []),
    {
      title: t('dossier.code'),
      key: 'code',
      width: 240,
      render: (_, d) => (
        <Link to={officerDossierPath(d.code)} className="cs-mono" style={{ wordBreak: 'break-all' }}>
          {d.code}
        </Link>
      ),
    },
    {
      title: t('officer.col.procedure'),
      key: 'procedure',
      width: 320,
      render: (_, d) => (
        <div>
          <div>{d.procedureName}</div>
          <div className="cs-muted" style={{ fontSize: 13 }}>
            {d.procedureCode}
            {book ? ` · ${d.agencyName}` : ''}
          </div>
        </div>
      ),
    },
    { title: t('officer.col.applicant'), key: 'applicant', dataIndex: 'applicantName', width: 170 },
    { title: t('officer.col.channel'), key: 'channel', width: 110, render: (_, d) => t(`dossierChannel.${d.channel}`) },
    { title: t('officer.col.submittedAt'), key: 'submittedAt', width: 130, render: (_, d) => formatDateTime(d.submittedAt) },
    {
      title: t('officer.col.dueAt'),
      key: 'dueAt',
      width: 130,
      render: (_, d) => (d.dueAt ? formatDateTime(d.dueAt) : t('common.none')),
    },
    {
      title: book ? t('common.status') : t('officer.col.statusFlag'),
      key: 'status',
      width: book ? 150 : 170,
      render: (_, d) => (
        <Space size={[4, 4]} wrap>
          <DossierStatusTag status={d.status} />
          {!book && <DeadlineFlagTag flag={d.flag} />}
        </Space>
      ),
    },
    ...(book
      ? [
          {
            title: t('officer.col.flag'),
            key: 'flag',
            width: 110,
            render: (_: unknown, d: DossierSummaryT) => (d.flag ? <DeadlineFlagTag flag={d.flag} /> : t('common.none')),
          },
        ]
      : []),
  ]
  return (
    <Table<DossierSummaryT>
      rowKey="code"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      columns={columns}
      // an empty table does not scroll: a scrolling region without focusable content is unreachable by keyboard
      scroll={data?.items.length ? { x: book ? 1424 : 1270 } : undefined}
      locale={{ emptyText: t('officer.list.empty') }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: false,
        hideOnSinglePage: true,
        onChange: onPage,
        showTotal: (n) => t('common.total', { n: formatNumber(n, lang) }),
      }}
    />
  )
}
