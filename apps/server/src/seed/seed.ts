import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ProcedureContent } from '@congso/contracts'
import { hashPassword } from '../auth/passwords.ts'
import type { AppContext } from '../context.ts'
import type { RequestMeta } from '../http/request-context.ts'
import { importCatalog } from '../modules/catalog/catalog.service.ts'
import { currentTotp, newTotpSecret, totpEnrolment } from '../modules/identity/totp.ts'
import { getSetting, putSetting } from '../modules/org/org.repo.ts'
import { seedDemoPki } from './demo-pki.ts'
import { seedDemoProcesses } from './demo-processes.ts'
import { demoCitizen, departments, officers, province, threeLevelCommunes, twoLevelCommunes } from './data/organization.ts'

const SYSTEM: RequestMeta = { actor: null, ip: '127.0.0.1', userAgent: 'congso-seed', requestId: 'seed' }

export interface DemoCredentials {
  officers: { username: string; password: string; roles: string[]; agency: string; totpSecret: string | null }[]
  citizen: { login: string; password: string }
}

const newPassword = () => `${randomBytes(6).toString('hex')}Cs9`

/**
 * Seeds the demo province on first start: organisation, one officer per role, a citizen, the
 * demo procedure catalog and its internal processes. Each part is marked done in `settings`, so a restart never seeds twice.
 * Random passwords (and TOTP secrets for admins) are printed once and kept in DATA_DIR.
 */
export async function seedDemoData(ctx: AppContext): Promise<DemoCredentials | null> {
  const db = ctx.database.db
  let creds: DemoCredentials | null = null
  if (!(await getSetting(db, 'demo.org'))) {
    const levels: 2 | 3 = process.env.DEMO_GOVERNMENT_LEVELS === '3' ? 3 : 2
    const agencies = [province, ...departments, ...(levels === 3 ? threeLevelCommunes() : twoLevelCommunes())]
    const prepared = await Promise.all(
      officers.map(async (o) => {
        const password = newPassword()
        const admin = o.roles.includes('system_admin') || o.roles.includes('agency_admin')
        return { o, password, hash: await hashPassword(password), totpSecret: admin ? newTotpSecret() : null }
      }),
    )
    const citizenPassword = newPassword()
    const citizenHash = await hashPassword(citizenPassword)
    await db.transaction().execute(async (tx) => {
      await putSetting(tx, 'org.governmentLevels', levels)
      const ids = new Map<string, { id: string; ancestors: string[] }>()
      for (const a of agencies) {
        const parent = a.parent ? ids.get(a.parent) : undefined
        const ancestors = parent ? [...parent.ancestors, parent.id] : []
        const row = await tx
          .insertInto('agencies')
          .values({
            code: a.code,
            name: a.name,
            short_name: a.shortName ?? null,
            kind: a.kind,
            parent_id: parent?.id ?? null,
            ancestor_ids: ancestors,
            address: a.address ?? null,
            phone: null,
            email: null,
            valid_from: '2025-07-01',
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        if (a.code) await tx.insertInto('agency_code_history').values({ agency_id: row.id, code: a.code }).execute()
        ids.set(a.key, { id: row.id, ancestors })
      }
      for (const { o, hash, totpSecret } of prepared) {
        await tx
          .insertInto('users')
          .values({
            kind: 'officer',
            username: o.username,
            full_name: o.fullName,
            email: `${o.username}@demo.congso.vn`,
            phone: null,
            citizen_id: null,
            organization_name: null,
            tax_code: null,
            agency_id: ids.get(o.agency)!.id,
            unit_id: o.unit ? ids.get(o.unit)!.id : null,
            roles: o.roles,
            password_hash: hash,
            totp_secret: totpSecret,
            totp_enabled: totpSecret !== null,
            locked_until: null,
            oidc_issuer: null,
            oidc_subject: null,
            updated_at: new Date(),
          })
          .execute()
      }
      await tx
        .insertInto('users')
        .values({
          kind: 'citizen',
          username: null,
          full_name: demoCitizen.fullName,
          email: demoCitizen.email,
          phone: demoCitizen.phone,
          citizen_id: demoCitizen.citizenId,
          organization_name: null,
          tax_code: null,
          agency_id: null,
          unit_id: null,
          roles: ['citizen'],
          password_hash: citizenHash,
          totp_secret: null,
          locked_until: null,
          oidc_issuer: null,
          oidc_subject: null,
          updated_at: new Date(),
        })
        .execute()
      await putSetting(tx, 'demo.org', { seededAt: new Date().toISOString(), governmentLevels: levels })
    })
    creds = {
      officers: prepared.map(({ o, password, totpSecret }) => ({
        username: o.username,
        password,
        roles: o.roles,
        agency: o.agency,
        totpSecret,
      })),
      citizen: { login: demoCitizen.citizenId, password: citizenPassword },
    }
    const file = join(ctx.config.dataDir, 'demo-credentials.json')
    writeFileSync(file, JSON.stringify(creds, null, 2), { mode: 0o600 })
    await printCredentials(ctx, creds, file)
  }
  if (!(await getSetting(db, 'demo.catalog'))) {
    const file = new URL('./data/procedures.json', import.meta.url)
    const items = JSON.parse(readFileSync(file, 'utf8')) as ProcedureContent[]
    const report = await importCatalog(db, SYSTEM, items, {
      publish: { kind: 'new', number: '01/QĐ-DEMO', date: '2025-07-01', signer: 'Chủ tịch UBND Tỉnh Demo (dữ liệu mẫu)' },
    })
    await putSetting(db, 'demo.catalog', { seededAt: new Date().toISOString(), procedures: report.imported })
    ctx.log.info({ procedures: report.imported }, 'demo catalog seeded')
  }
  await seedDemoProcesses(ctx)
  await seedDemoPki(ctx)
  return creds
}

async function printCredentials(ctx: AppContext, creds: DemoCredentials, file: string) {
  const lines = ['', '=== Congso — tài khoản dữ liệu mẫu / demo accounts (chỉ hiện một lần / shown once) ===']
  for (const o of creds.officers) {
    lines.push(`  ${o.username.padEnd(12)} mật khẩu: ${o.password}   vai trò: ${o.roles.join(', ')}`)
    if (o.totpSecret) {
      const { otpauthUrl } = await totpEnrolment(o.totpSecret, o.username)
      lines.push(`               TOTP: ${o.totpSecret}  (${otpauthUrl})  mã hiện tại: ${currentTotp(o.totpSecret)}`)
    }
  }
  lines.push(`  công dân     CCCD: ${creds.citizen.login}  mật khẩu: ${creds.citizen.password}`)
  lines.push(`  (lưu tại / saved in ${file})`, '')
  process.stdout.write(lines.join('\n') + '\n')
  ctx.log.info({ file }, 'demo credentials written')
}
