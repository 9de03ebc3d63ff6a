import type { z } from 'zod'
import type { DeadlineFlag, DossierStatusSchema } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { CsTag, type TagColor } from '../Tags.tsx'

type Status = z.infer<typeof DossierStatusSchema>
type Flag = z.infer<typeof DeadlineFlag>

const statusColor: Record<Status, TagColor> = {
  submitted: 'blue',
  supplement_requested: 'orange',
  accepted: 'green',
  processing: 'blue',
  paused: 'orange',
  result_ready: 'green',
  completed: 'green',
  refused: 'red',
  withdrawn: 'grey',
}
const flagColor: Record<Flag, TagColor> = { on_time: 'green', due_soon: 'orange', overdue: 'red' }

export function DossierStatusTag({ status }: { status: Status }) {
  const t = useT()
  return <CsTag color={statusColor[status]}>{t(`dossierStatus.${status}`)}</CsTag>
}

export function DeadlineFlagTag({ flag }: { flag: Flag | null }) {
  const t = useT()
  if (!flag) return null
  return <CsTag color={flagColor[flag]}>{t(`deadlineFlag.${flag}`)}</CsTag>
}
