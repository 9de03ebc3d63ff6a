import type { ChannelT, DossierStatusT, FlagT, ReturnChannelT } from '../../../components/dossier/types.ts'

/** The dossier types are shared with the portal (components/dossier/types.ts); these are the officer pages' option lists. */
export type * from '../../../components/dossier/types.ts'

export const DOSSIER_STATUSES: readonly DossierStatusT[] = [
  'submitted',
  'supplement_requested',
  'accepted',
  'processing',
  'paused',
  'result_ready',
  'completed',
  'refused',
  'withdrawn',
]
export const CHANNELS: readonly ChannelT[] = ['online', 'counter', 'post']
export const FLAGS: readonly FlagT[] = ['on_time', 'due_soon', 'overdue']
export const RETURN_CHANNELS: readonly ReturnChannelT[] = ['counter', 'post', 'online']
