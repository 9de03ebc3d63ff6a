import { Alert, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { templateFileUrl } from '../../../api/client.ts'
import type { StoredFileT } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatNumber } from '../../../lib/format.ts'
import { CsTag } from '../../../components/Tags.tsx'
import { AttachmentUpload } from '../../../components/dossier/AttachmentUpload.tsx'
import type { ComponentT, FilesByComponent } from '../../../components/dossier/submitModel.ts'

interface Props {
  components: readonly ComponentT[]
  files: FilesByComponent
  onFilesChange: (index: number, files: StoredFileT[]) => void
  /** Server messages per component index; -1 = about the list as a whole. */
  errors: Record<number, string[]>
  disabled?: boolean
}

/** Step (c): one row per dossier component with its template and an upload control. */
export function ComponentsStep({ components, files, onFilesChange, errors, disabled }: Props) {
  const { t, lang } = useI18n()
  const general = errors[-1] ?? []
  return (
    <div>
      <p className="cs-muted" style={{ marginTop: 0 }}>
        {t('portal.sub.componentsIntro')}
      </p>
      {general.length > 0 && <Alert type="error" showIcon role="alert" message={general.join(' ')} style={{ marginBottom: 12 }} />}
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {components.map((c, i) => {
          const list = files[i] ?? []
          const errs = errors[i] ?? []
          const missing = c.required && list.length === 0
          const headingId = `component-${i}-name`
          return (
            <li
              key={i}
              data-testid={`component-row-${i}`}
              style={{
                border: `1px solid ${errs.length > 0 ? '#c0161f' : '#e5e7eb'}`,
                borderRadius: 8,
                padding: 12,
                marginBottom: 12,
                background: '#fff',
              }}
            >
              <Typography.Title level={3} id={headingId} style={{ fontSize: 15, margin: '0 0 6px', lineHeight: 1.45 }}>
                {formatNumber(i + 1, lang)}. {c.name}
                {c.required && (
                  <span style={{ color: '#c0161f', marginLeft: 4 }} aria-hidden>
                    *
                  </span>
                )}
              </Typography.Title>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8, alignItems: 'center' }}>
                <CsTag color={c.required ? 'red' : 'grey'}>{c.required ? t('portal.sub.required') : t('portal.sub.optional')}</CsTag>
                <CsTag color="blue">{t(`compForm.${c.form}`)}</CsTag>
                <span>{t('portal.sub.quantity', { n: formatNumber(c.quantity, lang) })}</span>
                {c.templateFileId && (
                  <a href={templateFileUrl(c.templateFileId)} download data-testid="template-download">
                    <DownloadOutlined aria-hidden /> {t('portal.sub.template', { name: c.templateName ?? t('proc.templateDownload') })}
                  </a>
                )}
                {!c.templateFileId && c.templateName && (
                  <span className="cs-muted">{t('portal.sub.templateName', { name: c.templateName })}</span>
                )}
              </div>
              {c.note && <p style={{ margin: '0 0 8px' }}>{c.note}</p>}
              <AttachmentUpload
                label={c.name}
                testId={`component-${i}`}
                files={list}
                disabled={disabled}
                fromStore
                onChange={(next) => onFilesChange(i, next)}
              />
              {missing && errs.length === 0 && (
                <div className="cs-muted" style={{ marginTop: 6, fontSize: 13 }}>
                  {t('portal.sub.requiredMissing')}
                </div>
              )}
              {errs.length > 0 && (
                <div role="alert" style={{ color: '#c0161f', marginTop: 6 }} data-testid={`component-${i}-error`}>
                  {errs.join(' ')}
                </div>
              )}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
