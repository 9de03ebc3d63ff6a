import type { ProcessVersionStatus } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { CsTag, type TagColor } from '../Tags.tsx'

const colour: Record<ProcessVersionStatus, TagColor> = { draft: 'orange', published: 'green', superseded: 'grey' }

/** Nháp / Đang áp dụng / Hết hiệu lực. */
export function ProcessStatusTag({ status }: { status: ProcessVersionStatus }) {
  const t = useT()
  return <CsTag color={colour[status]}>{t(`wf.status.${status}`)}</CsTag>
}
