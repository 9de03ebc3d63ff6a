import { decodeTextString, objectAt, resolve, type PdfDocument } from '../pdf/document.ts'
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfString,
  PdfSyntaxError,
  equalValues,
  isNamed,
  type IndirectObject,
  type PdfValue,
} from '../pdf/objects.ts'
import { analyseStructure, rolesOf, type Role, type Structure } from '../pdf/structure.ts'
import type { RevisionChange } from './report.ts'
import { PdfRevisions, trailingData, type Revision } from './revisions.ts'

/**
 * What each incremental update after a signed revision changed, and whether the signature's
 * permissions allow it (ISO 32000-1 §12.8.2.2, DocMDP). Every object an update adds, redefines or
 * frees — found from the cross-reference entries, however the sections are chained — is compared
 * with the signed revision and judged by its roles in the document (see structure.ts):
 *
 * - always allowed: the DSS and its streams, document time-stamps, objects nothing refers to;
 * - with P=2 (and for approval signatures) also: a new signature dictionary and its signature
 *   field/widget — signed by a signature that covers the revision adding it, or unsigned and
 *   without a visible appearance — with its appearance and resources; a page's /Annots and the
 *   AcroForm's /Fields gaining those; /SigFlags, /DR, /DA; /Info and the XMP /Metadata;
 * - with P=3 also: new annotations other than widgets;
 * - nothing else: changed page content or resources, a changed or removed annotation or field
 *   (filling in a form field too, and signing an empty signature field that a FieldMDP lock of an
 *   earlier signature covers), a replaced /Root, a changed /Perms, a freed object, an unreadable update.
 *
 * Allowed changes are listed too ('signature-added', 'dss-added', …), so the report says what
 * happened after signing even when nothing was wrong.
 */

export interface LaterRevisionsAnalysis {
  laterRevisions: RevisionChange[]
  modifiedAfterSigning: boolean
}

export function analyseLaterRevisions(
  pdf: Uint8Array,
  signedEnd: number,
  docMdp: 1 | 2 | 3 | null,
  revisions: PdfRevisions = new PdfRevisions(pdf),
): LaterRevisionsAnalysis {
  const signed = revisions.atEnd(signedEnd)
  const laterRevisions: RevisionChange[] = []
  if (!signed) laterRevisions.push({ revision: 0, changes: ['signed-revision-unknown'], allowed: false })
  else {
    let previous = signed.index
    for (const revision of revisions.list.slice(signed.index)) {
      const change = analyseRevision(revisions, signed.index, previous, revision, docMdp ?? 2)
      laterRevisions.push(change)
      if (!change.changes.includes('revision-unreadable')) previous = revision.index
    }
  }
  const trailing = trailingData(pdf, revisions.list)
  if (trailing !== 'none')
    laterRevisions.push({
      revision: revisions.list.length + 1,
      changes: [trailing === 'comment' ? 'comment-after-last-revision' : 'data-after-last-revision'],
      allowed: trailing === 'comment',
    })
  return { laterRevisions, modifiedAfterSigning: laterRevisions.some((r) => !r.allowed) }
}

const structures = new WeakMap<PdfRevisions, Map<number, Structure | PdfSyntaxError>>()

function structureOf(revisions: PdfRevisions, index: number): Structure | PdfSyntaxError {
  let cache = structures.get(revisions)
  if (!cache) structures.set(revisions, (cache = new Map<number, Structure | PdfSyntaxError>()))
  const cached = cache.get(index)
  if (cached) return cached
  let result: Structure | PdfSyntaxError
  const view = revisions.view(index)
  if (view instanceof PdfSyntaxError) result = view
  else {
    try {
      result = analyseStructure(view)
    } catch (e) {
      if (!(e instanceof PdfSyntaxError)) throw e
      result = e
    }
  }
  cache.set(index, result)
  return result
}

function analyseRevision(
  revisions: PdfRevisions,
  signedIndex: number,
  previous: number,
  revision: Revision,
  level: 1 | 2 | 3,
): RevisionChange {
  const result = (changes: string[], allowed: boolean): RevisionChange => ({ revision: revision.index, changes, allowed })
  const signedDoc = revisions.view(signedIndex)
  const signedStructure = structureOf(revisions, signedIndex)
  if (signedDoc instanceof PdfSyntaxError || signedStructure instanceof PdfSyntaxError) return result(['signed-revision-unreadable'], false)
  const doc = revisions.view(revision.index)
  const structure = structureOf(revisions, revision.index)
  if (doc instanceof PdfSyntaxError || structure instanceof PdfSyntaxError) return result(['revision-unreadable'], false)
  try {
    const judge = new Judge(signedDoc, signedStructure, doc, structure, level, revision)
    judge.trailer()
    const prevStructure = structureOf(revisions, previous)
    const sinceSigned = revisions.changedObjects(revision.index, signedIndex)
    const toJudge = new Set(revisions.changedObjects(revision.index, previous))
    // An object added earlier, unreferenced then, that this update starts to use is judged now.
    for (const num of sinceSigned)
      if (prevStructure instanceof PdfSyntaxError || roleKeys(structure, num) !== roleKeys(prevStructure, num)) toJudge.add(num)
    for (const num of [...toJudge].sort((a, b) => a - b)) judge.object(num)
    return result([...judge.codes.keys()], [...judge.codes.values()].every(Boolean))
  } catch (e) {
    if (!(e instanceof PdfSyntaxError)) throw e
    return result(['revision-unreadable'], false)
  }
}

const roleKeys = (s: Structure, num: number): string => [...(s.roles.get(num)?.keys() ?? [])].sort().join('|')

/** Compares one later revision (C) with the signed one (S) and collects change codes with whether each is allowed. */
class Judge {
  /** Change code → allowed; a code first recorded as not allowed stays so. */
  readonly codes = new Map<string, boolean>()

  constructor(
    private readonly s: PdfDocument,
    private readonly sStruct: Structure,
    private readonly c: PdfDocument,
    private readonly cStruct: Structure,
    private readonly level: 1 | 2 | 3,
    private readonly revision: Revision,
  ) {}

  private add(code: string, allowed: boolean): void {
    this.codes.set(code, (this.codes.get(code) ?? true) && allowed)
  }

  private existedWhenSigned(num: number): boolean {
    return objectAt(this.s, num) !== null
  }

  trailer(): void {
    const sRoot = this.s.trailer.get('Root')
    const cRoot = this.c.trailer.get('Root')
    if (!equalValues(sRoot, cRoot)) this.add('root-replaced', false)
    if (!equalValues(this.s.trailer.get('Encrypt'), this.c.trailer.get('Encrypt'))) this.add('encryption-changed', false)
    const info = this.c.trailer.get('Info')
    if (!(info instanceof PdfRef) && !equalValues(this.s.trailer.get('Info'), info)) this.add('info-updated', this.level >= 2)
  }

  object(num: number): void {
    const sObj = objectAt(this.s, num)
    const cObj = objectAt(this.c, num)
    if (!sObj && !cObj) return
    if (sObj && cObj && this.sameObject(sObj, cObj)) return
    // A new generation makes every existing reference to the object dangle.
    if (sObj && cObj && sObj.gen !== cObj.gen) this.add(`object-freed:${num}`, false)
    const roles = new Map<string, Role>()
    for (const r of [...rolesOf(this.sStruct, num), ...rolesOf(this.cStruct, num)]) roles.set(`${r.kind}:${r.page}:${r.owner}`, r)
    if (!cObj) {
      this.add(roles.size === 0 ? 'unreferenced-object-freed' : `object-freed:${num}`, roles.size === 0)
      return
    }
    if (roles.size === 0) {
      const type = cObj.value instanceof PdfDict ? cObj.value.get('Type') : undefined
      // The cross-reference and object streams of an update are part of its mechanics.
      if (!sObj && cObj.stream && type instanceof PdfName && (type.name === 'XRef' || type.name === 'ObjStm')) return
      this.add(sObj ? 'unreferenced-object-changed' : 'unreferenced-object-added', true)
      return
    }
    for (const role of roles.values()) this.judge(num, role, sObj, cObj)
  }

  private sameObject(a: IndirectObject, b: IndirectObject): boolean {
    if (a.gen !== b.gen || !equalValues(a.value, b.value) || !a.stream !== !b.stream) return false
    if (!a.stream || !b.stream) return true
    return Buffer.from(this.s.bytes.subarray(a.stream.start, a.stream.end)).equals(this.c.bytes.subarray(b.stream.start, b.stream.end))
  }

  private judge(num: number, role: Role, sObj: IndirectObject | null, cObj: IndirectObject): void {
    const isNew = sObj === null
    switch (role.kind) {
      case 'catalog':
        if (sObj && num === this.sStruct.rootNum && num === this.cStruct.rootNum) this.catalog(sObj, cObj)
        else this.add('root-replaced', false)
        return
      case 'page-tree':
        return this.add('page-tree-changed', false)
      case 'page':
        if (sObj) this.page(sObj, cObj, role.page)
        else this.add(`page-added:${role.page}`, false)
        return
      case 'content':
        return this.add(`page-content-changed:${role.page}`, false)
      case 'resources':
        return this.add(role.page ? `page-resources-changed:${role.page}` : 'page-tree-changed', false)
      case 'annots':
        // A new /Annots array is judged with the page that refers to it.
        if (sObj) this.annotList(sObj.value, cObj.value, role.page)
        return
      case 'annot':
        return this.annotation(num, role.page, sObj, cObj)
      case 'acroform':
        return this.acroForm(resolve(this.s, this.catalogOf(this.s)?.get('AcroForm')), cObj.value)
      case 'fields':
        if (sObj) this.fieldList(sObj.value, cObj.value)
        return
      case 'field':
        return this.field(num, sObj, cObj)
      case 'sig':
        return this.signature(num, sObj, cObj)
      case 'owned':
        if (!(role.owner >= 0 && (!this.existedWhenSigned(role.owner) || this.beingSigned(role.owner))))
          this.add(isNew ? `object-added:${num}` : `object-changed:${num}`, false)
        return
      case 'form-resources':
        return this.add('form-resources-updated', this.level >= 2)
      case 'dss':
        return this.add(isNew ? 'dss-added' : 'dss-updated', true)
      case 'extensions':
        return this.add('extensions-updated', true)
      case 'info':
        return this.add('info-updated', this.level >= 2)
      case 'metadata':
        return this.add('metadata-updated', this.level >= 2)
      case 'perms':
        return this.add('perms-changed', false)
      case 'other':
        return this.add(isNew ? `object-added:${num}` : `object-changed:${num}`, false)
    }
  }

  private catalogOf(doc: PdfDocument): PdfDict | undefined {
    const v = resolve(doc, doc.trailer.get('Root'))
    return v instanceof PdfDict ? v : undefined
  }

  private catalog(sObj: IndirectObject, cObj: IndirectObject): void {
    const s = sObj.value
    const c = cObj.value
    if (!(s instanceof PdfDict) || !(c instanceof PdfDict) || cObj.stream) return this.add('root-replaced', false)
    for (const key of differingKeys(s, c)) {
      if (key === 'AcroForm') this.acroForm(resolve(this.s, s.get(key)), resolve(this.c, c.get(key)))
      else if (key === 'DSS') this.add(s.get(key) === undefined ? 'dss-added' : 'dss-updated', true)
      else if (key === 'Extensions') this.add('extensions-updated', true)
      else if (key === 'Metadata') this.add('metadata-updated', this.level >= 2)
      else if (key === 'Perms') this.add('perms-changed', false)
      else this.add(`catalog-changed:${key}`, false)
    }
  }

  private acroForm(sValue: PdfValue | undefined, cValue: PdfValue | undefined): void {
    const s = sValue instanceof PdfDict ? sValue : new PdfDict()
    if (!(cValue instanceof PdfDict)) {
      if (sValue instanceof PdfDict) this.add('acroform-removed', false)
      return
    }
    for (const key of differingKeys(s, cValue)) {
      if (key === 'Fields') this.fieldList(resolve(this.s, s.get(key)), resolve(this.c, cValue.get(key)))
      else if (key === 'SigFlags') continue
      else if (key === 'DR' || key === 'DA') this.add('form-resources-updated', this.level >= 2)
      else this.add(`acroform-changed:${key}`, false)
    }
  }

  /**
   * A list (of fields or annotations) may only gain references to objects that did not exist when
   * signed; `inOrder` says whether the signed list is still its beginning (annotations are drawn in order).
   */
  private gains(
    sValue: PdfValue | undefined,
    cValue: PdfValue | undefined,
  ): { removed: boolean; inOrder: boolean; reused: boolean; added: PdfValue[] } | undefined {
    const s = Array.isArray(sValue) ? sValue : sValue === undefined || sValue === null ? [] : undefined
    const c = Array.isArray(cValue) ? cValue : cValue === undefined || cValue === null ? [] : undefined
    if (!s || !c) return undefined
    const key = (v: PdfValue): string | undefined => (v instanceof PdfRef ? `${v.num} ${v.gen}` : undefined)
    const keys = (list: PdfValue[]): Set<string | undefined> => new Set(list.map(key))
    const sKeys = keys(s)
    const cKeys = keys(c)
    const contains = (list: PdfValue[], listKeys: Set<string | undefined>, v: PdfValue): boolean => {
      const k = key(v)
      return k !== undefined ? listKeys.has(k) : list.some((w) => key(w) === undefined && equalValues(v, w))
    }
    const removed = !s.every((v) => contains(c, cKeys, v))
    const added = c.filter((w) => !contains(s, sKeys, w))
    const inOrder = s.every((v, i) => equalValues(v, c[i]))
    const reused = added.some((v) => !(v instanceof PdfRef) || this.existedWhenSigned(v.num))
    return { removed, inOrder, reused, added }
  }

  private fieldList(sValue: PdfValue | undefined, cValue: PdfValue | undefined): void {
    const g = this.gains(sValue, cValue)
    if (!g) return this.add('acroform-changed:Fields', false)
    if (g.removed) this.add('field-removed', false)
    if (g.reused) this.add('acroform-changed:Fields', false)
  }

  private annotList(sValue: PdfValue | undefined, cValue: PdfValue | undefined, page: number): void {
    const g = this.gains(sValue, cValue)
    if (!g) return this.add(`page-changed:${page}`, false)
    if (g.removed) this.add(`annotation-removed:${page}`, false)
    else if (!g.inOrder) this.add(`annotations-reordered:${page}`, false)
    for (const a of g.added) {
      if (a instanceof PdfRef && !this.existedWhenSigned(a.num)) continue // judged as an object of its own
      if (a instanceof PdfDict && !isWidget(a)) this.add(`annotation-added:${subtypeOf(a)}`, this.level === 3)
      else this.add(`page-changed:${page}`, false)
    }
  }

  private page(sObj: IndirectObject, cObj: IndirectObject, page: number): void {
    const s = sObj.value
    const c = cObj.value
    if (!(s instanceof PdfDict) || !(c instanceof PdfDict) || !this.sameStreamData(sObj, cObj))
      return this.add(`page-changed:${page}`, false)
    for (const key of differingKeys(s, c)) {
      if (key === 'Annots') this.annotList(resolve(this.s, s.get(key)), resolve(this.c, c.get(key)), page)
      else if (key === 'Contents') this.add(`page-content-changed:${page}`, false)
      else if (key === 'Resources') this.add(`page-resources-changed:${page}`, false)
      else this.add(`page-changed:${page}`, false)
    }
  }

  private sameStreamData(a: IndirectObject, b: IndirectObject): boolean {
    if (!a.stream && !b.stream) return true
    if (!a.stream || !b.stream) return false
    return Buffer.from(this.s.bytes.subarray(a.stream.start, a.stream.end)).equals(this.c.bytes.subarray(b.stream.start, b.stream.end))
  }

  private annotation(num: number, page: number, sObj: IndirectObject | null, cObj: IndirectObject): void {
    const isField = this.cStruct.fields.has(num) || this.sStruct.fields.has(num)
    // A widget that is a field is judged as the field.
    if (isField) return
    if (sObj) return this.add(`annotation-changed:${page}`, false)
    const d = cObj.value
    if (!(d instanceof PdfDict)) return this.add(`annotation-added:${page}`, false)
    if (isWidget(d)) return this.add('annotation-added:Widget', false)
    this.add(`annotation-added:${subtypeOf(d)}`, this.level === 3)
  }

  private lockList: { action: string; fields: Set<string> }[] | undefined

  /** Whether a FieldMDP transform of a signature in the signed revision locks the field (ISO 32000-1 §12.8.2.4). */
  private isLocked(name: string): boolean {
    this.lockList ??= this.locks()
    return this.lockList.some(
      (l) => l.action === 'All' || (l.action === 'Include' && l.fields.has(name)) || (l.action === 'Exclude' && !l.fields.has(name)),
    )
  }

  private locks(): { action: string; fields: Set<string> }[] {
    const out: { action: string; fields: Set<string> }[] = []
    for (const key of this.sStruct.signatureFields.keys()) {
      const sig = objectAt(this.s, Number(key.split(' ')[0]))?.value
      const references = sig instanceof PdfDict ? resolve(this.s, sig.get('Reference')) : undefined
      for (const r of Array.isArray(references) ? references : []) {
        const reference = resolve(this.s, r)
        if (!(reference instanceof PdfDict) || !isNamed(reference.get('TransformMethod'), 'FieldMDP')) continue
        const params = resolve(this.s, reference.get('TransformParams'))
        const action = params instanceof PdfDict ? params.get('Action') : undefined
        const fields = params instanceof PdfDict ? resolve(this.s, params.get('Fields')) : undefined
        const names = (Array.isArray(fields) ? fields : []).filter((f): f is PdfString => f instanceof PdfString).map(decodeTextString)
        // An unknown or missing action locks everything: fail closed.
        const known = action instanceof PdfName && (action.name === 'Include' || action.name === 'Exclude')
        out.push({ action: known ? action.name : 'All', fields: new Set(names) })
      }
    }
    return out
  }

  /** An empty signature field in the signed revision that this revision signs. */
  private beingSigned(num: number): boolean {
    const before = this.sStruct.fields.get(num)
    const now = this.cStruct.fields.get(num)
    return before?.type === 'Sig' && before.value === undefined && now?.type === 'Sig' && now.value instanceof PdfRef
  }

  private field(num: number, sObj: IndirectObject | null, cObj: IndirectObject): void {
    const info = this.cStruct.fields.get(num) ?? this.sStruct.fields.get(num)
    const name = info?.name || String(num)
    const c = cObj.value
    if (sObj) {
      const s = sObj.value
      if (!(s instanceof PdfDict) || !(c instanceof PdfDict) || !this.sameStreamData(sObj, cObj))
        return this.add(`field-changed:${name}`, false)
      if (this.beingSigned(num)) {
        if (this.isLocked(name)) this.add(`locked-field-changed:${name}`, false)
        if (differingKeys(s, c).some((k) => k !== 'V' && k !== 'AP')) this.add(`field-changed:${name}`, false)
        if (c.get('V') !== undefined) this.signatureValue(c.get('V'), name)
        return
      }
      this.add(equalValues(s.get('V'), c.get('V')) ? `field-changed:${name}` : `field-value-changed:${name}`, false)
      return
    }
    if (!(c instanceof PdfDict) || info?.type !== 'Sig') return this.add(`field-added:${name}`, false)
    if (info.value !== undefined) return this.signatureValue(info.value, name)
    const visible = this.hasVisibleAppearance(c)
    this.add(visible ? `unsigned-signature-field-with-appearance:${name}` : 'signature-field-added', !visible && this.level >= 2)
  }

  /**
   * A new signature field's value: a signature dictionary that did not exist when signed and whose
   * ByteRange reaches at least this revision, so whoever added the field's appearance signed it.
   */
  private signatureValue(v: PdfValue | undefined, name: string): void {
    if (!(v instanceof PdfRef) || this.existedWhenSigned(v.num)) return this.add(`field-value-changed:${name}`, false)
    const sig = objectAt(this.c, v.num)?.value
    const range = sig instanceof PdfDict ? sig.get('ByteRange') : undefined
    const end = Array.isArray(range) && typeof range[2] === 'number' && typeof range[3] === 'number' ? range[2] + range[3] : -1
    if (end < this.revision.eof) this.add(`signature-not-covering-its-field:${name}`, false)
  }

  private signature(num: number, sObj: IndirectObject | null, cObj: IndirectObject): void {
    if (sObj) return this.add(`signature-dictionary-changed:${num}`, false)
    const d = cObj.value
    const type = d instanceof PdfDict ? d.get('Type') : undefined
    if (!(d instanceof PdfDict)) return this.add(`object-added:${num}`, false)
    if (type instanceof PdfName && type.name === 'DocTimeStamp') return this.add('timestamp-added', true)
    if (type === undefined || (type instanceof PdfName && type.name === 'Sig')) return this.add('signature-added', this.level >= 2)
    this.add(`object-added:${num}`, false)
  }

  private hasVisibleAppearance(widget: PdfDict): boolean {
    const rect = resolve(this.c, widget.get('Rect'))
    const flags = widget.get('F')
    if (typeof flags === 'number' && (flags & 2) !== 0) return false
    if (Array.isArray(rect) && rect.length === 4 && rect.every((x) => typeof x === 'number')) {
      const [x1, y1, x2, y2] = rect
      if (x1 === x2 || y1 === y2) return false
    }
    const ap = resolve(this.c, widget.get('AP'))
    if (!(ap instanceof PdfDict)) return false
    const normal = ap.get('N')
    if (!(normal instanceof PdfRef)) return normal !== undefined
    const stream = objectAt(this.c, normal.num)
    return !stream?.stream || stream.stream.end > stream.stream.start
  }
}

function differingKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()])
  return [...keys].filter((k) => !equalValues(a.get(k), b.get(k)))
}

function isWidget(d: PdfDict): boolean {
  const t = d.get('Subtype')
  return t instanceof PdfName && t.name === 'Widget'
}

function subtypeOf(d: PdfDict): string {
  const t = d.get('Subtype')
  return t instanceof PdfName ? t.name.replace(/[^A-Za-z0-9]/g, '').slice(0, 32) || 'Unknown' : 'Unknown'
}
