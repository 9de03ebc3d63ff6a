import { ProcedureContent } from '@congso/contracts'

export interface ImportRowError {
  row: number
  field: string
  message: string
}

/** Where a value of item `index` at `path` came from, as the user sees it (row number, column/field). */
export type Locate = (index: number, path: readonly PropertyKey[]) => { row: number; field: string }

/** JSON files: rows are numbered from 1 in array order; the field is the dotted path in the item. */
export const locateJson: Locate = (index, path) => ({ row: index + 1, field: path.map(String).join('.') })

export interface ValidatedImport {
  contents: ProcedureContent[]
  errors: ImportRowError[]
}

/**
 * Validates every row of an import file with the same schema the editor uses, plus one rule of the
 * file as a whole: a procedure code appears once. Collects every error; the caller writes nothing
 * unless the list is empty.
 */
export function validateImportItems(items: readonly unknown[], locate: Locate = locateJson): ValidatedImport {
  const contents: ProcedureContent[] = []
  const errors: ImportRowError[] = []
  const firstIndexOfCode = new Map<string, number>()
  items.forEach((item, index) => {
    const parsed = ProcedureContent.safeParse(item)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const at = locate(index, issue.path)
        errors.push({ row: at.row, field: at.field || '(dòng)', message: issue.message })
      }
      return
    }
    const code = parsed.data.code
    const first = firstIndexOfCode.get(code)
    if (first !== undefined) {
      const at = locate(index, ['code'])
      errors.push({ row: at.row, field: at.field, message: `Mã thủ tục ${code} trùng với dòng ${locate(first, ['code']).row}` })
      return
    }
    firstIndexOfCode.set(code, index)
    contents.push(parsed.data)
  })
  return { contents, errors }
}
