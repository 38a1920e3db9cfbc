/**
 * Browser tests' set-up: Debian's Chromium (installed with apt-get on first use when missing) driven
 * by playwright-core, and a fresh build of the web app when web/dist is stale. Only the files under
 * test/web use it, so the other suites never pay for a browser.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import type { RuntimeOptions } from '../../../src/app/runtime.ts'
import { createHarness, type Harness } from '../../support/harness.ts'

export const CHROMIUM = '/usr/bin/chromium'
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const SCREENSHOTS = join(root, 'docs', 'screenshots')

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync'
]

let ready = false

/**
 * Debian's Chromium brings no CJK font: Korean pages would render as empty boxes in screenshots.
 * Noto CJK is installed beside it (the same apt-get run, on first use).
 */
const FONTS = 'fonts-noto-cjk'
const KOREAN_FONT_CHECK = 'fc-list :lang=ko family | grep -q .'

function hasKoreanFont(): boolean {
  const res = spawnSync('sh', ['-c', KOREAN_FONT_CHECK], { stdio: 'ignore' })
  return res.status === 0
}

/**
 * Installs Chromium and a Korean font (Noto CJK) from Debian's packages if they are missing (once per process; `flock` keeps two
 * test processes from running apt-get at once), and builds the web app if its build is stale.
 * Fails with the fix in the message rather than skipping: a browser test that did not run is not a pass.
 */
export function prepareBrowserTests(): void {
  if (ready) return
  if (!existsSync(CHROMIUM) || !hasKoreanFont()) {
    const script = `test -x ${CHROMIUM} && ${KOREAN_FONT_CHECK} || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium ${FONTS}; }`
    const res = spawnSync('flock', ['/tmp/firstcome-chromium.lock', 'sh', '-c', script], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 900_000
    })
    if (res.status !== 0 || !existsSync(CHROMIUM) || !hasKoreanFont()) {
      throw new Error(
        `Chromium (${CHROMIUM}) or a Korean font is missing and could not be installed (apt-get exit ${res.status ?? res.error?.message}). ` +
          `Install them as root with: apt-get update && apt-get install -y chromium ${FONTS}`
      )
    }
  }
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-web.mjs')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 300_000
  })
  if (build.status !== 0) throw new Error('The web app did not build: run `npm run build:web` to see why')
  mkdirSync(SCREENSHOTS, { recursive: true })
  ready = true
}

export async function launchBrowser(): Promise<Browser> {
  prepareBrowserTests()
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
}

/** A phone-sized context: every buyer screen must work there. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: false }
export const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 }

/** A harness whose app listens on 127.0.0.1 with dev tokens and the workers (admission) on. */
export interface WebHarness extends Harness {
  base: string
}

export async function startWebHarness(
  env: Record<string, string> = {},
  options: RuntimeOptions = {}
): Promise<WebHarness> {
  // The whole engine as `npm start` runs it: admission scheduler, Kafka pipeline, results. Topics
  // and consumer groups of its own: on the default prefix, any other process on the shared broker
  // (another test file, an `npm start`) would be a member of the same groups and take its messages.
  const h = await createHarness(
    {
      FC_DEV_AUTH: '1',
      FC_WORKERS: '1',
      FC_ADMISSION_TICK_MS: '200',
      FC_PAYMENT_LATENCY_MS: '5',
      FC_KAFKA_TOPIC_PREFIX: `fc-web-${randomBytes(5).toString('hex')}`,
      ...env
    },
    { pipeline: 'kafka', ...options }
  )
  await h.rt.app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = h.rt.app.server.address() as AddressInfo
  return Object.assign(h, { base: `http://127.0.0.1:${port}` })
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** Collects the page's console errors and CSP violations: a test fails on any. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (
      m.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
    )
      errors.push(`console: ${m.text()}`)
  })
  return errors
}

/**
 * Opens the console and signs the operator in, returning once the console shows (the token is
 * saved then): a page loaded before that would find no session and show the sign-in form again.
 */
export async function signInOperator(page: Page): Promise<void> {
  await page.goto('/admin')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Console' }).waitFor({ timeout: 15_000 })
}

/** Signs a buyer in through the page's demo sign-in form. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

export async function newBuyer(browser: Browser, base: string, path: string, name: string) {
  const context: BrowserContext = await browser.newContext({ ...PHONE, baseURL: base })
  const page = await context.newPage()
  const errors = watchErrors(page)
  await page.goto(path)
  await signIn(page, name)
  return { context, page, errors }
}
