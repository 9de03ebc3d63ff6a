import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createDemoPki, demoSealPng } from '@congso/pdf-signatures/demo'
import type { AppContext } from '../context.ts'
import type { RequestMeta } from '../http/request-context.ts'
import { getSetting, putSetting } from '../modules/org/org.repo.ts'
import { DEMO_CRL_FILE } from '../modules/signatures/demo-crl.ts'
import { sealPaths } from '../modules/signatures/seals.ts'
import { addTrustAnchor } from '../modules/signatures/trust-store.service.ts'

const SYSTEM: RequestMeta = { actor: null, ip: '127.0.0.1', userAgent: 'congso-seed', requestId: 'seed-pki' }
/** Agencies that issue documents in their own name; service centres and units use their parent's seal. */
const SEALED_KINDS = ['province', 'department', 'district', 'commune'] as const

/**
 * The demo province's certificates, generated once: a demo root CA (added to the trust store), a
 * seal (PKCS#12 + passphrase file + seal image) per agency in SEAL_DIR, and a personal PKCS#12 per
 * officer in DATA_DIR/pki/people for trying two-step signing. Private keys exist only in DATA_DIR.
 */
export async function seedDemoPki(ctx: AppContext): Promise<void> {
  const db = ctx.database.db
  if (await getSetting(db, 'demo.pki')) return
  const agencies = await db
    .selectFrom('agencies')
    .select(['code', 'name'])
    .where('code', 'is not', null)
    .where('kind', 'in', [...SEALED_KINDS])
    .orderBy('code')
    .execute()
  const officers = await db
    .selectFrom('users as u')
    .innerJoin('agencies as a', 'a.id', 'u.agency_id')
    .select(['u.username', 'u.full_name', 'a.name as agency'])
    .where('u.kind', '=', 'officer')
    .where('u.username', 'is not', null)
    .orderBy('u.username')
    .execute()
  const pki = await createDemoPki({
    provinceName: ctx.config.provinceName,
    crlUrl: `${ctx.config.publicUrl}/api/v1/pki/${DEMO_CRL_FILE}`,
    seals: agencies.map((a) => ({ code: a.code!, agencyName: a.name })),
    people: officers.map((o) => ({ key: o.username!, fullName: o.full_name, organization: o.agency })),
  })
  mkdirSync(ctx.config.signing.sealDir, { recursive: true, mode: 0o700 })
  const png = demoSealPng()
  for (const s of pki.seals) {
    const paths = sealPaths(ctx.config, s.code)
    // A seal an operator installed by hand is never overwritten by demo data.
    if (existsSync(paths.p12)) continue
    writeFileSync(paths.p12, s.p12, { mode: 0o600 })
    writeFileSync(paths.pass, `${s.passphrase}\n`, { mode: 0o600 })
    writeFileSync(paths.image, png)
  }
  const peopleDir = join(ctx.config.dataDir, 'pki', 'people')
  mkdirSync(peopleDir, { recursive: true, mode: 0o700 })
  for (const p of pki.people) {
    writeFileSync(join(peopleDir, `${p.key}.p12`), p.p12, { mode: 0o600 })
    writeFileSync(join(peopleDir, `${p.key}.p12.pass`), `${p.passphrase}\n`, { mode: 0o600 })
  }
  writeFileSync(join(ctx.config.dataDir, 'pki', 'demo-root.pem'), pki.rootPem)
  writeFileSync(join(ctx.config.dataDir, 'pki', DEMO_CRL_FILE), pki.crl)
  await addTrustAnchor(ctx, SYSTEM, { label: 'Congso Demo Root CA (dữ liệu mẫu)', certificate: pki.rootPem })
  await putSetting(db, 'demo.pki', { seededAt: new Date().toISOString(), seals: pki.seals.length, people: pki.people.length })
  ctx.log.info({ seals: pki.seals.length, people: pki.people.length, sealDir: ctx.config.signing.sealDir }, 'demo certificates generated')
}
