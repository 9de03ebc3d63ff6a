import type { z } from 'zod'
import type {
  AcceptDossier,
  Applicant,
  ApplicantMatch,
  DeadlineFlag,
  ExtendDossier,
  InboxCounts,
  InboxQuery,
  RefuseDossier,
  RequestSupplement,
  SupplementItem,
  CreateDossier,
  CreatedDossier,
  DeadlineExplanation,
  DossierDetail,
  DossierList,
  DossierSummary,
  Draft,
  SaveDraft,
  SubmitSupplement,
  TrackingView,
  WithdrawDossier,
} from '@congso/contracts'

/** Types of the dossier pages (portal and officer area), inferred from the contracts. */
export type DraftT = z.infer<typeof Draft>
export type SaveDraftBody = z.input<typeof SaveDraft>
export type CreateDossierBody = z.input<typeof CreateDossier>
export type CreatedDossierT = z.infer<typeof CreatedDossier>
export type DossierSummaryT = z.infer<typeof DossierSummary>
export type DossierListT = z.infer<typeof DossierList>
export type DossierDetailT = z.infer<typeof DossierDetail>
export type DeadlineExplanationT = z.infer<typeof DeadlineExplanation>
export type TrackingViewT = z.infer<typeof TrackingView>
export type SubmitSupplementBody = z.input<typeof SubmitSupplement>
export type WithdrawBody = z.input<typeof WithdrawDossier>
export type DossierStatusT = DossierSummaryT['status']
export type ReturnChannelT = DossierDetailT['returnChannel']
export type ChannelT = DossierSummaryT['channel']
export type FlagT = z.infer<typeof DeadlineFlag>
export type InboxCountsT = z.infer<typeof InboxCounts>
export type InboxBox = z.infer<typeof InboxQuery>['box']
export type ApplicantMatchT = z.infer<typeof ApplicantMatch>
export type ApplicantInput = z.input<typeof Applicant>
export type SupplementItemT = z.infer<typeof SupplementItem>
export type AcceptBody = z.input<typeof AcceptDossier>
export type RequestSupplementBody = z.input<typeof RequestSupplement>
export type RefuseBody = z.input<typeof RefuseDossier>
export type ExtendBody = z.input<typeof ExtendDossier>
export type DossierActionT = DossierDetailT['allowedActions'][number]
