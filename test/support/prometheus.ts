/**
 * Prometheus for the tests: Debian's `prometheus` package (with `promtool`), installed with apt-get
 * on first use when missing, like Chromium for the browser tests; and a Prometheus server of the
 * test's own (its own port, data directory and scrape targets), stopped when the test ends.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const PROMETHEUS = '/usr/bin/prometheus'
export const PROMTOOL = '/usr/bin/promtool'

/**
 * Installs Debian's prometheus package when `prometheus` or `promtool` is missing (`flock` keeps
 * two test processes from running apt-get at once). Fails with the fix in the message rather than
 * skipping: a check that did not run is not a pass.
 */
export function ensurePrometheus(): void {
  if (existsSync(PROMETHEUS) && existsSync(PROMTOOL)) return
  const script = `test -x ${PROMTOOL} && test -x ${PROMETHEUS} || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; }`
  const res = spawnSync('flock', ['/tmp/firstcome-prometheus.lock', 'sh', '-c', script], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 900_000
  })
  if (res.status !== 0 || !existsSync(PROMETHEUS) || !existsSync(PROMTOOL)) {
    throw new Error(
      `Prometheus (${PROMETHEUS}, ${PROMTOOL}) is missing and could not be installed (apt-get exit ${res.status ?? res.error?.message}). ` +
        'Install it as root with: apt-get update && apt-get install -y prometheus'
    )
  }
}

/** Runs promtool with the arguments; its exit status and output. */
export function promtool(args: string[], cwd?: string): { status: number | null; output: string } {
  const res = spawnSync(PROMTOOL, args, { cwd, encoding: 'utf8', timeout: 120_000 })
  return { status: res.status, output: `${res.stdout}${res.stderr}` }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/** One result of an instant query. */
export interface Sample {
  metric: Record<string, string>
  value: [number, string]
}

export interface TestPrometheus {
  url: string
  /** An instant query; its vector (empty when nothing matched). Throws on a query Prometheus refuses. */
  query(expr: string): Promise<Sample[]>
  stop(): Promise<void>
}

/**
 * Starts a Prometheus scraping `targets` (host:port of firstcome internal listeners) every second,
 * with the rules files given (absolute paths), on a free port and a fresh data directory.
 */
export async function startPrometheus(targets: string[], ruleFiles: string[] = []): Promise<TestPrometheus> {
  ensurePrometheus()
  const dir = mkdtempSync(join(tmpdir(), 'fc-prometheus-'))
  const port = await freePort()
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    ...(ruleFiles.length > 0 ? ['rule_files:', ...ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)] : []),
    'scrape_configs:',
    '  - job_name: firstcome',
    '    metrics_path: /metrics',
    '    static_configs:',
    `      - targets: ${JSON.stringify(targets)}`
  ].join('\n')
  writeFileSync(join(dir, 'prometheus.yml'), `${config}\n`)
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn'
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  let log = ''
  child.stderr?.on('data', (c: Buffer) => {
    log = (log + c.toString()).slice(-4000)
  })
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const query = async (expr: string): Promise<Sample[]> => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`)
    const body = (await res.json()) as {
      status: string
      error?: string
      data?: { resultType: string; result: Sample[] }
    }
    if (body.status !== 'success') throw new Error(`Prometheus refused ${expr}: ${body.error}`)
    return body.data?.resultType === 'vector' ? (body.data.result ?? []) : []
  }
  // Ready when its API answers.
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`Prometheus exited (${child.exitCode}): ${log}`)
    try {
      const res = await fetch(`${url}/-/ready`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (i > 600) {
      await stop()
      throw new Error(`Prometheus did not become ready: ${log}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url, query, stop }
}
