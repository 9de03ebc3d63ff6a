import { authenticator } from 'otplib'
import fs from 'node:fs'
const base = 'http://localhost:3997/api/v1'
const creds = JSON.parse(fs.readFileSync('/tmp/h9/demo-credentials.json', 'utf8'))
let cookie = ''; let csrf = ''
async function call(method, path, body) {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: body ? JSON.stringify(body) : undefined })
  const sc = res.headers.getSetCookie?.() ?? []
  if (sc.length) cookie = sc.map((c) => c.split(';')[0]).join('; ')
  const text = await res.text(); let j; try { j = JSON.parse(text) } catch { j = text }
  if (j && j.csrfToken) csrf = j.csrfToken
  return { status: res.status, body: j }
}
const who = process.argv[2] ?? 'quantri.stp'
const o = creds.officers.find((x) => x.username === who)
await call('POST', '/auth/officer/login', { username: o.username, password: o.password })
if (o.totpSecret) await call('POST', '/auth/totp/verify', { code: authenticator.generate(o.totpSecret) })
const me = await call('GET', '/auth/me'); csrf = me.body.csrfToken
const script = process.argv[3]
const fn = new Function('call', 'me', `return (async () => { ${script} })()`)
console.log(JSON.stringify(await fn(call, me.body), null, 1).slice(0, 6000))
