import type {
  ProcessImportInput,
  ProcessListQuery,
  ProcedureContent,
  ProcessDefinitionInput,
  ProcessDraftInput,
  ProcessExport,
  ProcessIssue,
  ProcessList,
  ProcessVersionView,
} from '@congso/contracts'
import type { ProcessDefinition } from '@congso/domain'
import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import { can, type AgencySubject } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import { findVersion } from '../catalog/catalog.repo.ts'
import { implementingAgencies } from '../catalog/catalog.search.ts'
import {
  deleteProcessDraft,
  findAgencyForProcess,
  findProcessByStatus,
  findProcessVersion,
  insertProcessVersion,
  listProcessVersions,
  lockProcess,
  markProcessPublished,
  markProcessSuperseded,
  maxProcessVersion,
  publishedProcessRow,
  replaceProcessDraft,
  runnableProcessRow,
  unitIdsUnder,
  type ProcessVersionDetailRow,
  type ProcessVersionRow,
} from './workflow.repo.ts'
import { issueFields, legalTimeOf, processIssues, type ProcessChecks } from './workflow.rules.ts'

type Db = Kysely<DB> | Transaction<DB>
type Deps = Pick<AppContext, 'database'>
const SUBJECT = 'process_version'

type AgencyForProcess = NonNullable<Awaited<ReturnType<typeof findAgencyForProcess>>>
const subjectOf = (a: { id: string; ancestor_ids: string[] }): AgencySubject => ({ agencyId: a.id, ancestorIds: a.ancestor_ids })

function authorize(actor: Actor | null, kind: 'workflow.view' | 'workflow.edit', agency: AgencySubject): void {
  if (!can(actor, { kind, agency })) throw new AppError('FORBIDDEN')
}

/** What a process is checked against: the published procedure (legal time, e-form) and the agency's units. */
async function checksFor(db: Db, agencyId: string, procedure: ProcedureContent | null): Promise<ProcessChecks> {
  return {
    legalTime: procedure ? legalTimeOf(procedure.processingTime) : null,
    unitIds: await unitIdsUnder(db, agencyId),
    formFields: new Set((procedure?.eForm?.fields ?? []).map((f) => f.key)),
  }
}

async function publishedContent(db: Db, procedureCode: string): Promise<ProcedureContent | null> {
  const row = await findVersion(db, procedureCode, 'published')
  return row ? (row.content as ProcedureContent) : null
}

/**
 * The (procedure, agency) a process is written for, once the actor may edit it: the procedure
 * must be published (its legal time is the bound) and the agency must implement it.
 */
async function editTarget(db: Db, actor: Actor | null, procedureCode: string, agency: { id: string } | { code: string }) {
  const path = 'id' in agency ? 'body.agencyId' : 'body.agencyCode'
  const a = await findAgencyForProcess(db, agency)
  if (!a) throw new AppError('NOT_FOUND', 'id' in agency ? agency.id : agency.code, [{ path, message: 'Không tìm thấy cơ quan' }])
  authorize(actor, 'workflow.edit', subjectOf(a))
  const procedure = await publishedContent(db, procedureCode)
  if (!procedure) throw new AppError('CATALOG_NOT_PUBLISHED', procedureCode)
  if (!isImplementing(procedure, a)) {
    throw new AppError('PROCESS_AGENCY_NOT_IMPLEMENTING', `${a.name} — ${procedureCode}`, [
      { path, message: `${a.name} không thực hiện thủ tục ${procedureCode}` },
    ])
  }
  return { agency: a, procedure }
}

function isImplementing(procedure: ProcedureContent, a: AgencyForProcess): boolean {
  return a.active && implementingAgencies(procedure, [{ code: a.code, name: a.name, kind: a.kind, parent_kind: a.parent_kind }]).length > 0
}

function invalid(issues: ProcessIssue[]): AppError {
  return new AppError('PROCESS_INVALID', issues.map((i) => i.message).join('; '), issueFields(issues), { issues })
}

async function toView(db: Db, row: ProcessVersionDetailRow): Promise<ProcessVersionView> {
  const procedure = await publishedContent(db, row.procedure_code)
  const definition = row.definition as ProcessDefinitionInput
  return {
    id: row.id,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    agencyId: row.agency_id,
    agencyCode: row.agency_code,
    agencyName: row.agency_name,
    version: row.version,
    revision: row.revision,
    status: row.status,
    definition,
    issues: processIssues(definition, await checksFor(db, row.agency_id, procedure)),
    legalTime: procedure ? legalTimeOf(procedure.processingTime) : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  }
}

/** The version, once the actor may see it. */
async function visibleVersion(db: Db, actor: Actor | null, id: string, kind: 'workflow.view' | 'workflow.edit' = 'workflow.view') {
  const row = await findProcessVersion(db, id)
  if (!row) throw new AppError('PROCESS_NOT_FOUND', id)
  const agency = await findAgencyForProcess(db, { id: row.agency_id })
  if (!agency) throw new AppError('PROCESS_NOT_FOUND', id)
  authorize(actor, kind, subjectOf(agency))
  return row
}

// ------------------------------------------------------------------------------------------ reads

export async function listProcesses(db: Kysely<DB>, actor: Actor, q: z.infer<typeof ProcessListQuery>): Promise<ProcessList> {
  const sysAdmin = actor.roles.includes('system_admin')
  if (q.agencyId) {
    const agency = await findAgencyForProcess(db, { id: q.agencyId })
    if (!agency) throw new AppError('NOT_FOUND', q.agencyId)
    authorize(actor, 'workflow.view', subjectOf(agency))
  } else if (!sysAdmin) {
    // Without a filter an officer lists the processes of their own agency's subtree.
    if (!actor.agencyId) throw new AppError('FORBIDDEN')
    authorize(actor, 'workflow.view', { agencyId: actor.agencyId, ancestorIds: [] })
  }
  const { rows, total } = await listProcessVersions(
    db,
    { procedureCode: q.procedureCode, agencyId: q.agencyId, status: q.status, withinAgencyId: sysAdmin ? null : actor.agencyId },
    q.page,
    q.pageSize,
  )
  return {
    items: rows.map((r) => ({
      id: r.id,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      version: r.version,
      revision: r.revision,
      status: r.status,
      stepCount: Number(r.step_count),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      publishedAt: r.published_at?.toISOString() ?? null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}

export async function getProcess(db: Kysely<DB>, actor: Actor, id: string): Promise<ProcessVersionView> {
  return toView(db, await visibleVersion(db, actor, id))
}

/** The editor's live check: the issues of a definition for (procedure, agency), nothing written. */
export async function checkProcess(db: Kysely<DB>, actor: Actor, input: Omit<ProcessDraftInput, 'expectedRevision'>) {
  const { agency, procedure } = await editTarget(db, actor, input.procedureCode, { id: input.agencyId })
  return {
    issues: processIssues(input.definition, await checksFor(db, agency.id, procedure)),
    legalTime: legalTimeOf(procedure.processingTime),
  }
}

export async function exportProcess(db: Kysely<DB>, actor: Actor, id: string): Promise<ProcessExport & { fileName: string }> {
  const row = await visibleVersion(db, actor, id)
  return {
    procedureCode: row.procedure_code,
    agencyCode: row.agency_code,
    version: row.version,
    definition: row.definition as ProcessDefinitionInput,
    fileName: `quy-trinh-${row.procedure_code}-${row.agency_code ?? row.agency_id}-v${row.version}.json`,
  }
}

// ------------------------------------------------------------------------------------------ writes

interface DraftRequest {
  procedureCode: string
  agency: { id: string } | { code: string }
  definition: ProcessDefinitionInput
  expectedRevision?: number | undefined
  /** How it came: typed in the editor or imported from a file (the audit action). */
  source: 'editor' | 'import'
}

/**
 * Creates the draft of the (procedure, agency) process or replaces it. The definition must be
 * publishable now; when it is not, every issue is answered and nothing is written. Without
 * `expectedRevision` only a new draft is made (an existing one is someone's work in progress);
 * with it, the draft is replaced only if nobody changed it since.
 */
async function saveDraftTx(tx: Transaction<DB>, meta: RequestMeta, req: DraftRequest): Promise<ProcessVersionView> {
  const { agency, procedure } = await editTarget(tx, meta.actor, req.procedureCode, req.agency)
  const issues = processIssues(req.definition, await checksFor(tx, agency.id, procedure))
  if (issues.length > 0) throw invalid(issues)
  await lockProcess(tx, req.procedureCode, agency.id)
  const draft = await findProcessByStatus(tx, req.procedureCode, agency.id, 'draft')
  const by = meta.actor?.userId ?? null
  let saved: ProcessVersionRow | undefined
  if (draft) {
    if (req.expectedRevision === undefined) throw new AppError('PROCESS_DRAFT_EXISTS', `${req.procedureCode} v${draft.version}`)
    saved = await replaceProcessDraft(tx, draft.id, req.expectedRevision, req.definition, by)
    if (!saved) throw new AppError('PROCESS_VERSION_CONFLICT', `revision ${draft.revision}`)
  } else {
    if (req.expectedRevision !== undefined) throw new AppError('PROCESS_VERSION_CONFLICT', 'bản dự thảo không còn')
    saved = await insertProcessVersion(tx, {
      procedure_code: req.procedureCode,
      agency_id: agency.id,
      version: (await maxProcessVersion(tx, req.procedureCode, agency.id)) + 1,
      status: 'draft',
      definition: JSON.stringify(req.definition),
      created_by: by,
      updated_by: by,
      updated_at: new Date(),
      published_by: null,
      published_at: null,
    })
  }
  await writeAudit(tx, meta, {
    action: req.source === 'import' ? 'workflow.process.import' : 'workflow.process.draft.save',
    subjectType: SUBJECT,
    subjectId: saved.id,
    details: {
      procedureCode: req.procedureCode,
      agencyId: agency.id,
      version: saved.version,
      revision: saved.revision,
      created: !draft,
      definition: req.definition,
    },
  })
  return toView(tx, (await findProcessVersion(tx, saved.id))!)
}

export async function saveProcessDraft(ctx: Deps, meta: RequestMeta, input: ProcessDraftInput): Promise<ProcessVersionView> {
  return ctx.database.db.transaction().execute((tx) =>
    saveDraftTx(tx, meta, {
      procedureCode: input.procedureCode,
      agency: { id: input.agencyId },
      definition: input.definition,
      expectedRevision: input.expectedRevision,
      source: 'editor',
    }),
  )
}

/** An exported file (or one written by hand) becomes the draft, checked like one typed in the editor. */
export async function importProcess(ctx: Deps, meta: RequestMeta, input: z.infer<typeof ProcessImportInput>): Promise<ProcessVersionView> {
  const agency = input.agencyId ? { id: input.agencyId } : { code: input.agencyCode ?? '' }
  return ctx.database.db.transaction().execute((tx) =>
    saveDraftTx(tx, meta, {
      procedureCode: input.procedureCode,
      agency,
      definition: input.definition,
      expectedRevision: input.expectedRevision,
      source: 'import',
    }),
  )
}

/**
 * The draft becomes the version in force; the one in force until now is superseded (dossiers
 * already running on it keep it). Checked again first: the legal time or the units may have
 * changed since the draft was saved.
 */
export async function publishProcess(ctx: Deps, meta: RequestMeta, id: string, expectedRevision?: number): Promise<ProcessVersionView> {
  return ctx.database.db.transaction().execute(async (tx) => {
    const found = await visibleVersion(tx, meta.actor, id, 'workflow.edit')
    const { agency, procedure } = await editTarget(tx, meta.actor, found.procedure_code, { id: found.agency_id })
    await lockProcess(tx, found.procedure_code, agency.id)
    const row = (await findProcessVersion(tx, id))!
    if (row.status !== 'draft') throw new AppError('PROCESS_NO_DRAFT', `v${row.version}: ${row.status}`)
    if (expectedRevision !== undefined && expectedRevision !== row.revision)
      throw new AppError('PROCESS_VERSION_CONFLICT', `revision ${row.revision}`)
    const definition = row.definition as ProcessDefinition
    const issues = processIssues(definition, await checksFor(tx, agency.id, procedure))
    if (issues.length > 0) throw invalid(issues)
    const current = await findProcessByStatus(tx, row.procedure_code, agency.id, 'published')
    if (current) await markProcessSuperseded(tx, current.id)
    await markProcessPublished(tx, row.id, meta.actor?.userId ?? null)
    await writeAudit(tx, meta, {
      action: 'workflow.process.publish',
      subjectType: SUBJECT,
      subjectId: row.id,
      details: {
        procedureCode: row.procedure_code,
        agencyId: agency.id,
        version: row.version,
        revision: row.revision,
        superseded: current ? { id: current.id, version: current.version } : null,
      },
    })
    return toView(tx, (await findProcessVersion(tx, id))!)
  })
}

/** Throws the draft away; published and superseded versions stay forever (dossiers refer to them). */
export async function discardProcessDraft(ctx: Deps, meta: RequestMeta, id: string, expectedRevision?: number): Promise<void> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const found = await visibleVersion(tx, meta.actor, id, 'workflow.edit')
    await lockProcess(tx, found.procedure_code, found.agency_id)
    const row = (await findProcessVersion(tx, id))!
    if (row.status !== 'draft') throw new AppError('PROCESS_NO_DRAFT', `v${row.version}: ${row.status}`)
    if (expectedRevision !== undefined && expectedRevision !== row.revision)
      throw new AppError('PROCESS_VERSION_CONFLICT', `revision ${row.revision}`)
    await deleteProcessDraft(tx, id)
    await writeAudit(tx, meta, {
      action: 'workflow.process.draft.delete',
      subjectType: SUBJECT,
      subjectId: id,
      details: { procedureCode: row.procedure_code, agencyId: row.agency_id, version: row.version, definition: row.definition },
    })
  })
}

// ------------------------------------------------------------------------------------------ for the processing engine

/** The process in force for (procedure, agency): what a dossier pins when its processing starts. */
export async function publishedProcess(
  db: Db,
  procedureCode: string,
  agencyId: string,
): Promise<{ id: string; version: number; definition: ProcessDefinition } | null> {
  const row = await publishedProcessRow(db, procedureCode, agencyId)
  return row ? { id: row.id, version: row.version, definition: row.definition as ProcessDefinition } : null
}

const DEFINITION_CACHE_SIZE = 500
const definitionCache = new Map<string, ProcessDefinition>()

/**
 * The definition of a version a dossier runs on (published now or superseded since); null for an
 * unknown id or a draft. Such versions never change (the database refuses it), so they are kept
 * in a small per-process cache.
 */
export async function processDefinitionById(db: Db, id: string): Promise<ProcessDefinition | null> {
  const hit = definitionCache.get(id)
  if (hit) return hit
  const row = await runnableProcessRow(db, id)
  if (!row) return null
  const def = row.definition as ProcessDefinition
  if (definitionCache.size >= DEFINITION_CACHE_SIZE) definitionCache.delete(definitionCache.keys().next().value!)
  definitionCache.set(id, def)
  return def
}
