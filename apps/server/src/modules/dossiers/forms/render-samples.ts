/**
 * Renders the sample forms to PDF and PNG (100 dpi, via poppler's pdftoppm) into a directory, to look
 * at the layout:
 *   node --import tsx apps/server/src/modules/dossiers/forms/render-samples.ts /tmp/forms
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { renderApology, renderControlSheet, renderReceipt, renderRefusal, renderSupplementRequest } from './index.ts'
import {
  manyComponents,
  manyControlRows,
  sampleApology,
  sampleControlSheet,
  sampleReceipt,
  sampleRefusal,
  sampleSupplement,
} from './samples.ts'

const dir = resolve(process.argv[2] ?? 'form-samples')
mkdirSync(dir, { recursive: true })

const samples: [string, Promise<Buffer>][] = [
  ['receipt', renderReceipt(sampleReceipt())],
  ['receipt-long', renderReceipt(sampleReceipt(manyComponents(40)))],
  ['supplement', renderSupplementRequest(sampleSupplement())],
  ['refusal', renderRefusal(sampleRefusal())],
  ['control-sheet', renderControlSheet(sampleControlSheet())],
  ['control-sheet-long', renderControlSheet(sampleControlSheet(manyControlRows(30)))],
  ['apology-letter', renderApology(sampleApology())],
]
for (const [name, pdf] of samples) {
  const file = join(dir, `${name}.pdf`)
  // Pages of an earlier, longer rendering would otherwise linger next to the new ones.
  for (const f of readdirSync(dir)) if (new RegExp(`^${name}-\\d+\\.png$`).test(f)) rmSync(join(dir, f))
  writeFileSync(file, await pdf)
  // One PNG per page: name-1.png, name-2.png…; a single-page form also gets name.png.
  execFileSync('pdftoppm', ['-png', '-r', '100', file, join(dir, name)])
  execFileSync('pdftoppm', ['-png', '-r', '100', '-singlefile', file, join(dir, name)])
  process.stdout.write(`${file}\n`)
}
