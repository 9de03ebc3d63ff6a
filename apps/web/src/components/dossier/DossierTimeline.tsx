import { Timeline, Typography } from 'antd'
import type { z } from 'zod'
import type { DossierEvent, TrackingView } from '@congso/contracts'
import { useT, type MessageKey, type TFunction } from '../../i18n/index.tsx'
import { vi } from '../../i18n/vi.ts'
import { formatDateTime } from '../../lib/format.ts'

type Item = Pick<z.infer<typeof DossierEvent>, 'type' | 'at' | 'agencyName'> &
  Partial<Pick<z.infer<typeof DossierEvent>, 'actorName' | 'note' | 'documents' | 'seq'>>
export type TimelineItem = Item | TrackingView['timeline'][number]

/** A document kind's name ("Giấy tiếp nhận…"); a kind without a translation is a plain "Tài liệu". */
function documentLabel(t: TFunction, kind: string): string {
  const key = `dossierDoc.${kind}`
  return Object.hasOwn(vi, key) ? t(key as MessageKey) : t('dossierDoc.other')
}

/** The dossier's events, oldest first, with the forms each one issued. Used by the portal, tracking and officer pages. */
export function DossierTimeline({ events }: { events: readonly TimelineItem[] }) {
  const t = useT()
  return (
    <Timeline
      items={events.map((e, i) => {
        const full = e as Item
        return {
          key: full.seq ?? i,
          children: (
            <div>
              <Typography.Text strong>{t(`dossierEvent.${e.type}`)}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(e.at)}
                  {e.agencyName ? ` · ${e.agencyName}` : ''}
                  {full.actorName ? ` · ${full.actorName}` : ''}
                </Typography.Text>
              </div>
              {full.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{full.note}</div> : null}
              {full.documents?.map((d) => (
                <div key={d.url}>
                  <a href={d.url} target="_blank" rel="noreferrer">
                    {documentLabel(t, d.kind)} (PDF)
                  </a>
                </div>
              ))}
            </div>
          ),
        }
      })}
    />
  )
}
