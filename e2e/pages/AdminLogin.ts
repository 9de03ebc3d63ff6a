import type { Locator, Page } from 'playwright-core'

/** The officers' sign-in `/quan-tri/dang-nhap`: username + password, then (for admins) a TOTP code. */
export class AdminLogin {
  readonly heading: Locator
  readonly username: Locator
  readonly password: Locator
  readonly submit: Locator
  readonly totpCode: Locator
  readonly totpSubmit: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.username = page.getByLabel('Tên đăng nhập', { exact: true })
    this.password = page.getByLabel('Mật khẩu', { exact: true })
    this.submit = page.getByRole('button', { name: 'Đăng nhập', exact: true })
    this.totpCode = page.getByLabel('Mã xác thực (TOTP)', { exact: true })
    this.totpSubmit = page.getByRole('button', { name: 'Xác nhận', exact: true })
  }

  async goto(): Promise<void> {
    await this.page.goto('/quan-tri/dang-nhap')
    await this.username.waitFor()
  }

  /**
   * Signs in and waits for the admin dashboard. `totp` is asked for a code only if the server
   * requests the second factor (it throws if it does and none was given).
   */
  async login(username: string, password: string, totp?: () => Promise<string>): Promise<void> {
    await this.username.fill(username)
    await this.password.fill(password)
    await this.submit.click()
    const dashboard = this.page.waitForURL((url) => url.pathname === '/quan-tri' || url.pathname === '/quan-tri/')
    const second = this.totpCode.waitFor().then(() => 'totp' as const)
    const done = dashboard.then(() => 'ok' as const)
    // Whichever loses the race may reject later: keep that from surfacing as an unhandled rejection.
    for (const p of [dashboard, second, done]) p.catch(() => undefined)
    const first = await Promise.race([second, done])
    if (first === 'totp') {
      if (!totp) throw new Error(`the server asks ${username} for a TOTP code, but no code source was given`)
      await this.totpCode.fill(await totp())
      await this.totpSubmit.click()
      await dashboard
    }
  }
}
