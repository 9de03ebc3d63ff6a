import type { ReactNode } from 'react'
import { Alert, Button, Descriptions, Typography } from 'antd'
import { EditOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import type { ProcedureDetail } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { DATE_FORMAT, formatNumber } from '../../../lib/format.ts'
import { formatBytes } from '../../../components/dossier/common.tsx'
import {
  STEP_COMPONENTS,
  STEP_INFO,
  STEP_RETURN,
  type EFormFieldT,
  type FilesByComponent,
  type WizardValues,
} from '../../../components/dossier/submitModel.ts'

function fieldValue(f: EFormFieldT, v: unknown, yes: string, no: string, lang: 'vi' | 'en'): string {
  if (v === undefined || v === null || v === '') return ''
  if (f.type === 'checkbox') return v === true ? yes : no
  if (f.type === 'date') return dayjs.isDayjs(v) ? v.format(DATE_FORMAT) : typeof v === 'string' ? dayjs(v).format(DATE_FORMAT) : ''
  if (f.type === 'select') return f.options?.find((o) => o.value === v)?.label ?? (typeof v === 'string' ? v : '')
  if (f.type === 'number' && typeof v === 'number') return formatNumber(v, lang)
  return typeof v === 'string' || typeof v === 'number' ? String(v) : ''
}

function Part({ title, id, onEdit, children }: { title: string; id: string; onEdit: () => void; children: ReactNode }) {
  const { t } = useI18n()
  return (
    <div style={{ marginBottom: 20 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
        <Typography.Title level={3} id={id} style={{ fontSize: 17, margin: '0 0 8px' }}>
          {title}
        </Typography.Title>
        <Button type="link" icon={<EditOutlined aria-hidden />} onClick={onEdit} aria-label={t('portal.sub.editPart', { part: title })}>
          {t('common.edit')}
        </Button>
      </div>
      {children}
    </div>
  )
}

interface Props {
  procedure: ProcedureDetail
  values: WizardValues
  files: FilesByComponent
  goTo: (step: number) => void
}

/** Step (e): everything the citizen is about to submit, each part with a way back to change it. */
export function ReviewStep({ procedure, values, files, goTo }: Props) {
  const { t, lang } = useI18n()
  const c = procedure.content
  const agency = procedure.agencies.find((a) => a.code === values.agencyCode)
  const missing = c.components.flatMap((comp, i) => (comp.required && (files[i] ?? []).length === 0 ? [comp.name] : []))
  const labelStyle = { width: '35%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' }

  return (
    <div data-testid="review">
      <Part title={t('portal.sub.stepInfo')} id="review-info" onEdit={() => goTo(STEP_INFO)}>
        <Descriptions bordered column={1} size="small" styles={{ label: labelStyle }}>
          <Descriptions.Item label={t('portal.sub.procedure')}>{procedure.name}</Descriptions.Item>
          <Descriptions.Item label={t('portal.sub.agency')}>{agency?.name ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('portal.sub.contactPhone')}>{values.contact?.phone ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('portal.sub.contactEmail')}>{values.contact?.email || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('portal.sub.contactAddress')}>{values.contact?.address ?? t('common.none')}</Descriptions.Item>
          {c.eForm.fields.map((f) => (
            <Descriptions.Item key={f.key} label={f.label}>
              {fieldValue(f, values.formData?.[f.key], t('common.yes'), t('common.no'), lang) || t('common.none')}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Part>

      <Part title={t('portal.sub.stepComponents')} id="review-components" onEdit={() => goTo(STEP_COMPONENTS)}>
        {missing.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('portal.sub.missingTitle')}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {missing.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
        <ol style={{ margin: 0, paddingLeft: 20 }}>
          {c.components.map((comp, i) => {
            const list = files[i] ?? []
            return (
              <li key={i} style={{ marginBottom: 6 }}>
                <div>{comp.name}</div>
                <div className="cs-muted">
                  {list.length === 0
                    ? t('portal.sub.noFiles')
                    : list.map((f) => `${f.fileName} (${formatBytes(f.sizeBytes, lang)})`).join('; ')}
                </div>
              </li>
            )
          })}
        </ol>
      </Part>

      <Part title={t('portal.sub.stepReturn')} id="review-return" onEdit={() => goTo(STEP_RETURN)}>
        <Descriptions bordered column={1} size="small" styles={{ label: labelStyle }}>
          <Descriptions.Item label={t('portal.sub.returnChannel')}>
            {values.returnChannel ? t(`returnChannel.${values.returnChannel}`) : t('common.none')}
          </Descriptions.Item>
          {values.returnChannel === 'post' && (
            <Descriptions.Item label={t('portal.sub.returnAddress')}>{values.returnAddress ?? t('common.none')}</Descriptions.Item>
          )}
        </Descriptions>
      </Part>
    </div>
  )
}
