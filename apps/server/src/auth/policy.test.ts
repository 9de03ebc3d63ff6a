import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Role } from '@congso/contracts'
import type { Actor } from '../http/request-context.ts'
import { ADMIN_ROLES, can, type Action, type AgencySubject } from './policy.ts'

/**
 * The policy swept over roles × jurisdictions × actions, against a plain statement of the rules.
 * Agencies: province P ⊃ department D ⊃ unit U; another province Q.
 */
const P: AgencySubject = { agencyId: 'P', ancestorIds: [] }
const D: AgencySubject = { agencyId: 'D', ancestorIds: ['P'] }
const U: AgencySubject = { agencyId: 'U', ancestorIds: ['P', 'D'] }
const Q: AgencySubject = { agencyId: 'Q', ancestorIds: [] }
const AGENCIES = [P, D, U, Q]

const OFFICER_ROLES: Role[] = [
  'system_admin',
  'agency_admin',
  'receiving_officer',
  'processing_officer',
  'unit_head',
  'agency_leader',
  'clerk',
]

const officer = (roles: Role[], agencyId: string | null): Actor => ({
  userId: 'u1',
  kind: 'officer',
  fullName: 'Cán bộ',
  roles,
  agencyId,
  agencyAncestorIds: AGENCIES.find((a) => a.agencyId === agencyId)?.ancestorIds ?? [],
})

const within = (home: string | null, s: AgencySubject) => home !== null && (s.agencyId === home || s.ancestorIds.includes(home))

function allActions(): Action[] {
  const actions: Action[] = [
    { kind: 'org.settings.update' },
    { kind: 'org.agency.list' },
    { kind: 'catalog.edit' },
    { kind: 'catalog.publish' },
    { kind: 'catalog.transfer' },
    { kind: 'audit.read' },
    { kind: 'org.agency.create', parent: null },
    { kind: 'calendar.edit' },
    { kind: 'outbox.read' },
    { kind: 'signature.trust.manage' },
    { kind: 'signature.sign' },
  ]
  for (const a of AGENCIES) {
    actions.push(
      { kind: 'dossier.intake', agency: a },
      { kind: 'dossier.book', agency: a },
      { kind: 'signature.seal', agencyId: a.agencyId },
      { kind: 'workflow.view', agency: a },
      { kind: 'workflow.edit', agency: a },
    )
    for (const b of [a, ...AGENCIES.filter((x) => x !== a).slice(0, 1)]) {
      const dossier = { agencies: b === a ? [a] : [a, b], applicantUserId: null }
      actions.push({ kind: 'dossier.view', dossier }, { kind: 'dossier.receive', dossier }, { kind: 'dossier.extend', dossier })
    }
    actions.push({ kind: 'org.agency.create', parent: a }, { kind: 'org.agency.update', agency: a }, { kind: 'org.staff.list', agency: a })
    for (const grants of [[], ['processing_officer'], ['agency_admin'], ['system_admin'], ['clerk', 'system_admin']] as Role[][]) {
      actions.push({ kind: 'org.staff.manage', agency: a, grantsRoles: grants })
    }
  }
  return actions
}

/** The rules, written out independently of the implementation. */
function expected(roles: Role[], home: string | null, action: Action): boolean {
  const has = (...r: Role[]) => r.some((x) => roles.includes(x))
  // Acting on a dossier needs the working role itself: administering the system is not receiving dossiers.
  const inDossier = (d: { agencies: AgencySubject[] }) => d.agencies.some((a) => within(home, a))
  if (action.kind === 'dossier.intake') return has('receiving_officer') && within(home, action.agency)
  if (action.kind === 'dossier.receive') return has('receiving_officer') && inDossier(action.dossier)
  if (action.kind === 'dossier.extend') return has('agency_leader', 'unit_head') && inDossier(action.dossier)
  // A seal is the agency's own: only its clerk or leader applies it, never a parent agency's staff.
  if (action.kind === 'signature.seal') return has('clerk', 'agency_leader') && home === action.agencyId
  if (action.kind === 'signature.sign') return roles.some((r) => r !== 'citizen')
  if (has('system_admin')) return true
  switch (action.kind) {
    case 'calendar.edit':
    case 'outbox.read':
    case 'signature.trust.manage':
      return false
    case 'dossier.view':
      return (
        has('receiving_officer', 'processing_officer', 'unit_head', 'agency_leader', 'agency_admin', 'clerk') && inDossier(action.dossier)
      )
    case 'dossier.book':
      return has('receiving_officer', 'unit_head', 'agency_leader', 'agency_admin') && within(home, action.agency)
    case 'org.settings.update':
    case 'catalog.edit':
    case 'catalog.publish':
    case 'catalog.transfer':
      return false
    case 'org.agency.list':
    case 'audit.read':
      return has('agency_admin')
    case 'org.agency.create':
      return action.parent !== null && has('agency_admin') && within(home, action.parent)
    case 'org.agency.update':
      return has('agency_admin') && within(home, action.agency)
    case 'org.staff.list':
      return has('agency_admin', 'agency_leader', 'unit_head') && within(home, action.agency)
    case 'org.staff.manage':
      return has('agency_admin') && within(home, action.agency) && !action.grantsRoles.includes('system_admin')
    // Internal processes: any of the agency's (or a parent agency's) staff reads them; only its admins edit them.
    case 'workflow.view':
      return (
        has('agency_admin', 'receiving_officer', 'processing_officer', 'unit_head', 'agency_leader', 'clerk') && within(home, action.agency)
      )
    case 'workflow.edit':
      return has('agency_admin') && within(home, action.agency)
  }
}

describe('can(actor, action)', () => {
  it('matches the rules for every single role × home agency × action', () => {
    let checked = 0
    for (const role of OFFICER_ROLES) {
      for (const home of [...AGENCIES.map((a) => a.agencyId), null]) {
        for (const action of allActions()) {
          expect(can(officer([role], home), action), `${role}@${home} ${JSON.stringify(action)}`).toBe(expected([role], home, action))
          checked++
        }
      }
    }
    expect(checked).toBe(OFFICER_ROLES.length * 5 * allActions().length)
  })

  it('matches the rules for any combination of roles', () => {
    const actionArb = fc.constantFrom(...allActions())
    const rolesArb = fc.subarray(OFFICER_ROLES, { minLength: 0 })
    const homeArb = fc.constantFrom('P', 'D', 'U', 'Q', null)
    fc.assert(
      fc.property(
        rolesArb,
        homeArb,
        actionArb,
        (roles, home, action) => can(officer(roles, home), action) === expected(roles, home, action),
      ),
      {
        numRuns: 2000,
      },
    )
  })

  it('never lets a citizen or an anonymous request do anything', () => {
    const citizen: Actor = {
      userId: 'c',
      kind: 'citizen',
      fullName: 'Công dân',
      roles: ['citizen', 'system_admin'],
      agencyId: 'P',
      agencyAncestorIds: [],
    }
    for (const action of allActions()) {
      expect(can(null, action)).toBe(false)
      expect(can(citizen, action)).toBe(false)
    }
  })

  it('sees staff only downwards: a department head cannot see the province above', () => {
    expect(can(officer(['agency_leader'], 'D'), { kind: 'org.staff.list', agency: U })).toBe(true)
    expect(can(officer(['agency_leader'], 'D'), { kind: 'org.staff.list', agency: P })).toBe(false)
    expect(can(officer(['unit_head'], 'U'), { kind: 'org.staff.list', agency: D })).toBe(false)
  })

  it('never lets an agency admin grant or manage system_admin', () => {
    expect(can(officer(['agency_admin'], 'P'), { kind: 'org.staff.manage', agency: D, grantsRoles: ['system_admin'] })).toBe(false)
    expect(can(officer(['agency_admin'], 'P'), { kind: 'org.staff.manage', agency: D, grantsRoles: ['agency_admin'] })).toBe(true)
  })

  it('lets the staff of an agency read its internal processes and only its admins (or a system admin) change them', () => {
    expect(can(officer(['processing_officer'], 'U'), { kind: 'workflow.view', agency: U })).toBe(true)
    expect(can(officer(['processing_officer'], 'U'), { kind: 'workflow.view', agency: D })).toBe(false)
    expect(can(officer(['clerk'], 'Q'), { kind: 'workflow.view', agency: D })).toBe(false)
    expect(can(officer(['processing_officer'], 'D'), { kind: 'workflow.edit', agency: D })).toBe(false)
    expect(can(officer(['agency_admin'], 'D'), { kind: 'workflow.edit', agency: U })).toBe(true)
    expect(can(officer(['agency_admin'], 'Q'), { kind: 'workflow.edit', agency: D })).toBe(false)
    expect(can(officer(['system_admin'], null), { kind: 'workflow.edit', agency: Q })).toBe(true)
    expect(can(officer([], 'D'), { kind: 'workflow.view', agency: D })).toBe(false)
  })

  it('counts both admin roles as needing a second factor', () => {
    expect([...ADMIN_ROLES].sort()).toEqual(['agency_admin', 'system_admin'])
  })
})

describe('dossier access of citizens', () => {
  const citizen = (userId: string): Actor => ({
    userId,
    kind: 'citizen',
    fullName: 'C',
    roles: ['citizen'],
    agencyId: null,
    agencyAncestorIds: [],
  })
  const dossier = { agencies: [P], applicantUserId: 'c1' }
  it('lets the applicant view their dossier and nobody else', () => {
    expect(can(citizen('c1'), { kind: 'dossier.view', dossier })).toBe(true)
    expect(can(citizen('c2'), { kind: 'dossier.view', dossier })).toBe(false)
    expect(can(citizen('c1'), { kind: 'dossier.receive', dossier })).toBe(false)
    expect(can(null, { kind: 'dossier.view', dossier })).toBe(false)
  })
})
