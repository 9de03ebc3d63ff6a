import { useCallback, useState } from 'react'
import { App, type FormInstance } from 'antd'
import { ApiError, post } from '../../../api/client.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { useErrorHandler } from '../../../lib/forms.ts'
import type { DossierDetailT } from './types.ts'

export type DecisionPath = 'accept' | 'supplement-request' | 'refuse' | 'extend'

/**
 * Posts an officer's decision on the dossier. Every decision carries the version the officer looked
 * at; when someone else changed the dossier meanwhile (409 DOSSIER_VERSION_CONFLICT) the message is
 * shown and the page reloads instead. Resolves with the updated dossier, or null when it did not go through.
 */
export function useDecision(d: DossierDetailT, onConflict: () => void) {
  const { message } = App.useApp()
  const { t } = useI18n()
  const onError = useErrorHandler()
  const [busy, setBusy] = useState(false)
  const run = useCallback(
    async <V>(path: DecisionPath, body: Record<string, unknown>, form?: FormInstance<V>): Promise<DossierDetailT | null> => {
      setBusy(true)
      try {
        return await post<DossierDetailT>(`/dossiers/${encodeURIComponent(d.code)}/${path}`, { ...body, version: d.version })
      } catch (e) {
        if (e instanceof ApiError && (e.code === 'DOSSIER_VERSION_CONFLICT' || e.code === 'DOSSIER_WRONG_STATE')) {
          void message.warning(`${e.localized.replace(/[.\s]+$/, '')}. ${t('officer.conflictReload')}`, 6)
          onConflict()
        } else {
          onError(e, form)
        }
        return null
      } finally {
        setBusy(false)
      }
    },
    [d.code, d.version, message, onConflict, onError, t],
  )
  return { run, busy }
}
