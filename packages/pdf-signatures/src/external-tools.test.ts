import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signPdf } from './index.ts'
import { makeSamplePdf } from './testing/fixtures.ts'
import { createTestPki, type TestPki } from './testing/pki.ts'

/**
 * An independent check of the structure this package writes: poppler's pdfsig (NSS) verifies the
 * signatures and qpdf checks the incremental updates. Both come from Debian (poppler-utils, qpdf);
 * the tests are skipped where the tools are absent. pdfsig has no trust store here, so it reports
 * the demo root's certificates as untrusted — which is the right answer for it.
 */
const PDFSIG = '/usr/bin/pdfsig'
const QPDF = '/usr/bin/qpdf'

let pki: TestPki
let dir: string
let three: Uint8Array

beforeAll(async () => {
  pki = await createTestPki()
  dir = mkdtempSync(join(tmpdir(), 'congso-pdfsig-'))
  let pdf = await makeSamplePdf()
  const signers = [pki.personal1, pki.personal2, pki.agencySeal]
  for (const [i, who] of signers.entries()) {
    pdf = await signPdf(pdf, { signer: who.signer, name: who.name, title: 'Cán bộ', rect: [36 + i * 180, 36, 206 + i * 180, 96] })
  }
  three = pdf
}, 30_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(!existsSync(PDFSIG))('pdfsig', () => {
  it('reports each of three sequential signatures as valid, the last one covering the whole document', () => {
    const file = join(dir, 'three.pdf')
    writeFileSync(file, three)
    const out = execFileSync(PDFSIG, [file], { encoding: 'utf8' })
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(3)
    expect(out.match(/Signature Type: ETSI\.CAdES\.detached/g)).toHaveLength(3)
    expect(out.match(/Not total document signed/g)).toHaveLength(2)
    expect(out).toMatch(/Signature #3:[\s\S]*Total document signed/)
    expect(out).toContain('Signer Certificate Common Name: UBND xã Demo (TEST ONLY)')
    expect(out.match(/Certificate Validation: Certificate issuer isn't Trusted\./g)).toHaveLength(3)
  })

  it('reports a tampered file as invalid', () => {
    const tampered = Uint8Array.from(three)
    const at = Buffer.from(tampered).indexOf('/MediaBox')
    tampered[at + 1] = 'N'.charCodeAt(0)
    const file = join(dir, 'tampered.pdf')
    writeFileSync(file, tampered)
    const out = spawnSync(PDFSIG, [file], { encoding: 'utf8' }).stdout
    expect(out).not.toContain('Signature is Valid.')
    expect(out).toContain('Digest Mismatch')
  })
})

describe.skipIf(!existsSync(QPDF))('qpdf --check', () => {
  it('accepts the file with three incremental updates', () => {
    const file = join(dir, 'three-qpdf.pdf')
    writeFileSync(file, three)
    const run = spawnSync(QPDF, ['--check', file], { encoding: 'utf8' })
    expect(run.stdout).toContain('No syntax or stream encoding errors found')
    expect(run.status).toBe(0)
  })
})
