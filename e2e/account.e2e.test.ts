import type { Browser, BrowserContext, Page } from 'playwright-core'
import { authenticator } from 'otplib'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { AccountPage } from './pages/AccountPage.ts'
import { AdminLogin } from './pages/AdminLogin.ts'
import { failureScreenshot, launchBrowser, newContext } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'

const STEP_MS = 30_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let server: TestServer
let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  context = await newContext(browser, server.baseUrl)
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/**
 * Codes for a secret enrolled during the test. The server accepts each 30-s step once per account,
 * so a second code waits for the step after the one used last.
 */
function codesFor(secret: string) {
  let lastStep = -1
  return async () => {
    while (Math.floor(Date.now() / STEP_MS) <= lastStep || STEP_MS - (Date.now() % STEP_MS) < 1_000) {
      await sleep(Math.min(STEP_MS - (Date.now() % STEP_MS) + 250, STEP_MS))
    }
    lastStep = Math.floor(Date.now() / STEP_MS)
    return authenticator.generate(secret)
  }
}

describe('officer account page', () => {
  it('an officer without TOTP changes the password, then turns on TOTP, and sign-in asks for the code', async (ctx) => {
    onTestFailed(() => failureScreenshot(page, ctx.task.name))
    const officer = server.officer('chuyenvien')
    expect(officer.totpSecret).toBeNull()
    const login = new AdminLogin(page)
    await login.goto()
    await login.login(officer.username, officer.password)
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { fullName: string }

    // The officer's name in the header leads to the account page with the profile.
    const account = new AccountPage(page)
    await account.openFromHeader(me.fullName)
    const main = page.getByRole('main')
    await main.getByText(officer.username, { exact: true }).waitFor()
    await main.getByText('Chuyên viên', { exact: true }).waitFor()
    await main.getByText('Chưa bật', { exact: true }).waitFor()

    // Client-side checks: the contracts' Password rules and the repeated password.
    await account.currentPassword.fill(officer.password)
    await account.newPassword.fill('ngan1')
    await account.confirmPassword.fill('khac1')
    await account.changePassword.click()
    await page.getByText('Mật khẩu phải có ít nhất 10 ký tự').waitFor()
    await page.getByText('Mật khẩu nhập lại không khớp').waitFor()

    // A wrong current password is the server's answer, shown on its field.
    const newPassword = 'MatKhauMoi2025'
    await account.currentPassword.fill('sai-mat-khau-1')
    await account.newPassword.fill(newPassword)
    await account.confirmPassword.fill(newPassword)
    await account.changePassword.click()
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'Mật khẩu hiện tại không đúng' }).waitFor()
    // (a loading antd button ignores clicks: wait until that request has fully settled)
    await page.locator('[data-testid="password-submit"]:not(.ant-btn-loading)').waitFor()

    await account.currentPassword.fill(officer.password)
    await account.changePassword.click()
    await account.toast('Đã đổi mật khẩu')

    // Sign out; the old password no longer works, the new one does.
    await account.signOut()
    await login.username.fill(officer.username)
    await login.password.fill(officer.password)
    await login.submit.click()
    await page.locator('.ant-message-notice').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng' }).waitFor()
    await login.login(officer.username, newPassword)

    // Turn on TOTP: QR code, secret, then a code from the secret.
    await account.openFromHeader(me.fullName)
    await account.enableTotp.click()
    await page.getByRole('img', { name: 'Mã QR để thiết lập xác thực hai lớp' }).waitFor()
    const secret = (await account.totpSecret.innerText()).trim()
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    const totp = codesFor(secret)
    await account.totpCode.fill(await totp())
    await account.totpSubmit.click()
    await account.toast('Đã bật xác thực hai lớp')
    await account.totpOn.waitFor()
    expect(await account.enableTotp.count()).toBe(0)

    // From now on sign-in asks for the code.
    await account.signOut()
    await login.username.fill(officer.username)
    await login.password.fill(newPassword)
    await login.submit.click()
    await login.totpCode.waitFor()
    expect(await login.heading.textContent()).toBe('Xác thực hai lớp')
    await login.totpCode.fill(await totp())
    await login.totpSubmit.click()
    await page.waitForURL((u) => u.pathname === '/quan-tri' || u.pathname === '/quan-tri/')
  })
})

describe('citizen sign-in with a second factor', () => {
  it('a citizen who turned on TOTP is asked for the code after the password', async (ctx) => {
    const ctxB = await newContext(browser, server.baseUrl)
    const p = await ctxB.newPage()
    onTestFailed(() => failureScreenshot(p, ctx.task.name))
    // Register and turn TOTP on through the API (the account page's enrolment is covered above for officers).
    const phone = `09${String(Date.now()).slice(-8)}`
    const reg = await p.request.post('/api/v1/auth/citizen/register', {
      data: { fullName: 'Lê Thị Thu', citizenId: '001190054321', phone, email: `thu.${phone}@example.vn`, password: 'MatKhau12345' },
    })
    expect(reg.status(), await reg.text()).toBe(201)
    const csrf = ((await reg.json()) as { csrfToken: string }).csrfToken
    const setup = (await (await p.request.post('/api/v1/auth/totp/setup', { headers: { 'x-csrf-token': csrf } })).json()) as {
      secret: string
    }
    const enable = await p.request.post('/api/v1/auth/totp/enable', {
      headers: { 'x-csrf-token': csrf },
      data: { code: authenticator.generate(setup.secret) },
    })
    expect(enable.status(), await enable.text()).toBe(200)
    await ctxB.clearCookies()

    await p.goto('/dang-nhap?next=/tai-khoan')
    await p.getByLabel('Số CCCD, e-mail hoặc số điện thoại', { exact: false }).first().fill(phone)
    await p.getByLabel('Mật khẩu', { exact: true }).fill('MatKhau12345')
    await p.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
    await p.getByTestId('totp-submit').waitFor()
    // the step after enabling used the current 30-s step: wait for the next one
    const step = Math.floor(Date.now() / 30_000)
    while (Math.floor(Date.now() / 30_000) === step) await p.waitForTimeout(500)
    await p.getByLabel('Mã xác thực (TOTP)', { exact: true }).fill(authenticator.generate(setup.secret))
    await p.getByTestId('totp-submit').click()
    await p.waitForURL((u) => u.pathname === '/tai-khoan')
    const me = (await (await p.request.get('/api/v1/auth/me')).json()) as { stage: string; fullName: string }
    expect(me).toMatchObject({ stage: 'ok', fullName: 'Lê Thị Thu' })
    await ctxB.close()
  })
})
