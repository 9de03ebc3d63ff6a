import type { ProcessingActionName } from '@congso/contracts'
import type { StepDef } from '@congso/domain'
import type { Actor } from '../../http/request-context.ts'
import type { LoadedProcessing } from './processing.state.ts'
import { stepOf } from './projection.ts'

const has = (actor: Actor, ...roles: string[]) => roles.some((r) => actor.roles.includes(r as Actor['roles'][number]))
const LEADS = ['unit_head', 'agency_leader'] as const

export function currentStep(p: LoadedProcessing): StepDef | undefined {
  return stepOf(p.state, p.defs)
}

/** An officer of the agency now processing the dossier, holding the step's role (and its assignee, if any) — or its leads. */
export function holdsStep(actor: Actor, p: LoadedProcessing): boolean {
  const step = currentStep(p)
  if (!step || actor.kind !== 'officer' || actor.agencyId !== p.state.agencyId) return false
  if (has(actor, ...LEADS)) return true
  if (!has(actor, step.role)) return false
  return p.state.assignee.userId === null || p.state.assignee.userId === actor.userId
}

export const leadOfAgency = (actor: Actor, p: LoadedProcessing): boolean =>
  actor.kind === 'officer' && actor.agencyId === p.state.agencyId && has(actor, ...LEADS)

/**
 * Who may ask for each action (the workflow reducer then decides whether it can happen now).
 * `counter`: the actor is a receiving officer of the dossier's place of receipt.
 */
export function permitted(action: ProcessingActionName, actor: Actor, p: LoadedProcessing, counter: boolean): boolean {
  switch (action) {
    case 'start':
      return counter
    case 'assign':
    case 'reassign':
      return leadOfAgency(actor, p) || holdsStep(actor, p)
    case 'forward':
    case 'return':
    case 'consult':
    case 'transfer':
    case 'approve':
    case 'refuse':
    case 'attach_result':
    case 'generate_result':
      return holdsStep(actor, p)
    case 'answer_consult':
      return actor.kind === 'officer' && p.state.consultations.some((c) => c.answeredAt === null && c.targetAgencyId === actor.agencyId)
    case 'pause':
    case 'resume':
    case 'apologize':
      return leadOfAgency(actor, p)
    case 'return_result':
      return counter || (currentStep(p)?.kind === 'result' && holdsStep(actor, p))
    case 'postal_status':
      return counter || leadOfAgency(actor, p)
    default: {
      const unreachable: never = action
      return unreachable
    }
  }
}
