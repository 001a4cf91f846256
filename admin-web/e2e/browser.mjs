// Shared by the browser tests: the stack's address, the demo account, and a fresh Debian chromium profile
// per scenario (Playwright's own browser download does not work on our machines).
// Environment: E2E_BASE_URL (default http://localhost:8080/admin/), CHROMIUM_PATH (default /usr/bin/chromium),
// E2E_USERNAME / E2E_PASSWORD (default the demo county admin).
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const baseUrl = new URL(process.env.E2E_BASE_URL ?? 'http://localhost:8080/admin/')
export const username = process.env.E2E_USERNAME ?? 'zn-admin'
export const password = process.env.E2E_PASSWORD ?? 'Demo@2026'
const screenshots = fileURLToPath(new URL('../target/e2e/', import.meta.url))

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1400, height: 900 },
}

export const consolePath = (suffix) => new URL(suffix, baseUrl).pathname

/** Runs `scenario` in a fresh browser profile; keeps a screenshot under target/e2e/ when it fails. */
export async function inBrowser(t, scenario) {
  const profile = await mkdtemp(path.join(tmpdir(), 'vc-admin-e2e-'))
  const context = await chromium.launchPersistentContext(profile, launchOptions)
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(15_000)
  try {
    await scenario(page)
  } catch (error) {
    await mkdir(screenshots, { recursive: true })
    const name = t.name.replace(/[^\p{L}\p{N}]+/gu, '-')
    await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true })
    throw error
  } finally {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  }
}
