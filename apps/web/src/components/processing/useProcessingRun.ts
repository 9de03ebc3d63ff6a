import { useCallback, useState } from 'react'
import { App, type FormInstance } from 'antd'
import { ProcessingAction } from '@congso/contracts'
import { ApiError, post } from '../../api/client.ts'
import { useI18n } from '../../i18n/index.tsx'
import { setFieldErrors, validateWith } from '../../lib/forms.ts'
import type { ProcessingActionInput, ProcessingActionNameT, ProcessingViewT } from './types.ts'

/**
 * `busy` while posting; `reloading` after the server took it, until the page shows the dossier's
 * next version; then `done`. `invalid`, `error` and `conflict` end an attempt that did not go through.
 */
export type AttemptState = 'idle' | 'busy' | 'reloading' | 'done' | 'invalid' | 'error' | 'conflict'
export interface Attempt {
  n: number
  state: AttemptState
  /** The dossier version the action was sent with. */
  from: number
  /** What went wrong (shown in the dialog). */
  problem?: string
}

/** A form's values shaped as an action, checked against the contract before it is sent. */
export type RawActionInput = { action: ProcessingActionNameT } & Record<string, unknown>

/** Errors after which the page must be reloaded: someone else acted, or the dossier moved on. */
const RELOAD_CODES = new Set(['DOSSIER_VERSION_CONFLICT', 'DOSSIER_WRONG_STATE', 'PROCESSING_NOT_ALLOWED'])

/**
 * Posts one processing action `{ action, version, … }` to `POST /dossiers/:code/processing`, with the
 * dossier version the officer looked at. The body is checked with the contract first (field errors
 * land on `form`). A conflict shows the server's message, reloads and closes the dialog.
 */
export function useProcessingRun(code: string, version: number, onConflict: () => void) {
  const { message } = App.useApp()
  const { t } = useI18n()
  const [attempt, setAttempt] = useState<Attempt>({ n: 0, state: 'idle', from: version })

  const markInvalid = useCallback(() => setAttempt((a) => ({ n: a.n + 1, state: 'invalid', from: version })), [version])

  const run = useCallback(
    async <V>(input: ProcessingActionInput | RawActionInput, form: FormInstance<V>): Promise<ProcessingViewT | null> => {
      const n = attempt.n + 1
      const body = validateWith(ProcessingAction, { ...input, version }, form)
      if (!body) {
        setAttempt({ n, state: 'invalid', from: version })
        return null
      }
      setAttempt({ n, state: 'busy', from: version })
      try {
        const view = await post<ProcessingViewT>(`/dossiers/${encodeURIComponent(code)}/processing`, body)
        setAttempt({ n, state: 'reloading', from: version })
        return view
      } catch (e) {
        if (e instanceof ApiError && RELOAD_CODES.has(e.code)) {
          void message.warning(`${e.localized.replace(/[.\s]+$/, '')}. ${t('officer.conflictReload')}`, 6)
          setAttempt({ n, state: 'conflict', from: version, problem: e.localized })
          onConflict()
          return null
        }
        const problem = e instanceof ApiError ? e.localized : t('common.error')
        if (e instanceof ApiError && e.fields.length > 0) setFieldErrors(form, e.fields)
        setAttempt({ n, state: 'error', from: version, problem })
        return null
      }
    },
    [attempt.n, code, message, onConflict, t, version],
  )

  /** The page shows the dossier's next version: the attempt is over. */
  const settle = useCallback(() => setAttempt((a) => (a.state === 'reloading' ? { ...a, state: 'done' } : a)), [])

  return { attempt, run, markInvalid, settle }
}
