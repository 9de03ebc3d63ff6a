import type { z } from 'zod'
import type {
  AcceptDossier,
  Applicant,
  ApplicantMatch,
  CreateDossier,
  CreatedDossier,
  DeadlineFlag,
  DossierDetail,
  DossierList,
  DossierSummary,
  ExtendDossier,
  InboxCounts,
  InboxQuery,
  RefuseDossier,
  RequestSupplement,
  SupplementItem,
} from '@congso/contracts'

/** Types of the officer dossier pages, inferred from the contracts (kept here so the shared api/types.ts stays untouched). */
export type DossierSummaryT = z.infer<typeof DossierSummary>
export type DossierListT = z.infer<typeof DossierList>
export type DossierDetailT = z.infer<typeof DossierDetail>
export type DossierStatusT = DossierSummaryT['status']
export type ChannelT = DossierSummaryT['channel']
export type FlagT = z.infer<typeof DeadlineFlag>
export type ReturnChannelT = DossierDetailT['returnChannel']
export type InboxCountsT = z.infer<typeof InboxCounts>
export type InboxBox = z.infer<typeof InboxQuery>['box']
export type ApplicantMatchT = z.infer<typeof ApplicantMatch>
export type ApplicantInput = z.input<typeof Applicant>
export type CreateDossierBody = z.input<typeof CreateDossier>
export type CreatedDossierT = z.infer<typeof CreatedDossier>
export type SupplementItemT = z.infer<typeof SupplementItem>
export type AcceptBody = z.input<typeof AcceptDossier>
export type RequestSupplementBody = z.input<typeof RequestSupplement>
export type RefuseBody = z.input<typeof RefuseDossier>
export type ExtendBody = z.input<typeof ExtendDossier>
export type DossierActionT = DossierDetailT['allowedActions'][number]

export const DOSSIER_STATUSES: readonly DossierStatusT[] = ['submitted', 'supplement_requested', 'accepted', 'refused', 'withdrawn']
export const CHANNELS: readonly ChannelT[] = ['online', 'counter', 'post']
export const FLAGS: readonly FlagT[] = ['on_time', 'due_soon', 'overdue']
export const RETURN_CHANNELS: readonly ReturnChannelT[] = ['counter', 'post', 'online']
