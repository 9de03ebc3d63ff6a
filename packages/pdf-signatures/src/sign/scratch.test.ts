import { writeFileSync } from 'node:fs'
import { it } from 'vitest'
import { agencySealRect, personalImageBox, signPdf } from '../index.ts'
import { makeSamplePdf } from '../testing/fixtures.ts'
import { demoSealPng, demoSignaturePng } from '../testing/images.ts'
import { createTestPki } from '../testing/pki.ts'

it('scratch', async () => {
  const pki = await createTestPki()
  let pdf = await makeSamplePdf()
  const sig = demoSignaturePng()
  const seal = demoSealPng()
  writeFileSync('/tmp/sigscratch/sig.png', sig)
  writeFileSync('/tmp/sigscratch/seal.png', seal)
  pdf = await signPdf(pdf, { signer: pki.personal1.signer, rect: [60, 80, 230, 170], appearance: { kind: 'personal', name: 'Nguyễn Văn An', title: 'Chuyên viên', signatureImage: sig } })
  const leaderRect: [number, number, number, number] = [340, 80, 540, 200]
  const leader = { kind: 'personal' as const, name: 'Trần Thị Bình', title: 'Phó Chủ tịch', signatureImage: sig }
  pdf = await signPdf(pdf, { signer: pki.personal2.signer, rect: leaderRect, appearance: leader })
  const box = personalImageBox(leaderRect, leader)!
  const sealRect = agencySealRect(box, { sealImage: seal, agencyName: 'Ủy ban nhân dân xã Demo' })
  console.log(box, sealRect)
  pdf = await signPdf(pdf, { signer: pki.agencySeal.signer, rect: sealRect, appearance: { kind: 'agency', sealImage: seal, agencyName: 'Ủy ban nhân dân xã Demo' } })
  pdf = await signPdf(pdf, { signer: pki.agencySeal.signer, appearance: { kind: 'copy', lines: ['Số: 123/QĐ-UBND', 'Sao y bản chính'] } })
  writeFileSync('/tmp/sigscratch/out.pdf', pdf)
}, 60_000)
