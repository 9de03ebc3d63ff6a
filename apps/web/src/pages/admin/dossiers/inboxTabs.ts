import type { MessageKey } from '../../../i18n/index.tsx'
import type { InboxBox, InboxCountsT } from './types.ts'

/** The reception inbox's boxes: the count each reads from `/officer/inbox/counts`, its label and badge colour. */
export const INBOX_TABS: readonly { box: InboxBox; count: keyof InboxCountsT; label: MessageKey; color: string }[] = [
  { box: 'waiting_reception', count: 'waitingReception', label: 'officer.inbox.waiting_reception', color: '#0a52a3' },
  { box: 'supplements_returned', count: 'supplementsReturned', label: 'officer.inbox.supplements_returned', color: '#0a52a3' },
  { box: 'supplement_requested', count: 'supplementRequested', label: 'officer.inbox.supplement_requested', color: '#595959' },
  { box: 'due_soon', count: 'dueSoon', label: 'officer.inbox.due_soon', color: '#ad4e00' },
  { box: 'overdue', count: 'overdue', label: 'officer.inbox.overdue', color: '#c0161f' },
]
