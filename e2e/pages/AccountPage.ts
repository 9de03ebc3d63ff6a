import type { Locator, Page } from 'playwright-core'

/** The officer's own account page `/quan-tri/tai-khoan` (Vietnamese UI). */
export class AccountPage {
  readonly heading: Locator
  readonly currentPassword: Locator
  readonly newPassword: Locator
  readonly confirmPassword: Locator
  readonly changePassword: Locator
  readonly enableTotp: Locator
  readonly totpSecret: Locator
  readonly totpCode: Locator
  readonly totpSubmit: Locator
  readonly totpOn: Locator
  readonly logout: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })
    this.currentPassword = page.getByLabel('Mật khẩu hiện tại', { exact: true })
    this.newPassword = page.getByLabel('Mật khẩu mới', { exact: true })
    this.confirmPassword = page.getByLabel('Nhập lại mật khẩu mới', { exact: true })
    // by test id: while a request runs the button's name also carries antd's "loading" icon
    this.changePassword = page.getByTestId('password-submit')
    this.enableTotp = page.getByRole('button', { name: 'Bật xác thực hai lớp (TOTP)' })
    this.totpSecret = page.getByTestId('totp-secret')
    this.totpCode = page.getByLabel('Mã xác thực (TOTP)', { exact: true })
    this.totpSubmit = page.getByRole('button', { name: 'Kích hoạt', exact: true })
    this.totpOn = page.getByTestId('totp-on')
    this.logout = page.getByRole('button', { name: 'Đăng xuất', exact: true })
  }

  /** Opens the page through the officer's name in the admin header. */
  async openFromHeader(fullName: string): Promise<void> {
    await this.page.getByRole('link', { name: fullName, exact: true }).click()
    await this.page.waitForURL((u) => u.pathname === '/quan-tri/tai-khoan')
    await this.heading.waitFor()
  }

  /** Waits for an antd `message` toast with this text. */
  async toast(text: string): Promise<void> {
    await this.page.locator('.ant-message-notice').filter({ hasText: text }).waitFor()
  }

  async signOut(): Promise<void> {
    await this.logout.click()
    await this.page.waitForURL((u) => u.pathname === '/quan-tri/dang-nhap')
  }
}
