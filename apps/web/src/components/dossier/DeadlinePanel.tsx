import { useState } from 'react'
import { Alert, Collapse, Descriptions, Spin, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { useApi } from '../../api/hooks.ts'
import { useI18n, type MessageKey } from '../../i18n/index.tsx'
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts'
import { DeadlineFlagTag } from './DossierTags.tsx'
import { formatHours, ScrollRegion } from './common.tsx'
import type { DeadlineExplanationT } from './types.ts'

type Step = DeadlineExplanationT['steps'][number]

/** Labels of the day kinds the deadline calculation reports; an unknown kind is shown as sent. */
const KIND_KEYS: Record<string, MessageKey> = {
  working: 'portal.deadline.kind.working',
  weekend: 'portal.deadline.kind.weekend',
  holiday: 'portal.deadline.kind.holiday',
  day_off: 'portal.deadline.kind.day_off',
  swapped_working_day: 'portal.deadline.kind.swapped_working_day',
  paused: 'portal.deadline.kind.paused',
}

function Explanation({ code }: { code: string }) {
  const { t, lang } = useI18n()
  const d = useApi<DeadlineExplanationT>(`/dossiers/${encodeURIComponent(code)}/deadline`)
  if (d.error) return <Alert type="error" showIcon message={d.error.localized} />
  if (d.loading || !d.data) return <Spin />
  const x = d.data
  const hours = (m: number) => t('portal.deadline.hours', { n: formatHours(m, lang) })
  const kindLabel = (k: string) => {
    const key = KIND_KEYS[k]
    return key ? t(key) : k
  }
  const unitKey = x.processingTime.unit === 'working_hour' || x.processingTime.unit === 'day' ? x.processingTime.unit : 'working_day'
  const labelStyle = { fontWeight: 600, color: 'rgba(0,0,0,0.88)', width: '40%' }

  return (
    <div data-testid="deadline-explanation">
      {!x.startsAt && <p>{t('portal.deadline.notStarted')}</p>}
      <Descriptions bordered size="small" column={1} styles={{ label: labelStyle }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('portal.deadline.processingTime')}>
          {formatNumber(x.processingTime.value, lang)} {t(`unit.${unitKey}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('portal.acceptedAt')}>{formatDateTime(x.acceptedAt) || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('portal.deadline.startsAt')}>{formatDateTime(x.startsAt) || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('portal.dueAt')}>
          {formatDateTime(x.dueAt) || t('common.none')} <DeadlineFlagTag flag={x.flag} />
        </Descriptions.Item>
        <Descriptions.Item label={t('portal.deadline.total')}>{hours(x.totalWorkingMinutes)}</Descriptions.Item>
        {x.pausedWorkingMinutes > 0 && (
          <Descriptions.Item label={t('portal.deadline.paused')}>{hours(x.pausedWorkingMinutes)}</Descriptions.Item>
        )}
        {x.extendedWorkingMinutes > 0 && (
          <Descriptions.Item label={t('portal.deadline.extended')}>{hours(x.extendedWorkingMinutes)}</Descriptions.Item>
        )}
      </Descriptions>

      {x.pauses.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('portal.deadline.pauses')}
          </Typography.Title>
          <ul>
            {x.pauses.map((p, i) => (
              <li key={i}>
                {formatDateTime(p.from)} – {p.to ? formatDateTime(p.to) : t('portal.deadline.ongoing')}: {p.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {x.extensions.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('portal.deadline.extensions')}
          </Typography.Title>
          <ul>
            {x.extensions.map((e, i) => (
              <li key={i}>
                {formatDateTime(e.at)}: +{hours(e.workingMinutes)} — {e.reason}
              </li>
            ))}
          </ul>
        </>
      )}

      {x.steps.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('portal.deadline.steps')}
          </Typography.Title>
          <ScrollRegion label={t('portal.deadline.steps')} minWidth={640}>
            <Table<Step>
              rowKey={(s, i) => `${s.date}-${i ?? 0}`}
              size="small"
              pagination={false}
              dataSource={x.steps}
              columns={[
                {
                  title: t('portal.deadline.date'),
                  key: 'date',
                  render: (_, s) => `${dayjs(s.date).format('dd')}, ${formatDate(s.date)}`,
                  width: 130,
                },
                {
                  title: t('portal.deadline.kind'),
                  key: 'kind',
                  render: (_, s) => (s.name ? `${kindLabel(s.kind)} — ${s.name}` : kindLabel(s.kind)),
                },
                {
                  title: t('portal.deadline.counted'),
                  key: 'counted',
                  align: 'right',
                  render: (_, s) => hours(s.minutesCounted),
                  width: 110,
                },
                {
                  title: t('portal.deadline.cumulative'),
                  key: 'cum',
                  align: 'right',
                  render: (_, s) => hours(s.cumulativeMinutes),
                  width: 110,
                },
                { title: t('proc.note'), key: 'note', render: (_, s) => s.note ?? '' },
              ]}
            />
          </ScrollRegion>
        </>
      )}

      {x.rules.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('portal.deadline.rules')}
          </Typography.Title>
          <ul style={{ paddingLeft: 20 }}>
            {x.rules.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

/** "Xem cách tính hạn": the day-by-day deadline calculation, fetched when first opened. */
export function DeadlinePanel({ code }: { code: string }) {
  const { t } = useI18n()
  const [opened, setOpened] = useState(false)
  return (
    <Collapse
      style={{ marginBottom: 16, background: '#fff' }}
      onChange={(keys) => {
        if ((Array.isArray(keys) ? keys : [keys]).length > 0) setOpened(true)
      }}
      items={[
        {
          key: 'deadline',
          label: t('portal.deadline.toggle'),
          children: opened ? <Explanation code={code} /> : null,
        },
      ]}
    />
  )
}
