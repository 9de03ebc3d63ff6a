import { decodeTextString, getObject, resolve, type PdfDocument } from './document.ts'
import { PdfDict, PdfName, PdfRef, PdfString, PdfSyntaxError, isNamed, type PdfValue } from './objects.ts'

/**
 * What each object of a document is for — its roles — found by walking the document from the
 * trailer: the catalog, the page tree, each page's content, resources and annotations, the
 * AcroForm field tree and its signature dictionaries, the DSS, /Info, /Metadata, and "other" for
 * everything else the catalog reaches. The modification analysis judges a changed object by its
 * roles, so the walk records a role even for a reference to an object that does not exist (yet):
 * defining it later is a change to whatever refers to it.
 *
 * Structural objects (catalog, page tree nodes, pages, annotations, fields, signatures, AcroForm)
 * are judged by their own rules; a generic walk (content, resources, appearances, …) that reaches
 * one — an annotation's /P, a destination — does not give it its role.
 */

export type RoleKind =
  | 'catalog'
  | 'page-tree'
  | 'page'
  | 'content'
  | 'resources'
  | 'annots'
  | 'annot'
  | 'acroform'
  | 'fields'
  | 'field'
  | 'sig'
  /** Reached from an annotation, a field or a signature dictionary (appearances, actions, lock dictionaries, …). */
  | 'owned'
  | 'form-resources'
  | 'dss'
  | 'extensions'
  | 'info'
  | 'metadata'
  | 'perms'
  | 'other'

export interface Role {
  kind: RoleKind
  /** 1-based page for page, content, resources, annots, annot; 0 for inherited page-tree attributes, or none. */
  page: number
  /** For 'owned': the annotation, field or signature dictionary the object belongs to; -1 otherwise. */
  owner: number
}

export interface FieldInfo {
  /** Fully qualified name (partial names joined with "."). */
  name: string
  /** /FT, inherited from ancestors. */
  type: string | undefined
  /** /V, inherited from ancestors. */
  value: PdfValue | undefined
}

export interface Structure {
  rootNum: number | undefined
  roles: Map<number, Map<string, Role>>
  /** Page object number → 1-based page number. */
  pages: Map<number, number>
  /** Field (or widget) object number → its field. */
  fields: Map<number, FieldInfo>
  /** Signature dictionary object number → the name of the field whose /V references it. */
  signatureFields: Map<string, string>
}

const STRUCTURAL = new Set<RoleKind>(['catalog', 'page-tree', 'page', 'annot', 'field', 'sig', 'acroform'])
const MAX_TREE_DEPTH = 64
const MAX_ROLE_MARKS = 4_000_000

const refKey = (r: PdfRef): string => `${r.num} ${r.gen}`

export function rolesOf(s: Structure, num: number): Role[] {
  return [...(s.roles.get(num)?.values() ?? [])]
}

export function hasRole(s: Structure, num: number, kind: RoleKind): boolean {
  return rolesOf(s, num).some((r) => r.kind === kind)
}

export function analyseStructure(doc: PdfDocument): Structure {
  const s: Structure = { rootNum: undefined, roles: new Map(), pages: new Map(), fields: new Map(), signatureFields: new Map() }
  let marks = 0
  const generic: [PdfValue, Role][] = []

  /** Records a role for a reference (even a dangling one); returns whether it is new for that object. */
  const mark = (v: PdfValue | undefined, role: Role): boolean => {
    if (!(v instanceof PdfRef)) return false
    if (++marks > MAX_ROLE_MARKS) throw new PdfSyntaxError('document structure too large', 0)
    const key = `${role.kind}:${role.page}:${role.owner}`
    let roles = s.roles.get(v.num)
    if (!roles) s.roles.set(v.num, (roles = new Map<string, Role>()))
    if (roles.has(key)) return false
    roles.set(key, role)
    return true
  }
  const role = (kind: RoleKind, page = 0, owner = -1): Role => ({ kind, page, owner })
  const dictOf = (v: PdfValue | undefined): PdfDict | undefined => {
    const d = resolve(doc, v)
    return d instanceof PdfDict ? d : undefined
  }

  const rootRef = doc.trailer.get('Root')
  if (!(rootRef instanceof PdfRef)) throw new PdfSyntaxError('trailer /Root is not a reference', 0)
  s.rootNum = rootRef.num
  mark(rootRef, role('catalog'))
  const catalog = dictOf(rootRef)
  if (!catalog) throw new PdfSyntaxError('catalog is not a dictionary', 0)
  const info = doc.trailer.get('Info')
  if (info !== undefined) generic.push([info, role('info')])

  let pageCount = 0
  const visitedNodes = new Set<number>()
  const visitPages = (v: PdfValue | undefined, depth: number): void => {
    if (depth > MAX_TREE_DEPTH) throw new PdfSyntaxError('page tree too deep', 0)
    if (v instanceof PdfRef) {
      if (visitedNodes.has(v.num)) throw new PdfSyntaxError('page tree has a cycle', 0)
      visitedNodes.add(v.num)
    }
    const node = dictOf(v)
    if (!node) {
      if (v instanceof PdfRef) mark(v, role('page-tree'))
      return
    }
    const kids = node.get('Kids')
    const isPage = isNamed(node.get('Type'), 'Page') || (!isNamed(node.get('Type'), 'Pages') && kids === undefined)
    if (!isPage) {
      mark(v, role('page-tree'))
      mark(kids, role('page-tree'))
      const kidList = resolve(doc, kids)
      for (const [key, value] of node.entries)
        if (!['Kids', 'Parent', 'Type', 'Count'].includes(key)) generic.push([value, role('resources')])
      if (Array.isArray(kidList)) for (const kid of kidList) visitPages(kid, depth + 1)
      return
    }
    const page = ++pageCount
    if (v instanceof PdfRef) s.pages.set(v.num, page)
    mark(v, role('page', page))
    for (const [key, value] of node.entries) {
      if (key === 'Contents') generic.push([value, role('content', page)])
      else if (key === 'Annots') visitAnnots(value, page)
      else if (key !== 'Parent' && key !== 'Type') generic.push([value, role('resources', page)])
    }
  }

  const visitAnnots = (v: PdfValue, page: number): void => {
    mark(v, role('annots', page))
    const list = resolve(doc, v)
    if (!Array.isArray(list)) return
    for (const a of list) {
      mark(a, role('annot', page))
      const annot = dictOf(a)
      if (annot) generic.push([annot, role('owned', 0, a instanceof PdfRef ? a.num : -1)])
    }
  }

  const seenFields = new Set<number>()
  const visitField = (v: PdfValue, parentName: string, inherited: Omit<FieldInfo, 'name'>, depth: number): void => {
    if (depth > MAX_TREE_DEPTH) throw new PdfSyntaxError('field tree too deep', 0)
    mark(v, role('field'))
    if (v instanceof PdfRef) {
      // A field listed twice (or a cycle) is walked once.
      if (seenFields.has(v.num)) return
      seenFields.add(v.num)
    }
    const field = dictOf(v)
    if (!field) return
    const t = field.get('T')
    const partial = t instanceof PdfString ? decodeTextString(t) : undefined
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial
    const ft = field.get('FT')
    const info: FieldInfo = {
      name,
      type: ft instanceof PdfName ? ft.name : inherited.type,
      value: field.get('V') ?? inherited.value,
    }
    const owner = v instanceof PdfRef ? v.num : -1
    if (v instanceof PdfRef) s.fields.set(v.num, info)
    for (const [key, value] of field.entries) {
      if (key === 'Kids') {
        mark(value, role('field', 0, owner))
        const kids = resolve(doc, value)
        if (Array.isArray(kids)) for (const kid of kids) visitField(kid, name, info, depth + 1)
      } else if (key === 'V' && info.type === 'Sig' && value instanceof PdfRef) {
        mark(value, role('sig'))
        if (!s.signatureFields.has(refKey(value))) s.signatureFields.set(refKey(value), name)
        const sig = dictOf(value)
        if (sig) generic.push([sig, role('owned', 0, value.num)])
      } else generic.push([value, role('owned', 0, owner)])
    }
  }

  for (const [key, value] of catalog.entries) {
    if (key === 'Type') continue
    else if (key === 'Pages') visitPages(value, 0)
    else if (key === 'AcroForm') {
      mark(value, role('acroform'))
      const form = dictOf(value)
      if (!form) continue
      for (const [k, v] of form.entries) {
        if (k === 'Fields') {
          mark(v, role('fields'))
          const fields = resolve(doc, v)
          if (Array.isArray(fields)) for (const f of fields) visitField(f, '', { type: undefined, value: undefined }, 0)
        } else if (k === 'DR') generic.push([v, role('form-resources')])
        else generic.push([v, role('other')])
      }
    } else if (key === 'DSS') generic.push([value, role('dss')])
    else if (key === 'Metadata') generic.push([value, role('metadata')])
    else if (key === 'Extensions') generic.push([value, role('extensions')])
    else if (key === 'Perms') generic.push([value, role('perms')])
    else generic.push([value, role('other')])
  }

  // The generic walk: everything reachable gets the role, except structural objects (judged by their own rules).
  const isStructural = (num: number): boolean => [...(s.roles.get(num)?.values() ?? [])].some((r) => STRUCTURAL.has(r.kind))
  const stack: [PdfValue, Role][] = generic.reverse()
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, r] = item
    if (value instanceof PdfRef) {
      if (isStructural(value.num) || !mark(value, r)) continue
      const target = getObject(doc, value)
      if (target instanceof PdfDict) for (const v of target.entries.values()) stack.push([v, r])
      else if (Array.isArray(target)) for (const v of target) stack.push([v, r])
    } else if (value instanceof PdfDict) for (const v of value.entries.values()) stack.push([v, r])
    else if (Array.isArray(value)) for (const v of value) stack.push([v, r])
    if (stack.length > MAX_ROLE_MARKS) throw new PdfSyntaxError('document structure too large', 0)
  }
  return s
}
