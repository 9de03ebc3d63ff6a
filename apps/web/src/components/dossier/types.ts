import type { z } from 'zod'
import type {
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

/** Types of the citizen dossier pages, inferred from the contracts (kept here so the shared api/types.ts stays untouched). */
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
