import { Alert } from 'antd'
import { Link } from 'react-router-dom'
import type { ProcedureDetail } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'

/**
 * Why a procedure cannot be submitted online and where to go instead: its implementing agencies'
 * one-stop counters, or the public postal service. Shown on the procedure page and on the
 * submission page (with a link back to the procedure's details).
 */
export function NotOnlineNotice({ procedure, withLink = true }: { procedure: ProcedureDetail; withLink?: boolean }) {
  const { t } = useI18n()
  const abolished = procedure.status === 'abolished'
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="not-online"
      style={{ marginBottom: 16 }}
      message={abolished ? t('proc.abolishedNotice') : t('portal.notOnline.title')}
      description={
        abolished ? undefined : (
          <>
            <p style={{ margin: '0 0 4px' }}>{t('portal.notOnline.text')}</p>
            {procedure.agencies.length > 0 ? (
              <ul style={{ margin: '0 0 4px', paddingLeft: 20 }}>
                {procedure.agencies.slice(0, 10).map((a) => (
                  <li key={a.code}>{a.name}</li>
                ))}
                {procedure.agencies.length > 10 && <li>{t('portal.notOnline.more', { n: procedure.agencies.length - 10 })}</li>}
              </ul>
            ) : (
              <p style={{ margin: '0 0 4px' }}>{procedure.levels.map((l) => t(`level.${l}`)).join(', ')}</p>
            )}
            <p style={{ margin: 0 }}>{t('portal.notOnline.bring')}</p>
            {withLink && (
              <p style={{ margin: '4px 0 0' }}>
                <Link to={`/thu-tuc/${encodeURIComponent(procedure.code)}`}>{t('portal.notOnline.details')}</Link>
              </p>
            )}
          </>
        )
      }
    />
  )
}
