import type { CreatedDossier } from '@congso/contracts'
import { parseDossierCode } from '@congso/domain'
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, startTestApp, type TestApp } from '../../../test/harness.ts'
import { intakeWorld, newKey, submit, validForm, type IntakeWorld } from '../../../test/dossier-fixtures.ts'

let t: TestApp
let w: IntakeWorld

beforeAll(async () => {
  t = await startTestApp()
  w = await intakeWorld(t)
})
afterAll(() => t.close())

describe('dossier codes under concurrency', () => {
  it('gives 200 concurrent submissions to one agency on one day 200 distinct consecutive codes', async () => {
    const api = client(t.app, w.officer)
    const body = (i: number) => ({
      procedureCode: w.procedure.code,
      channel: 'counter',
      applicant: { fullName: `Người nộp số ${i}`, idNumber: w.citizen.citizenId, phone: '0912345678', address: 'Thôn Đông, phường Một' },
      formData: validForm,
      components: [
        { index: 0, paperCopies: 1 },
        { index: 1, paperCopies: 1 },
      ],
      returnChannel: 'counter',
    })
    // one retried request among them: it must not take a number
    const key = newKey()
    const responses = await Promise.all([
      ...Array.from({ length: 200 }, (_, i) => submit(api, body(i), i === 0 ? key : newKey())),
      submit(api, body(0), key),
    ])
    for (const r of responses) expect(r.statusCode, r.body).toBe(201)
    const codes = new Set(responses.map((r) => r.json<z.infer<typeof CreatedDossier>>().code))
    expect(codes.size).toBe(200)
    const parsed = [...codes].map((c) => parseDossierCode(c))
    const days = new Set(parsed.map((p) => p?.date))
    // the run may straddle midnight in Vietnam: numbers are consecutive from 1 within each day
    for (const day of days) {
      const seqs = parsed
        .filter((p) => p?.date === day)
        .map((p) => p?.seq ?? 0)
        .sort((a, b) => a - b)
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
    }
    expect(parsed.every((p) => p?.agencyCode === w.commune.code)).toBe(true)
  })
})
