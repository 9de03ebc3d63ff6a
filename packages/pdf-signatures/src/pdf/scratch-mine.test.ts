import { it } from 'vitest'
import { signPdf, validatePdf } from '../index.ts'
import { makeSamplePdf } from '../testing/fixtures.ts'
import { createTestPki } from '../testing/pki.ts'
import { certifyPdf } from '../testing/attacker.ts'

it('scratch', async () => {
  const pki = await createTestPki()
  const certified = await certifyPdf(await makeSamplePdf(), { signer: pki.agencySeal.signer, permission: 2 })
  const r = await validatePdf(certified, { trustAnchors: [pki.root.certificatePem] })
  console.log(JSON.stringify(r, null, 1).slice(0, 3000))
}, 60_000)
