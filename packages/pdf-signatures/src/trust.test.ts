import { execFile as execFileCb, execFileSync } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import * as asn1js from 'asn1js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertCanSign, signPdf, SigningError, validatePdf, type RevocationOptions, type ValidateOptions } from './index.ts'
import { buildCadesSignature } from './sign/cms.ts'
import { describeSigner, Pkcs12Signer } from './sign/pkcs12.ts'
import { addSignatureTimestamp, HttpTimestampClient, type TimestampClient } from './sign/timestamp.ts'
import { makeSamplePdf } from './testing/fixtures.ts'
import { createTestPki, exportPkcs12, type TestIdentity, type TestPki } from './testing/pki.ts'
import { startRevocationServer, type TestRevocationServer } from './testing/revocation-server.ts'
import { DEMO_TSA_POLICY, startTestTsa, type TestTsa } from './testing/tsa.ts'
import { assessCertificate } from './validate/chain.ts'
import { checkCms } from './validate/cms-verify.ts'
import { verifySignatureTimestamp } from './validate/timestamp-verify.ts'

const execFile = promisify(execFileCb)
const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p))

let pki: TestPki
let revocation: TestRevocationServer
let tsa: TestTsa
let base: Uint8Array
let dir: string

beforeAll(async () => {
  revocation = await startRevocationServer()
  pki = await createTestPki({ revocationBaseUrl: revocation.url })
  await revocation.serve(pki)
  tsa = await startTestTsa(pki.tsa)
  base = await makeSamplePdf()
  dir = mkdtempSync(join(tmpdir(), 'congso-trust-'))
}, 60_000)

afterAll(async () => {
  await revocation.close()
  await tsa.close()
  rmSync(dir, { recursive: true, force: true })
})

const anchors = (): X509Certificate[] => [new X509Certificate(pki.root.certificate)]
const trust = (extra: Partial<ValidateOptions> = {}): ValidateOptions => ({ trustAnchors: [pki.root.certificatePem], ...extra })
const signAs = (who: TestIdentity, extra: object = {}): Promise<Uint8Array> =>
  signPdf(base, { signer: who.signer, name: who.name, title: 'Chuyên viên', ...extra })

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p)
  } catch (e) {
    if (e instanceof SigningError) return e.code
    throw e
  }
  return 'no error'
}

/** Writes the identity's key and certificate and packs them with `openssl pkcs12 -export`. */
function opensslPfx(who: TestIdentity, file: string, passphrase: string, flags: string[] = [], withKey = true): string {
  const key = join(dir, `${file}.key`)
  const cert = join(dir, `${file}.crt`)
  const ca = join(dir, `${file}.ca`)
  writeFileSync(key, who.privateKey.export({ format: 'pem', type: 'pkcs8' }))
  writeFileSync(cert, who.certificatePem)
  writeFileSync(ca, pki.root.certificatePem)
  const out = join(dir, `${file}.p12`)
  const keyArgs = withKey ? ['-inkey', key] : ['-nokeys']
  execFileSync(OPENSSL!, [
    'pkcs12',
    '-export',
    ...keyArgs,
    '-in',
    cert,
    '-certfile',
    ca,
    '-out',
    out,
    '-passout',
    `pass:${passphrase}`,
    ...flags,
  ])
  return out
}

describe.skipIf(!OPENSSL)('Pkcs12Signer with files from openssl', () => {
  const encodings: [string, string[]][] = [
    ['OpenSSL 3 default (PBES2 AES-256-CBC, PBKDF2, HMAC-SHA256)', []],
    ['legacy (RC2-40 certificates, 3DES key, HMAC-SHA1)', ['-legacy']],
    ['3DES everywhere, SHA-1 MAC', ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']],
  ]
  for (const [label, flags] of encodings) {
    it(`reads ${label}, signs, and the signature validates`, async () => {
      const file = opensslPfx(pki.agencySeal, `seal-${flags.length}`, 'mật-khẩu-con-dấu', flags)
      const signer = await Pkcs12Signer.fromFile(file, 'mật-khẩu-con-dấu')
      const chain = await signer.certificateChain()
      expect(chain.map((c) => Buffer.from(c))).toEqual([Buffer.from(pki.agencySeal.certificate), Buffer.from(pki.root.certificate)])
      const signed = await signPdf(base, { signer, name: 'UBND xã Demo' })
      const [sig] = (await validatePdf(signed, trust())).signatures
      expect(sig).toMatchObject({ integrity: 'ok', trust: 'trusted', signerName: 'UBND xã Demo (TEST ONLY)', errors: [] })
    })
  }

  it('a wrong passphrase is pkcs12-bad-passphrase, for modern and legacy files', async () => {
    const modern = opensslPfx(pki.agencySeal, 'wrong-modern', 'right')
    const legacy = opensslPfx(pki.agencySeal, 'wrong-legacy', 'right', ['-legacy'])
    expect(await codeOf(Pkcs12Signer.fromFile(modern, 'wrong'))).toBe('pkcs12-bad-passphrase')
    expect(await codeOf(Pkcs12Signer.fromFile(legacy, 'wrong'))).toBe('pkcs12-bad-passphrase')
    expect(await codeOf(Pkcs12Signer.fromFile(modern, ''))).toBe('pkcs12-bad-passphrase')
  })

  it('a file with certificates but no key is pkcs12-no-key', async () => {
    const file = opensslPfx(pki.agencySeal, 'nokey', 'secret', [], false)
    expect(await codeOf(Pkcs12Signer.fromFile(file, 'secret'))).toBe('pkcs12-no-key')
  })
})

describe('Pkcs12Signer', () => {
  it('reads node-forge output (AES-256 and 3DES) and orders the chain signer first', async () => {
    for (const encryption of ['aes256', '3des'] as const) {
      // Root first in the file: the signer must still come first.
      const p12 = exportPkcs12(pki.personal1, 'secret', { encryption, chain: [pki.root.certificate] })
      const signer = Pkcs12Signer.fromBytes(p12, 'secret')
      expect(signer.chain.map((c) => new X509Certificate(c).subject.split('\n')[0])).toEqual([
        'CN=Nguyễn Văn An (TEST ONLY)',
        'CN=Congso Demo Root CA (TEST ONLY)',
      ])
    }
  })

  it('garbage, a missing file and an empty buffer are pkcs12-unreadable', async () => {
    expect(await codeOf(() => Pkcs12Signer.fromBytes(new Uint8Array([1, 2, 3, 4]), 'x'))).toBe('pkcs12-unreadable')
    expect(await codeOf(() => Pkcs12Signer.fromBytes(new Uint8Array(0), 'x'))).toBe('pkcs12-unreadable')
    expect(await codeOf(() => Pkcs12Signer.fromBytes(pki.root.certificate, 'x'))).toBe('pkcs12-unreadable')
    expect(await codeOf(Pkcs12Signer.fromFile(join(dir, 'does-not-exist.p12'), 'x'))).toBe('pkcs12-unreadable')
  })

  it('describeSigner shows the seal subject, validity and key usage', async () => {
    const signer = Pkcs12Signer.fromBytes(exportPkcs12(pki.agencySeal, 'secret'), 'secret')
    const d = await describeSigner(signer)
    expect(d.certificate).toMatchObject({ commonName: 'UBND xã Demo (TEST ONLY)', organization: 'Congso Demo' })
    expect(Date.parse(d.certificate.notAfter)).toBeGreaterThan(Date.now())
    expect(d.keyUsage).toEqual(['digitalSignature', 'nonRepudiation'])
    expect(d.chain.map((c) => c.commonName)).toEqual(['UBND xã Demo (TEST ONLY)', 'Congso Demo Root CA (TEST ONLY)'])
  })
})

describe('assertCanSign refuses certificates that cannot sign, and signPdf writes nothing', () => {
  it('expired, not yet valid, wrong key usage', async () => {
    expect(await codeOf(() => assertCanSign(pki.expiredPersonal.certificate, new Date()))).toBe('certificate-expired')
    expect(await codeOf(() => assertCanSign(pki.personal1.certificate, new Date(Date.now() - 365 * 86_400_000)))).toBe(
      'certificate-not-yet-valid',
    )
    expect(await codeOf(() => assertCanSign(pki.wrongUsage.certificate, new Date()))).toBe('certificate-key-usage')
    expect(await codeOf(() => assertCanSign(pki.personal1.certificate, new Date()))).toBe('no error')
  })

  it('a PKCS#12 seal with a wrong-usage certificate is refused at signing', async () => {
    const signer = Pkcs12Signer.fromBytes(exportPkcs12(pki.wrongUsage, 'secret'), 'secret')
    expect(await codeOf(signPdf(base, { signer, name: 'x' }))).toBe('certificate-key-usage')
  })
})

describe('RFC 3161 time-stamps (PAdES B-T)', () => {
  const client = (): HttpTimestampClient => new HttpTimestampClient(tsa.url, { policyOid: DEMO_TSA_POLICY })
  const data = Buffer.from('dữ liệu đã ký')
  const digest = new Uint8Array(createHash('sha256').update(data).digest())

  it('a time-stamped CMS still verifies and its token is valid, at the time of stamping', async () => {
    const cms = await buildCadesSignature(digest, pki.personal1.signer)
    const before = Date.now()
    const stamped = await addSignatureTimestamp(cms, client())
    const after = Date.now()
    const check = checkCms(stamped, [data])
    expect(check).toMatchObject({ integrity: 'ok', errors: [] })
    expect(Buffer.from(check.signatureValue!)).toEqual(Buffer.from(checkCms(cms, [data]).signatureValue!))
    const report = await verifySignatureTimestamp(stamped, anchors())
    expect(report).toMatchObject({ status: 'valid', trust: 'trusted', errors: [] })
    expect(report!.tsaName).toContain('CN=Congso Demo TSA (TEST ONLY)')
    expect(Date.parse(report!.time)).toBeGreaterThanOrEqual(before - 1000)
    expect(Date.parse(report!.time)).toBeLessThanOrEqual(after + 1000)
    expect(await verifySignatureTimestamp(cms, anchors())).toBeNull()
  })

  it('signPdf with a TSA gives a B-T signature whose time-stamp validatePdf accepts', async () => {
    const before = Date.now()
    const signed = await signAs(pki.personal1, { timestamp: client() })
    const after = Date.now()
    const report = await validatePdf(signed, trust())
    expect(report.verdict).toBe('valid')
    const [sig] = report.signatures
    expect(sig).toMatchObject({ integrity: 'ok', trust: 'trusted', errors: [] })
    expect(sig!.timestamp).toMatchObject({ status: 'valid', trust: 'trusted', errors: [] })
    expect(Date.parse(sig!.timestamp!.time)).toBeGreaterThanOrEqual(before - 1000)
    expect(Date.parse(sig!.timestamp!.time)).toBeLessThanOrEqual(after + 1000)
  })

  it('a token over another imprint is invalid', async () => {
    const cms = await buildCadesSignature(digest, pki.personal1.signer)
    const elsewhere: TimestampClient = { stamp: () => client().stamp(new Uint8Array(32).fill(7)) }
    const report = await verifySignatureTimestamp(await addSignatureTimestamp(cms, elsewhere), anchors())
    expect(report).toMatchObject({ status: 'invalid' })
    expect(report!.errors).toContain('timestamp-imprint-mismatch')
  })

  it('a token from an untrusted TSA, or from a certificate without the time-stamping usage, is invalid', async () => {
    const cms = await addSignatureTimestamp(await buildCadesSignature(digest, pki.personal1.signer), client())
    const untrusted = await verifySignatureTimestamp(cms, [new X509Certificate(pki.otherRoot.certificate)])
    expect(untrusted).toMatchObject({ status: 'invalid', trust: 'untrusted' })
    const rogue = await startTestTsa(pki.personal2)
    try {
      const rogueCms = await addSignatureTimestamp(
        await buildCadesSignature(digest, pki.personal1.signer),
        new HttpTimestampClient(rogue.url),
      )
      const report = await verifySignatureTimestamp(rogueCms, anchors())
      expect(report).toMatchObject({ status: 'invalid', trust: 'trusted' })
      expect(report!.errors).toEqual(['timestamp-tsa-key-usage'])
    } finally {
      await rogue.close()
    }
  })

  it('something else in the time-stamp attribute is reported invalid, not thrown', async () => {
    const notAToken: TimestampClient = {
      stamp: async () => new Uint8Array(new asn1js.OctetString({ valueHex: new Uint8Array(8) }).toBER(false)),
    }
    const cms = await addSignatureTimestamp(await buildCadesSignature(digest, pki.personal1.signer), notAToken)
    expect(await verifySignatureTimestamp(cms, anchors())).toMatchObject({ status: 'invalid', errors: ['timestamp-malformed'] })
  })

  it('a TSA that refuses, answers for another request or is down: timestamp-failed, and signPdf writes nothing', async () => {
    const cms = await buildCadesSignature(digest, pki.personal1.signer)
    try {
      for (const mode of ['reject', 'wrong-nonce', 'wrong-imprint', 'down'] as const) {
        tsa.mode = mode
        expect(await codeOf(addSignatureTimestamp(cms, client())), mode).toBe('timestamp-failed')
      }
      expect(await codeOf(signAs(pki.personal1, { timestamp: client() }))).toBe('timestamp-failed')
    } finally {
      tsa.mode = 'ok'
    }
    expect(await codeOf(addSignatureTimestamp(cms, new HttpTimestampClient(tsa.url, { policyOid: '1.2.3.4' })))).toBe('timestamp-failed')
    expect(await codeOf(addSignatureTimestamp(cms, new HttpTimestampClient('http://127.0.0.1:9/tsa', { timeoutMs: 2000 })))).toBe(
      'timestamp-failed',
    )
  })

  it.skipIf(!OPENSSL)('openssl ts -verify accepts a token from the simulator', async () => {
    const imprint = new Uint8Array(32).fill(3)
    const token = await client().stamp(imprint)
    writeFileSync(join(dir, 'token.der'), token)
    writeFileSync(join(dir, 'root.pem'), pki.root.certificatePem)
    const { stdout } = await execFile(OPENSSL!, [
      'ts',
      '-verify',
      '-token_in',
      '-in',
      join(dir, 'token.der'),
      '-digest',
      Buffer.from(imprint).toString('hex'),
      '-CAfile',
      join(dir, 'root.pem'),
    ])
    expect(stdout).toContain('Verification: OK')
  })

  it.skipIf(!OPENSSL)('a token from OpenSSL as TSA (ESS signing-certificate v1) is fetched, embedded and verified', async () => {
    writeFileSync(join(dir, 'tsa.key'), pki.tsa.privateKey.export({ format: 'pem', type: 'pkcs8' }))
    writeFileSync(join(dir, 'tsa.pem'), pki.tsa.certificatePem)
    writeFileSync(join(dir, 'tsaserial'), '01\n')
    writeFileSync(
      join(dir, 'ts.cnf'),
      ['[ tsa ]', 'default_tsa = t', '[ t ]', `serial = ${join(dir, 'tsaserial')}`, 'default_policy = 1.2.3.4.1', 'digests = sha256']
        .concat(['signer_digest = sha256', 'accuracy = secs:1', 'ess_cert_id_alg = sha1', 'certs = ' + join(dir, 'tsa.pem')])
        .join('\n'),
    )
    const opensslTsa: typeof fetch = async (_url, init) => {
      writeFileSync(join(dir, 'q.tsq'), init!.body as Uint8Array)
      const args = ['ts', '-reply', '-config', join(dir, 'ts.cnf'), '-queryfile', join(dir, 'q.tsq'), '-inkey', join(dir, 'tsa.key')]
      await execFile(OPENSSL!, [...args, '-signer', join(dir, 'tsa.pem'), '-out', join(dir, 'r.tsr')])
      return new Response(readFileSync(join(dir, 'r.tsr')), { headers: { 'content-type': 'application/timestamp-reply' } })
    }
    const cms = await buildCadesSignature(digest, pki.personal1.signer)
    const stamped = await addSignatureTimestamp(cms, new HttpTimestampClient('http://tsa.invalid/', { fetch: opensslTsa }))
    expect(await verifySignatureTimestamp(stamped, anchors())).toMatchObject({ status: 'valid', trust: 'trusted', errors: [] })
  })
})

describe('revocation (OCSP, then CRL) against the simulators', () => {
  const withRevocation = (extra: RevocationOptions = {}): ValidateOptions => trust({ revocation: { timeoutMs: 2000, ...extra } })
  const reset = (): void => {
    revocation.ocsp = 'ok'
    revocation.crl = 'ok'
    revocation.responder = 'delegated'
    revocation.responderId = 'by-key'
    revocation.unreachable = false
  }

  it('a good certificate is good, answered by OCSP', async () => {
    const ocspBefore = revocation.requests.ocsp
    const report = await validatePdf(await signAs(pki.personal1), withRevocation())
    expect(report.verdict).toBe('valid')
    expect(report.signatures[0]).toMatchObject({ trust: 'trusted', revocation: 'good', errors: [] })
    expect(revocation.requests.ocsp).toBeGreaterThan(ocspBefore)
  })

  it('a revoked certificate is revoked via OCSP (delegated responder or the CA itself, named by key or by name)', async () => {
    const signed = await signAs(pki.revokedPersonal)
    try {
      for (const [responder, responderId] of [
        ['delegated', 'by-key'],
        ['delegated', 'by-name'],
        ['issuer', 'by-key'],
        ['issuer', 'by-name'],
      ] as const) {
        revocation.responder = responder
        revocation.responderId = responderId
        const crlBefore = revocation.requests.crl
        const report = await validatePdf(signed, withRevocation())
        expect(revocation.requests.crl, 'answered by OCSP alone').toBe(crlBefore)
        expect(report.verdict, `${responder} ${responderId}`).toBe('invalid')
        expect(report.signatures[0]).toMatchObject({ integrity: 'ok', trust: 'revoked', revocation: 'revoked' })
        expect(report.signatures[0]!.errors).toContain('certificate-revoked')
      }
    } finally {
      reset()
    }
  })

  it('with the OCSP responder down, the CRL says revoked (and good for others)', async () => {
    revocation.ocsp = 'down'
    const crlBefore = revocation.requests.crl
    try {
      const revoked = await validatePdf(await signAs(pki.revokedPersonal), withRevocation())
      expect(revoked.signatures[0]).toMatchObject({ trust: 'revoked', revocation: 'revoked' })
      const good = await validatePdf(await signAs(pki.personal2), withRevocation())
      expect(good.signatures[0]).toMatchObject({ trust: 'trusted', revocation: 'good', errors: [] })
      expect(revocation.requests.crl).toBeGreaterThan(crlBefore)
    } finally {
      reset()
    }
  })

  it('an OCSP answer with a bad signature is not believed; the CRL answers instead', async () => {
    revocation.ocsp = 'bad-signature'
    try {
      const a = await assessCertificate(pki.revokedPersonal.certificate, [], anchors(), new Date(), { timeoutMs: 2000 })
      expect(a.revocation).toBe('revoked')
      expect(a.revocationChecks[0]).toMatchObject({
        source: 'crl',
        status: 'revoked',
        reason: 'keyCompromise',
        errors: ['ocsp-signature-invalid'],
      })
      revocation.crl = 'stale'
      const b = await assessCertificate(pki.personal1.certificate, [], anchors(), new Date(), { timeoutMs: 2000 })
      expect(b).toMatchObject({ revocation: 'unknown', errors: ['revocation-response-invalid'] })
      expect(b.revocationChecks[0]!.errors).toEqual(['ocsp-signature-invalid', 'crl-stale'])
    } finally {
      reset()
    }
  })

  it('responders down or hanging: revocation unknown, never an exception', async () => {
    try {
      revocation.unreachable = true
      const down = await validatePdf(await signAs(pki.personal1), withRevocation())
      expect(down.verdict).toBe('indeterminate')
      expect(down.signatures[0]).toMatchObject({ trust: 'trusted', revocation: 'unknown', errors: ['revocation-unreachable'] })
      revocation.unreachable = false
      revocation.ocsp = 'hang'
      revocation.crl = 'hang'
      const started = Date.now()
      const hung = await assessCertificate(pki.personal1.certificate, [], anchors(), new Date(), { timeoutMs: 300 })
      expect(hung).toMatchObject({ revocation: 'unknown', errors: ['revocation-unreachable'] })
      expect(Date.now() - started).toBeLessThan(3000)
    } finally {
      reset()
    }
  })

  it('an intermediate CA is checked too, and its revocation revokes the signature', async () => {
    const officer = pki.governmentOfficer
    const good = await assessCertificate(officer.certificate, [pki.governmentCa.certificate], anchors(), new Date(), {})
    expect(good).toMatchObject({ trust: 'trusted', revocation: 'good', errors: [] })
    expect(good.chain.map((c) => c.commonName)).toEqual([
      'Phạm Thị Dung (TEST ONLY)',
      'Congso Demo Government CA (TEST ONLY)',
      'Congso Demo Root CA (TEST ONLY)',
    ])
    expect(good.revocationChecks.map((c) => [c.status, c.source])).toEqual([
      ['good', 'ocsp'],
      ['good', 'ocsp'],
    ])
    revocation.revoke(pki.governmentCa.certificate, { at: new Date(Date.now() - 3_600_000) })
    try {
      const report = await validatePdf(await signAs(officer), withRevocation())
      expect(report.signatures[0]).toMatchObject({ trust: 'revoked', revocation: 'revoked' })
      expect(report.signatures[0]!.chain).toHaveLength(3)
    } finally {
      revocation.reinstate(pki.governmentCa.certificate)
    }
  })

  it('a revocation after the time checked leaves the certificate good at that time', async () => {
    const signingTime = new Date(Date.now() - 3 * 86_400_000) // before the revocation a day ago
    const a = await assessCertificate(pki.revokedPersonal.certificate, [], anchors(), signingTime, {})
    expect(a).toMatchObject({ revocation: 'good', trust: 'trusted' })
    expect(Date.parse(a.revocationChecks[0]!.revokedAt!)).toBeGreaterThan(signingTime.getTime())
  })

  it('an untrusted chain is not looked up; revocation false is not-checked', async () => {
    const before = { ...revocation.requests }
    const untrusted = await validatePdf(await signAs(pki.untrustedPersonal), withRevocation())
    expect(untrusted.signatures[0]).toMatchObject({ trust: 'untrusted', revocation: 'unknown' })
    expect(revocation.requests).toEqual(before)
    const off = await validatePdf(await signAs(pki.personal1), trust())
    expect(off.signatures[0]).toMatchObject({ trust: 'trusted', revocation: 'not-checked' })
  })

  it('a certificate naming no CRL or OCSP address: unknown, revocation-no-source', async () => {
    const plain = await createTestPki()
    const a = await assessCertificate(plain.personal1.certificate, [], [new X509Certificate(plain.root.certificate)], new Date(), {})
    expect(a).toMatchObject({ trust: 'trusted', revocation: 'unknown', errors: ['revocation-no-source'] })
  }, 30_000)

  it('an oversized CRL is refused without reading it all; an injected fetch is used', async () => {
    const urls: string[] = []
    const fake: typeof fetch = async (input) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      urls.push(url)
      if (url.endsWith('/ocsp')) return new Response('no', { status: 503 })
      return new Response(new Uint8Array(11 * 1024 * 1024))
    }
    const a = await assessCertificate(pki.personal1.certificate, [], anchors(), new Date(), { fetch: fake })
    expect(a.revocation).toBe('unknown')
    expect(a.revocationChecks[0]!.errors).toEqual(['ocsp-unreachable', 'crl-too-large'])
    expect(urls).toEqual([`${revocation.url}/ocsp`, `${revocation.url}/crl/root.crl`])
  })

  it.skipIf(!OPENSSL)('openssl ocsp and openssl crl accept the simulators’ answers', async () => {
    writeFileSync(join(dir, 'root.pem'), pki.root.certificatePem)
    writeFileSync(join(dir, 'revoked.pem'), pki.revokedPersonal.certificatePem)
    writeFileSync(join(dir, 'good.pem'), pki.personal1.certificatePem)
    const ask = (cert: string): Promise<{ stdout: string; stderr: string }> =>
      execFile(OPENSSL!, [
        'ocsp',
        '-issuer',
        join(dir, 'root.pem'),
        '-cert',
        join(dir, cert),
        '-url',
        `${revocation.url}/ocsp`,
        '-CAfile',
        join(dir, 'root.pem'),
      ])
    const revoked = await ask('revoked.pem')
    expect(revoked.stdout).toMatch(/revoked\.pem: revoked/)
    expect(revoked.stderr).toContain('Response verify OK')
    const good = await ask('good.pem')
    expect(good.stdout).toMatch(/good\.pem: good/)
    const crl = await fetch(`${revocation.url}/crl/root.crl`)
    writeFileSync(join(dir, 'root.crl'), new Uint8Array(await crl.arrayBuffer()))
    const out = await execFile(OPENSSL!, [
      'crl',
      '-inform',
      'DER',
      '-in',
      join(dir, 'root.crl'),
      '-CAfile',
      join(dir, 'root.pem'),
      '-noout',
      '-text',
    ])
    expect(out.stderr + out.stdout).toContain('verify OK')
    expect(out.stdout).toContain('Key Compromise')
  })

  it('B-T with revocation: the time-stamp time is the time checked, and all is valid', async () => {
    const signed = await signAs(pki.personal2, { timestamp: new HttpTimestampClient(tsa.url) })
    const report = await validatePdf(signed, withRevocation())
    expect(report.verdict).toBe('valid')
    expect(report.signatures[0]).toMatchObject({ revocation: 'good', timestamp: { status: 'valid' }, errors: [] })
  })
})
