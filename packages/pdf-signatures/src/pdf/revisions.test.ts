import { beforeAll, describe, expect, it } from 'vitest'
import { signedRevision, signPdf, validatePdf } from '../index.ts'
import { appendUpdate } from '../testing/attacker.ts'
import { makeSamplePdf, makeSamplePdfWithObjectStreams } from '../testing/fixtures.ts'
import { createTestPki, type TestPki } from '../testing/pki.ts'
import { listRevisions, openRevision, PdfRevisions, trailingData } from '../validate/revisions.ts'
import { objectAt } from './document.ts'
import { PdfSyntaxError } from './objects.ts'

let pki: TestPki
let base: Uint8Array
let two: Uint8Array

beforeAll(async () => {
  pki = await createTestPki()
  base = await makeSamplePdf()
  const one = await signPdf(base, { signer: pki.personal1.signer, name: 'An', contentsSize: 4096 })
  two = await signPdf(one, { signer: pki.personal2.signer, name: 'Bình', rect: [300, 36, 520, 96], contentsSize: 4096 })
}, 60_000)

describe('revisions', () => {
  it('lists each incremental section with its end, startxref and view', () => {
    const revisions = listRevisions(two)
    expect(revisions.map((r) => r.index)).toEqual([1, 2, 3])
    // pdf-lib ends without an end-of-line; the signer's update starts with one.
    expect(revisions[0]!.eof).toBe(base.length)
    expect(revisions[2]!.end).toBe(two.length)
    for (const r of revisions) {
      const doc = openRevision(two, r)
      expect(doc.startxref).toBe(r.startxref)
      expect(doc.bytes.length).toBe(r.end)
    }
  })

  it('says which objects an update changed, however it is chained', () => {
    const revisions = new PdfRevisions(two)
    const changed = revisions.changedObjects(3, 2)
    const last = revisions.view(3)
    if (last instanceof PdfSyntaxError) throw last
    // The signature, its widget and appearance objects are new; the page or AcroForm is redefined.
    expect(changed.size).toBeGreaterThanOrEqual(3)
    for (const num of changed) expect(objectAt(last, num)).not.toBeNull()
    expect(revisions.atEnd(two.length)?.index).toBe(3)
    expect(revisions.atEnd(two.length - 3)).toBeUndefined()
  })

  it('an xref stream file counts its revisions the same way', async () => {
    const compressed = await makeSamplePdfWithObjectStreams()
    const signed = await signPdf(compressed, { signer: pki.personal1.signer, name: 'An', contentsSize: 4096 })
    expect(listRevisions(signed).map((r) => r.eof)).toEqual([compressed.length, signed.length - 1])
  })

  it('tells trailing comments from trailing data', () => {
    const revisions = listRevisions(two)
    expect(trailingData(two, revisions)).toBe('none')
    expect(trailingData(new Uint8Array([...two, ...Buffer.from('\n% note\n')]), revisions)).toBe('comment')
    expect(trailingData(new Uint8Array([...two, ...Buffer.from('1 0 obj')]), revisions)).toBe('data')
  })

  it('a "%%EOF" that no startxref precedes is not a revision end', () => {
    const fake = appendUpdate(two, [{ num: 1, body: '<<>>', stream: 'stream text with %%EOF inside' }])
    expect(listRevisions(fake)).toHaveLength(4)
  })
})

describe('signedRevision', () => {
  it('returns exactly the bytes each signature signed', async () => {
    const first = signedRevision(two, 0)!
    const second = signedRevision(two, 1)!
    expect(second).toEqual(two)
    expect(two.subarray(0, first.length)).toEqual(first)
    // The first signer's revision is a complete PDF of its own, and valid.
    const report = await validatePdf(first, { trustAnchors: [pki.root.certificatePem] })
    expect(report.verdict).toBe('valid')
    expect(report.signatures).toHaveLength(1)
  })

  it('is null for a missing signature or a broken ByteRange, and never throws', () => {
    expect(signedRevision(two, 5)).toBeNull()
    expect(signedRevision(base, 0)).toBeNull()
    expect(signedRevision(new Uint8Array([0x25, 0x50]), 0)).toBeNull()
    const at = Buffer.from(two).lastIndexOf('/ByteRange [0 ')
    const broken = Uint8Array.from(two)
    broken.set(Buffer.from('/ByteRange [7 '), at)
    expect(signedRevision(broken, 1)).toBeNull()
  })
})
