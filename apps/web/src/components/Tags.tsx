import type { ReactNode } from 'react'
import { useT } from '../i18n/index.tsx'
import type { OnlineTypeT } from '../api/types.ts'

export type TagColor = 'green' | 'blue' | 'grey' | 'orange' | 'red'

/** A high-contrast tag (antd's preset tag colours fall below WCAG AA for text). */
export function CsTag({ color, children }: { color: TagColor; children: ReactNode }) {
  return <span className={`cs-tag cs-tag-${color}`}>{children}</span>
}

const onlineColor: Record<OnlineTypeT, TagColor> = { full: 'green', partial: 'blue', none: 'grey' }

export function OnlineTypeTag({ type, long }: { type: OnlineTypeT; long?: boolean }) {
  const t = useT()
  return <CsTag color={onlineColor[type]}>{t(long ? `onlineLong.${type}` : `online.${type}`)}</CsTag>
}

const statusColor: Record<string, TagColor> = {
  draft: 'orange',
  published: 'green',
  superseded: 'grey',
  abolished: 'red',
}

export function StatusTag({ status }: { status: 'draft' | 'published' | 'superseded' | 'abolished' }) {
  const t = useT()
  return <CsTag color={statusColor[status] ?? 'grey'}>{t(`status.${status}`)}</CsTag>
}
