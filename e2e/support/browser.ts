import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { ROOT } from './server.ts'

export const VIEWPORT = { width: 1280, height: 800 } as const
export const SCREENSHOT_DIR = join(ROOT, 'e2e/screenshots')
export const DOCS_SCREENSHOT_DIR = join(ROOT, 'docs/screenshots')

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A fresh context (own cookies) at 1280×800, Vietnamese locale, with the server as base URL. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORT,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    reducedMotion: 'reduce',
  })
  context.setDefaultTimeout(15_000)
  context.setDefaultNavigationTimeout(30_000)
  return context
}

/**
 * Saves a full-viewport screenshot to `e2e/screenshots/<name>.png`; with `docs: true` also copies
 * it to `docs/screenshots/<name>.png` (the committed ones).
 */
export async function screenshot(page: Page, name: string, opts: { docs?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = join(SCREENSHOT_DIR, `${name}.png`)
  // Let web fonts and antd's entrance transitions settle so the committed images are stable.
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
  if (opts.docs) {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true })
    copyFileSync(file, join(DOCS_SCREENSHOT_DIR, `${name}.png`))
  }
  return file
}

/** Best-effort screenshot of the current page when a test fails (for debugging). */
export async function failureScreenshot(page: Page | undefined, name: string): Promise<void> {
  if (!page || page.isClosed()) return
  try {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOT_DIR, `failure-${name.replace(/[^\w.-]+/g, '_')}.png`), fullPage: true })
  } catch {
    // ignore: the page may be gone
  }
}
