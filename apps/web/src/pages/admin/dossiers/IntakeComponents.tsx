import { Checkbox, Form, InputNumber } from 'antd'
import { useI18n } from '../../../i18n/index.tsx'
import { formatNumber } from '../../../lib/format.ts'
import { CsTag } from '../../../components/Tags.tsx'
import { templateFileUrl } from '../../../api/client.ts'
import { AttachmentUpload } from '../../../components/dossier/AttachmentUpload.tsx'
import type { FilesByComponent, ProcedureComponentT } from './intakeModel.ts'

interface Props {
  components: readonly ProcedureComponentT[]
  files: FilesByComponent
  onFiles: (index: number, next: FilesByComponent[number]) => void
  /** Components marked as missing after a submit attempt. */
  missing: readonly number[]
}

/**
 * One block per component of the procedure: scan or upload its files, tick that the original was
 * sighted, and count the paper copies handed in (a required component needs a scan or a paper copy).
 */
export function IntakeComponents({ components, files, onFiles, missing }: Props) {
  const { t, lang } = useI18n()
  return (
    <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {components.map((c, i) => {
        const isMissing = missing.includes(i)
        const headingId = `intake-comp-${i}`
        return (
          <li
            key={i}
            data-testid={`intake-component-${i}`}
            aria-labelledby={headingId}
            style={{
              border: `1px solid ${isMissing ? '#c0161f' : '#e5e7eb'}`,
              borderRadius: 8,
              padding: 12,
              marginBottom: 12,
              background: '#fff',
            }}
          >
            <div id={headingId} style={{ fontWeight: 600 }}>
              {i + 1}. {c.name}{' '}
              {c.required ? (
                <CsTag color="red">{t('officer.comp.required')}</CsTag>
              ) : (
                <CsTag color="grey">{t('officer.comp.optional')}</CsTag>
              )}
            </div>
            <div className="cs-muted" style={{ marginBottom: 8 }}>
              {t(`compForm.${c.form}`)} · {t('officer.comp.quantity', { n: formatNumber(c.quantity, lang) })}
              {c.templateFileId && (
                <>
                  {' · '}
                  <a href={templateFileUrl(c.templateFileId)} target="_blank" rel="noreferrer">
                    {t('officer.comp.template', { name: c.templateName ?? c.name })}
                  </a>
                </>
              )}
            </div>
            {c.note && <div style={{ marginBottom: 8 }}>{c.note}</div>}
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 32px', alignItems: 'flex-start' }}>
              <div style={{ minWidth: 260, flex: '1 1 320px' }}>
                <AttachmentUpload
                  label={c.name}
                  files={files[i] ?? []}
                  onChange={(next) => onFiles(i, next)}
                  testId={`component-${i}`}
                  linkFiles
                />
              </div>
              <div>
                <Form.Item name={['components', i, 'originalSighted']} valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>{t('officer.comp.sightedCheck')}</Checkbox>
                </Form.Item>
                <Form.Item
                  name={['components', i, 'paperCopies']}
                  label={t('officer.comp.paperCopiesReceived')}
                  style={{ marginBottom: 0 }}
                  labelCol={{ style: { paddingBottom: 2 } }}
                >
                  <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
                </Form.Item>
              </div>
            </div>
            {isMissing && (
              <div role="alert" style={{ color: '#c0161f', marginTop: 8 }}>
                {t('officer.intake.componentMissing')}
              </div>
            )}
          </li>
        )
      })}
    </ol>
  )
}
