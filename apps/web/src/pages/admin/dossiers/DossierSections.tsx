import type { ReactNode } from 'react'
import { Descriptions, Grid, Table } from 'antd'
import dayjs from 'dayjs'
import { Link } from 'react-router-dom'
import { useI18n } from '../../../i18n/index.tsx'
import { DATE_FORMAT, formatDateTime, formatNumber } from '../../../lib/format.ts'
import { CsTag } from '../../../components/Tags.tsx'
import { DossierFileList } from '../../../components/dossier/DossierFileList.tsx'
import { ScrollRegion, Section } from '../../../components/dossier/common.tsx'
import type { DossierDetailT } from './types.ts'

type EField = DossierDetailT['eForm']['fields'][number]
type Component = DossierDetailT['components'][number]

/** An e-form value as text: dates dd/mm/yyyy, booleans Có/Không. */
export function formValue(f: EField, v: unknown, yes: string, no: string): string {
  if (v === undefined || v === null || v === '') return ''
  if (typeof v === 'boolean') return v ? yes : no
  if (f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return dayjs(v).format(DATE_FORMAT)
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  return JSON.stringify(v)
}

const processingUnit = (u: string) => (u === 'working_hour' || u === 'day' ? u : 'working_day')

function useDescriptionProps() {
  const screens = Grid.useBreakpoint()
  return {
    bordered: true,
    column: 1,
    size: 'small' as const,
    layout: screens.md === false ? ('vertical' as const) : ('horizontal' as const),
    styles: { label: { width: screens.md === false ? undefined : '32%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' } },
  }
}

export function ApplicantSection({ d }: { d: DossierDetailT }) {
  const { t } = useI18n()
  const props = useDescriptionProps()
  const a = d.applicant
  return (
    <Section id="officer-applicant" title={t('officer.view.applicant')}>
      <Descriptions {...props} data-testid="applicant">
        <Descriptions.Item label={t('officer.applicant.fullName')}>{a.fullName}</Descriptions.Item>
        <Descriptions.Item label={t('officer.applicant.idNumber')}>
          <span className="cs-mono">{a.idNumber}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('officer.applicant.phone')}>{a.phone}</Descriptions.Item>
        <Descriptions.Item label={t('officer.applicant.email')}>{a.email ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('officer.applicant.address')}>{a.address || t('common.none')}</Descriptions.Item>
      </Descriptions>
    </Section>
  )
}

export function InfoSection({ d, children }: { d: DossierDetailT; children?: ReactNode }) {
  const { t, lang } = useI18n()
  const props = useDescriptionProps()
  const item = (label: string, value: ReactNode) => <Descriptions.Item label={label}>{value}</Descriptions.Item>
  return (
    <Section id="officer-info" title={t('officer.view.info')}>
      <Descriptions {...props} style={{ marginBottom: 16 }}>
        {item(
          t('officer.col.procedure'),
          <>
            <Link to={`/thu-tuc/${encodeURIComponent(d.procedureCode)}`} target="_blank">
              {d.procedureName}
            </Link>
            <div className="cs-muted">
              {d.procedureCode} · {t('officer.view.procedureVersion', { n: d.procedureVersion })}
            </div>
          </>,
        )}
        {item(t('officer.view.agency'), d.agencyName)}
        {item(t('officer.col.channel'), t(`dossierChannel.${d.channel}`))}
        {d.channel === 'post' && item(t('officer.view.postalReceipt'), d.postalReceiptNumber ?? t('common.none'))}
        {item(t('officer.col.submittedAt'), formatDateTime(d.submittedAt))}
        {item(t('officer.view.acceptedAt'), formatDateTime(d.acceptedAt) || t('common.none'))}
        {item(
          t('officer.col.dueAt'),
          d.dueAt ? (
            <strong data-testid="due-at">{formatDateTime(d.dueAt)}</strong>
          ) : (
            <span className="cs-muted">{t('officer.view.noDueYet')}</span>
          ),
        )}
        {item(t('proc.time'), `${formatNumber(d.processingTime.value, lang)} ${t(`unit.${processingUnit(d.processingTime.unit)}`)}`)}
        {d.bookNumber !== null && item(t('officer.view.bookNumber'), formatNumber(d.bookNumber, lang))}
        {item(t('officer.view.sets'), formatNumber(d.sets, lang))}
        {item(
          t('officer.view.returnChannel'),
          <>
            {t(`returnChannel.${d.returnChannel}`)}
            {d.returnAddress && <div className="cs-muted">{d.returnAddress}</div>}
          </>,
        )}
      </Descriptions>
      {children}
    </Section>
  )
}

/**
 * The dossier's e-form fields carry no select options; their labels come from the procedure's published
 * version (a value without a known option is shown as stored).
 */
/** Select values shown by their labels in the dossier's own (pinned) procedure version. */
function optionLabels(d: DossierDetailT): (key: string, value: unknown) => string | undefined {
  return (key, value) => d.eForm.fields.find((f) => f.key === key)?.options?.find((o) => o.value === value)?.label
}

export function EFormSection({ d }: { d: DossierDetailT }) {
  const { t } = useI18n()
  const props = useDescriptionProps()
  const optionLabel = optionLabels(d)
  if (d.eForm.fields.length === 0) return null
  return (
    <Section id="officer-eform" title={t('officer.view.eForm')}>
      <Descriptions {...props}>
        {d.eForm.fields.map((f) => (
          <Descriptions.Item key={f.key} label={f.label}>
            {(f.type === 'select' ? optionLabel(f.key, d.formData[f.key]) : undefined) ??
              (formValue(f, d.formData[f.key], t('common.yes'), t('common.no')) || t('common.none'))}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Section>
  )
}

export function ComponentsSection({ d }: { d: DossierDetailT }) {
  const { t, lang } = useI18n()
  return (
    <Section id="officer-components" title={t('proc.components')}>
      <ScrollRegion label={t('proc.components')} minWidth={900}>
        <Table<Component>
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={d.components}
          data-testid="components-table"
          columns={[
            { title: t('officer.col.no'), key: 'no', width: 56, render: (_, c) => formatNumber(c.index + 1, lang) },
            { title: t('proc.compName'), key: 'name', dataIndex: 'name' },
            { title: t('proc.compForm'), key: 'form', width: 120, render: (_, c) => t(`compForm.${c.form}`) },
            {
              title: t('proc.compRequired'),
              key: 'required',
              width: 90,
              render: (_, c) => (c.required ? <CsTag color="red">{t('officer.comp.required')}</CsTag> : t('common.none')),
            },
            {
              title: t('officer.comp.sighted'),
              key: 'sighted',
              width: 110,
              render: (_, c) => (c.originalSighted ? <CsTag color="green">{t('common.yes')}</CsTag> : t('common.no')),
            },
            {
              title: t('officer.comp.paperCopies'),
              key: 'paper',
              width: 90,
              align: 'right',
              render: (_, c) => formatNumber(c.paperCopies, lang),
            },
            {
              title: t('officer.comp.files'),
              key: 'files',
              width: 250,
              render: (_, c) => <DossierFileList files={c.files} empty={t('officer.comp.noFiles')} />,
            },
          ]}
        />
      </ScrollRegion>
    </Section>
  )
}
