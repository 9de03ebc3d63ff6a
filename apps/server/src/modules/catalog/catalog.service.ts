import type { Kysely, Transaction } from 'kysely'
import { PublicationDecision, type ProcedureContent } from '@congso/contracts'
import type { AdminProcedureList, FieldCount, ImportReport, ProcedureAdminView, ProcedureDetail } from '@congso/contracts'
import { foldVietnamese } from '@congso/domain'
import type { z } from 'zod'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { RequestMeta } from '../../http/request-context.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import { missingTemplates } from '../files/files.service.ts'
import { locateJson, validateImportItems, type ImportRowError, type Locate } from './catalog.import.ts'
import {
  countAdminProcedures,
  deleteProcedure,
  deleteVersion,
  fieldCounts,
  findVersion,
  insertDraft,
  insertProcedure,
  listActiveAgencies,
  listAdminProcedures,
  listPublishedContents,
  listVersions,
  lockProcedure,
  markAbolished,
  markPublished,
  maxVersion,
  procedureExists,
  setStatus,
  updateDraft,
  type VersionRow,
} from './catalog.repo.ts'
import { implementingAgencies, toSummary } from './catalog.search.ts'

type Tx = Transaction<DB>
type AdminView = z.infer<typeof ProcedureAdminView>

/** A publication decision whose kind may be left to the catalog: new for a first publication, amended otherwise. */
export type PublicationDecisionInput = Omit<PublicationDecision, 'kind'> & { kind?: PublicationDecision['kind'] }

const SUBJECT = 'procedure'
const contentOf = (row: VersionRow) => row.content as ProcedureContent

// ---------------------------------------------------------------- reads

async function adminView(db: Kysely<DB> | Tx, code: string): Promise<AdminView> {
  const versions = await listVersions(db, code)
  if (versions.length === 0 && !(await procedureExists(db, code))) throw new AppError('NOT_FOUND', code)
  const draft = versions.find((v) => v.status === 'draft')
  const published = versions.find((v) => v.status === 'published')
  return {
    code,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      name: v.name,
      publication: (v.publication as PublicationDecision | null) ?? null,
      createdAt: v.created_at.toISOString(),
      createdBy: v.created_by,
      publishedAt: v.published_at?.toISOString() ?? null,
    })),
    draft: draft ? contentOf(draft) : null,
    published: published ? contentOf(published) : null,
  }
}

export const getAdminView = (db: Kysely<DB>, code: string) => adminView(db, code)

export async function listAdmin(
  db: Kysely<DB>,
  q: string | undefined,
  page: number,
  pageSize: number,
): Promise<z.infer<typeof AdminProcedureList>> {
  const folded = q ? foldVietnamese(q) || null : null
  const [rows, total] = [await listAdminProcedures(db, folded, page, pageSize), await countAdminProcedures(db, folded)]
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      field: r.field,
      publishedVersion: r.published_version,
      draftVersion: r.draft_version,
      status: r.published_version !== null ? 'published' : r.abolished ? 'abolished' : 'draft',
    })),
    total,
    page,
    pageSize,
  }
}

/** The published version as citizens see it, with the agencies that implement it. */
export async function getPublicDetail(db: Kysely<DB>, code: string): Promise<ProcedureDetail> {
  const row = await findVersion(db, code, 'published')
  if (!row) throw new AppError('NOT_FOUND', code)
  const content = contentOf(row)
  return {
    ...toSummary(content, row.version),
    content,
    status: row.status,
    publication: (row.publication as PublicationDecision | null) ?? null,
    publishedAt: row.published_at?.toISOString() ?? null,
    agencies: implementingAgencies(content, await listActiveAgencies(db)),
  }
}

export const listFieldCounts = (db: Kysely<DB>): Promise<z.infer<typeof FieldCount>[]> => fieldCounts(db)

/** Current published contents, ordered by code: what the export files carry. */
export async function exportPublished(db: Kysely<DB>): Promise<ProcedureContent[]> {
  return (await listPublishedContents(db)) as ProcedureContent[]
}

// ---------------------------------------------------------------- changes (each in one transaction, with its audit row)

interface MissingTemplate {
  item: number
  component: number
  name: string
  id: string
}

/** Components (of each content, by index) whose `templateFileId` names no stored template. */
async function findMissingTemplates(tx: Tx, contents: readonly ProcedureContent[]): Promise<MissingTemplate[]> {
  const refs = contents.flatMap((c, item) =>
    c.components.flatMap((comp, component) => (comp.templateFileId ? [{ item, component, name: comp.name, id: comp.templateFileId }] : [])),
  )
  if (refs.length === 0) return []
  const missing = await missingTemplates(
    tx,
    refs.map((r) => r.id),
  )
  return refs.filter((r) => missing.has(r.id))
}

const missingMessage = (m: MissingTemplate) => `Không tìm thấy tệp mẫu của thành phần "${m.name}" (${m.id})`

/** A draft (created or saved) may only point at stored templates: 400 naming the components otherwise. */
async function assertTemplatesExist(tx: Tx, content: ProcedureContent): Promise<void> {
  const missing = await findMissingTemplates(tx, [content])
  if (missing.length === 0) return
  throw new AppError(
    'CATALOG_TEMPLATE_NOT_FOUND',
    missing.map((m) => `thành phần ${m.component + 1} "${m.name}"`).join(', '),
    missing.map((m) => ({ path: `body.components.${m.component}.templateFileId`, message: missingMessage(m) })),
  )
}

/** Creates the draft, or replaces the content of the existing one. */
async function saveDraftTx(tx: Tx, meta: RequestMeta, content: ProcedureContent): Promise<{ version: number; created: boolean }> {
  const draft = await findVersion(tx, content.code, 'draft')
  if (draft) {
    await updateDraft(tx, draft.id, content)
    return { version: draft.version, created: false }
  }
  const row = await insertDraft(tx, content, (await maxVersion(tx, content.code)) + 1, meta.actor?.userId ?? null)
  return { version: row.version, created: true }
}

/**
 * The draft becomes the published version; the version published until now is superseded. A first
 * publication is decided as `new`; a later one as `amended` or `replaced`.
 */
async function publishTx(tx: Tx, meta: RequestMeta, code: string, decision: PublicationDecision): Promise<number> {
  const draft = await findVersion(tx, code, 'draft')
  if (!draft) throw new AppError('CATALOG_NO_DRAFT', code)
  const current = await findVersion(tx, code, 'published')
  const allowed: PublicationDecision['kind'][] = current ? ['amended', 'replaced'] : ['new']
  if (!allowed.includes(decision.kind)) {
    throw new AppError('CATALOG_PUBLICATION_KIND', `cần ${allowed.join(' hoặc ')}`, [
      { path: 'body.kind', message: `Cần ${allowed.join(' hoặc ')}` },
    ])
  }
  if (current) await setStatus(tx, current.id, 'published', 'superseded')
  await markPublished(tx, draft.id, decision, meta.actor?.userId ?? null)
  await writeAudit(tx, meta, {
    action: 'catalog.procedure.publish',
    subjectType: SUBJECT,
    subjectId: code,
    details: { version: draft.version, superseded: current?.version ?? null, decision },
  })
  return draft.version
}

export async function createProcedure(db: Kysely<DB>, meta: RequestMeta, content: ProcedureContent): Promise<AdminView> {
  return db.transaction().execute(async (tx) => {
    if (await procedureExists(tx, content.code)) throw new AppError('CATALOG_CODE_TAKEN', content.code)
    await assertTemplatesExist(tx, content)
    await insertProcedure(tx, content.code)
    await insertDraft(tx, content, 1, meta.actor?.userId ?? null)
    await writeAudit(tx, meta, {
      action: 'catalog.procedure.create',
      subjectType: SUBJECT,
      subjectId: content.code,
      details: { version: 1, content },
    })
    return adminView(tx, content.code)
  })
}

export async function saveDraft(db: Kysely<DB>, meta: RequestMeta, code: string, content: ProcedureContent): Promise<AdminView> {
  if (content.code !== code)
    throw new AppError('CATALOG_CODE_MISMATCH', `${content.code} ≠ ${code}`, [
      { path: 'body.code', message: 'Phải trùng mã trên đường dẫn' },
    ])
  return db.transaction().execute(async (tx) => {
    if (!(await lockProcedure(tx, code))) throw new AppError('NOT_FOUND', code)
    await assertTemplatesExist(tx, content)
    const { version, created } = await saveDraftTx(tx, meta, content)
    await writeAudit(tx, meta, {
      action: 'catalog.procedure.draft.save',
      subjectType: SUBJECT,
      subjectId: code,
      details: { version, created, content },
    })
    return adminView(tx, code)
  })
}

/** Discards the draft. A procedure that was never published disappears with its only draft. */
export async function deleteDraft(db: Kysely<DB>, meta: RequestMeta, code: string): Promise<AdminView | null> {
  return db.transaction().execute(async (tx) => {
    if (!(await lockProcedure(tx, code))) throw new AppError('NOT_FOUND', code)
    const draft = await findVersion(tx, code, 'draft')
    if (!draft) throw new AppError('CATALOG_NO_DRAFT', code)
    await deleteVersion(tx, draft.id)
    const remaining = await listVersions(tx, code)
    if (remaining.length === 0) await deleteProcedure(tx, code)
    await writeAudit(tx, meta, {
      action: 'catalog.procedure.draft.delete',
      subjectType: SUBJECT,
      subjectId: code,
      details: { version: draft.version, content: draft.content, procedureRemoved: remaining.length === 0 },
    })
    return remaining.length === 0 ? null : adminView(tx, code)
  })
}

export async function publishProcedure(db: Kysely<DB>, meta: RequestMeta, code: string, decision: PublicationDecision): Promise<AdminView> {
  return db.transaction().execute(async (tx) => {
    if (!(await lockProcedure(tx, code))) throw new AppError('NOT_FOUND', code)
    await publishTx(tx, meta, code, decision)
    return adminView(tx, code)
  })
}

/** The published version is abolished by a decision of kind `abolished`; a pending draft stays. */
export async function abolishProcedure(db: Kysely<DB>, meta: RequestMeta, code: string, decision: PublicationDecision): Promise<AdminView> {
  if (decision.kind !== 'abolished') {
    throw new AppError('CATALOG_PUBLICATION_KIND', 'cần abolished', [{ path: 'body.kind', message: 'Cần abolished' }])
  }
  return db.transaction().execute(async (tx) => {
    if (!(await lockProcedure(tx, code))) throw new AppError('NOT_FOUND', code)
    const current = await findVersion(tx, code, 'published')
    if (!current) throw new AppError('CATALOG_NOT_PUBLISHED', code)
    await markAbolished(tx, current.id, decision, meta.actor?.userId ?? null)
    await writeAudit(tx, meta, {
      action: 'catalog.procedure.abolish',
      subjectType: SUBJECT,
      subjectId: code,
      details: { version: current.version, decision },
    })
    return adminView(tx, code)
  })
}

/**
 * Imports a catalog file's rows: each becomes the draft of its code (a new procedure, a new version
 * of a published one, or the replacement of the pending draft). All rows are validated first; if
 * any is invalid nothing is written (CATALOG_IMPORT_INVALID with the report). With `publish`, every
 * imported draft is published under that decision, as `new` or `amended` per procedure (`replaced`
 * when asked), in the same transaction. Authorisation is the caller's: the seeder runs as the system.
 */
export async function importCatalog(
  db: Kysely<DB>,
  meta: RequestMeta,
  items: unknown[],
  opts: {
    publish?: PublicationDecisionInput | undefined
    /** Where a row's values came from (Excel); JSON rows are numbered from 1. */
    locate?: Locate
    /** Errors the file reader already found (e.g. orphan rows of a list sheet). */
    errors?: ImportRowError[]
  },
): Promise<z.infer<typeof ImportReport>> {
  const validated = validateImportItems(items, opts.locate)
  const { contents } = validated
  const errors = [...validated.errors, ...(opts.errors ?? [])]
  if (errors.length > 0)
    throw new AppError('CATALOG_IMPORT_INVALID', `${errors.length} lỗi`, undefined, { report: { imported: 0, errors } })
  const p = opts.publish
  const decision = p ? PublicationDecision.omit({ kind: true }).parse({ number: p.number, date: p.date, signer: p.signer }) : null
  await db.transaction().execute(async (tx) => {
    const missing = await findMissingTemplates(tx, contents)
    if (missing.length > 0) {
      const locate = opts.locate ?? locateJson
      const rows = missing.map((m) => ({ ...locate(m.item, ['components', m.component, 'templateFileId']), message: missingMessage(m) }))
      throw new AppError(
        'CATALOG_TEMPLATE_NOT_FOUND',
        missing.map((m) => `${contents[m.item]?.code ?? ''}, thành phần ${m.component + 1} "${m.name}"`).join('; '),
        missing.map((m) => ({ path: `body.${m.item}.components.${m.component}.templateFileId`, message: missingMessage(m) })),
        { report: { imported: 0, errors: rows } },
      )
    }
    for (const content of contents) {
      const isNew = !(await lockProcedure(tx, content.code))
      if (isNew) await insertProcedure(tx, content.code)
      const { version, created } = await saveDraftTx(tx, meta, content)
      await writeAudit(tx, meta, {
        action: 'catalog.procedure.import',
        subjectType: SUBJECT,
        subjectId: content.code,
        details: { version, newProcedure: isNew, draftCreated: created, publish: decision !== null },
      })
      if (decision) {
        const current = await findVersion(tx, content.code, 'published')
        const kind = !current ? 'new' : opts.publish?.kind === 'replaced' ? 'replaced' : 'amended'
        await publishTx(tx, meta, content.code, { ...decision, kind })
      }
    }
  })
  return { imported: contents.length, errors: [] }
}
