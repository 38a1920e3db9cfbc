/**
 * The `firstcome` command: the service's commands (serve, worker, migrate, reconcile, dlq) and the
 * development tools' (up, down, lab, chaos, bench), which load tools/ and bench/ only when run.
 */

import cluster from 'node:cluster'
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, InvalidArgumentError } from 'commander'
import type { LabCommandOptions } from '../../tools/lab/lab-command.ts'
import { migrate } from '../adapters/postgres/migrate.ts'
import { createRuntime } from '../app/runtime.ts'
import { type Config, ConfigError, loadConfig } from '../config/index.ts'
import { FcError } from '../errors.ts'
import { cacheFor } from '../http/health.ts'
import { buildInternal, listenInternal } from '../http/internal.ts'
import { installGracefulShutdown, listen } from '../http/server.ts'
import type { MeasuredCosts } from '../services/capacity/costs.ts'
import { planCapacity, renderPlan } from '../services/capacity/model.ts'
import { renderReportHtml } from '../services/report/report-html.ts'
import { type ApiFleet, answerPrimary, superviseApiProcesses } from './api-fleet.ts'
import { runVerify, VerifyInputError } from './verify-command.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * The local stack (`up`, `down`), the lab, the chaos run (tools/) and the benchmarks (bench/) are
 * development tooling outside src/: each is loaded by the command that uses it (a dynamic import,
 * typed by the module itself), so the service's commands run where they are not installed (the
 * container image ships only src/). The dependency check (.dependency-cruiser.cjs) allows src/ no
 * other way into tools/ or bench/.
 */
let stackModule: typeof import('../../tools/stack/index.ts') | undefined
const loadStack = async () => {
  stackModule ??= await import('../../tools/stack/index.ts')
  return stackModule
}

interface BenchCliOptions {
  buyers?: number
  seats?: number
  duration: string
  kind: string
  target?: string
  adminToken?: string
  apiProcesses?: number
  workers?: number
  difficulty: number
  admitRate?: number
  tickMs?: number
  graceSec?: number
  holdTtlSec?: number
  ceilings: boolean
  png: boolean
  out?: string
}

function say(line: string): void {
  process.stderr.write(`${line}\n`)
}

/**
 * Starts the API and workers against the configured services; resolves once listening. A single
 * process also opens the internal listener (`/ready`, `/metrics`); a cluster worker leaves that to
 * its primary and answers it over IPC instead.
 */
async function serve(env: Record<string, string | undefined>, onStopped?: () => Promise<void>) {
  const config = loadConfig(env)
  const rt = await createRuntime(config)
  const address = await listen(rt.app, config)
  let internal: string | undefined
  if (cluster.isWorker) answerPrimary(rt.readiness, rt.metrics)
  else internal = await listenInternal(rt.internal, config)
  installGracefulShutdown(rt.app, {
    onClose: async () => {
      await rt.close()
      await onStopped?.()
    }
  })
  return { config, address, internal }
}

/** The primary's internal listener for a fleet of API processes: their readiness and summed metrics. */
async function serveFleetInternal(fleet: ApiFleet, config: Config): Promise<string | undefined> {
  const internal = await buildInternal({
    config,
    readiness: cacheFor(config.internal.readyCacheMs, () => fleet.readiness()),
    metrics: { contentType: fleet.metricsContentType, text: () => fleet.metrics() }
  })
  return listenInternal(internal, config)
}

/** Where the internal listener answers, for the start-up lines. */
function internalLine(address: string | undefined): string {
  return address ? `${address}/ready, ${address}/metrics` : 'off (FC_INTERNAL_PORT=off)'
}

function positiveInt(raw: string): number {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive whole number, got "${raw}"`)
  return n
}

const program = new Command()
  .name('firstcome')
  .description('First-come-first-served sales: waiting room, atomic inventory, booking pipeline')

program
  .command('up')
  .description('start Redis, PostgreSQL and Kafka when they do not answer, then the API and the workers')
  .option('--detach', 'leave the services running after this command exits (stop them with `firstcome down`)')
  .option('--redis-cluster', 'run Redis as a Redis Cluster: 3 primaries + 3 replicas on 127.0.0.1:7000-7005')
  .option(
    '--kafka-brokers <n>',
    'brokers of the local Kafka cluster (3: 127.0.0.1:19092,19094,19096)',
    positiveInt,
    1
  )
  .option(
    '--api-processes <n>',
    'API processes sharing the port (node:cluster; a dead one is replaced)',
    positiveInt,
    1
  )
  .action(
    async (opts: {
      detach?: boolean
      redisCluster?: boolean
      kafkaBrokers: number
      apiProcesses: number
    }) => {
      const started = Date.now()
      say('firstcome: checking Redis, PostgreSQL and Kafka...')
      const { ensureStack } = await loadStack()
      const stack = await ensureStack({
        root,
        env: process.env,
        detached: opts.detach ?? false,
        redisCluster: opts.redisCluster ?? false,
        kafkaBrokers: opts.kafkaBrokers,
        onProgress: ({ service, phase, message }) =>
          say(`  ${service.padEnd(8)} ${phase.padEnd(7)} ${message}`)
      })
      say(`firstcome: services ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      // The development profile: dev tokens on (every client is local), inventory rules unchanged.
      const env = {
        FC_DEV_AUTH: '1',
        ...process.env,
        REDIS_URL: stack.redisUrl,
        DATABASE_URL: stack.databaseUrl,
        KAFKA_BROKERS: stack.kafkaBrokers.join(',')
      }
      let config: ReturnType<typeof loadConfig>
      let internal: string | undefined
      try {
        if (opts.apiProcesses > 1) {
          config = loadConfig(env)
          // Migrations and topics once, here, instead of racing in every worker's start.
          await migrate(config.postgres.url)
          const fleet = superviseApiProcesses({
            count: opts.apiProcesses,
            env,
            onEvent: (m) => say(`  api      ${m}`)
          })
          const shutdown = () => {
            void fleet
              .stop()
              .then(() => (opts.detach ? undefined : stack.stop()))
              .then(() => process.exit(0))
          }
          process.once('SIGINT', shutdown)
          process.once('SIGTERM', shutdown)
          await fleet.ready
          internal = await serveFleetInternal(fleet, config)
        } else {
          ;({ config, internal } = await serve(env, () => (opts.detach ? Promise.resolve() : stack.stop())))
        }
      } catch (err) {
        if (!opts.detach) await stack.stop()
        throw err
      }
      const base = `http://${config.http.host}:${config.http.port}`
      say('')
      say(`firstcome is up (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      say(`  API        ${base}   (health ${base}/health)`)
      say(`  internal   ${internalLine(internal)}`)
      say(`  Redis      ${stack.redisUrl}`)
      say(`  PostgreSQL ${stack.databaseUrl.replace(/\/\/[^@/]*@/, '//')}`)
      say(`  Kafka      ${stack.kafkaBrokers.join(',')}`)
      if (config.auth.devAuth)
        say(
          `  dev tokens ON: POST ${base}/v1/dev/token {"userId":"alice","role":"admin"} (never in production)`
        )
      say(`  started here: ${stack.started.length > 0 ? stack.started.join(', ') : 'nothing (all reused)'}`)
      say('Press Ctrl-C to stop.')
    }
  )

program
  .command('down')
  .description('stop the services a detached `firstcome up` started')
  .action(async () => {
    const { stopDetachedStack } = await loadStack()
    const stopped = await stopDetachedStack(root)
    say(stopped.length > 0 ? `stopped: ${stopped.join(', ')}` : 'nothing to stop')
  })

program
  .command('serve')
  .description('run the API and the workers against the services named by the environment')
  .option(
    '--processes <n>',
    'API processes sharing the port (node:cluster; a dead one is replaced)',
    positiveInt,
    1
  )
  .action(async (opts: { processes: number }) => {
    if (opts.processes > 1) {
      const config = loadConfig(process.env)
      const fleet = superviseApiProcesses({ count: opts.processes, env: process.env, onEvent: say })
      const shutdown = () => void fleet.stop().then(() => process.exit(0))
      process.once('SIGINT', shutdown)
      process.once('SIGTERM', shutdown)
      await fleet.ready
      const internal = await serveFleetInternal(fleet, config)
      say(`firstcome: ${opts.processes} API processes listening (pids ${fleet.pids().join(', ')})`)
      say(`firstcome internal listener: ${internalLine(internal)}`)
      return
    }
    const { address, internal } = await serve(process.env)
    say(`firstcome listening on ${address}`)
    if (!cluster.isWorker) say(`firstcome internal listener: ${internalLine(internal)}`)
  })

program
  .command('chaos')
  .description(
    'run a sale under load on a stack of its own while killing processes, then check every invariant'
  )
  .option('--duration <sec>', 'seconds of load around the faults', positiveInt, 60)
  .option('--users <n>', 'buyers', positiveInt, 400)
  .option('--faults <names>', 'comma-separated faults to inject, in order (default: all ten)')
  .action(async (opts: { duration: number; users: number; faults?: string }) => {
    const { runChaos, FAULT_NAMES } = await import('../../tools/chaos/chaos-run.ts')
    const names = opts.faults?.split(',').map((n) => n.trim())
    const unknown = names?.filter((n) => !(FAULT_NAMES as readonly string[]).includes(n)) ?? []
    if (unknown.length > 0) {
      say(`firstcome chaos: unknown fault ${unknown.join(', ')}; known: ${FAULT_NAMES.join(', ')}`)
      process.exitCode = 2
      return
    }
    const faults =
      names === undefined ? FAULT_NAMES : names.flatMap((n) => FAULT_NAMES.filter((f) => f === n))
    const report = await runChaos({
      root,
      durationSec: opts.duration,
      users: opts.users,
      faults,
      onEvent: say
    })
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    if (!report.passed) process.exitCode = 1
  })

program
  .command('worker')
  .description('run only the workers (pipeline consumers, hold sweeper, ledger sink), without HTTP')
  .action(async () => {
    const config = loadConfig(process.env)
    // No HTTP, so no buyer's stream to feed: the results topic is left to the API processes.
    const rt = await createRuntime(config, { workers: true, results: false })
    say(`firstcome worker running (topics ${config.kafka.topicPrefix}.*)`)
    let stopping = false
    const stop = () => {
      if (stopping) return
      stopping = true
      // Drains: each consumer finishes and commits its batch in hand before the process exits.
      rt.close().then(
        () => process.exit(0),
        (err: unknown) => {
          say(`firstcome worker: ${err instanceof Error ? err.message : String(err)}`)
          process.exit(1)
        }
      )
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })

program
  .command('reconcile [saleId]')
  .description(
    'compare Redis with PostgreSQL for one sale (or every open or paused sale), repair drift, print the reports'
  )
  .option('--dry-run', 'report only, repair nothing')
  .action(async (saleId: string | undefined, opts: { dryRun?: boolean }) => {
    const config = loadConfig(process.env)
    // No Kafka: reconciling reads Redis and PostgreSQL only (results it settles go out through the outbox).
    const rt = await createRuntime(config, { workers: false, kafka: false, logger: false })
    try {
      const ids = saleId ? [saleId] : (await rt.sales.listByStatus(['open', 'paused'])).map((s) => s.id)
      for (const id of ids) {
        const report = await rt.results.reconciler
          .reconcile(id, { repair: !opts.dryRun })
          .catch((err: unknown) => {
            // An unknown sale id is the operator's typo, not a crash.
            if (err instanceof FcError && err.code === 'FC_NOT_FOUND') return undefined
            throw err
          })
        if (report) process.stdout.write(`${JSON.stringify(report)}\n`)
        else {
          say(`firstcome reconcile: no sale ${id}`)
          process.exitCode = 1
        }
      }
    } finally {
      await rt.close()
    }
  })

program
  .command('report <saleId>')
  .description(
    'the post-sale report of a sale (open or closed), from PostgreSQL: timeline, funnel, fairness, drift, dead letters'
  )
  .option(
    '--html <file>',
    'write a self-contained HTML page (inline CSS and SVG charts, nothing loaded from the network)'
  )
  .option('--json [file]', 'write the report as JSON (to stdout without a file)')
  .action(async (saleId: string, opts: { html?: string; json?: string | boolean }) => {
    const config = loadConfig(process.env)
    // Reads only: no workers, no Kafka, no migrations.
    const rt = await createRuntime(config, { workers: false, kafka: false, logger: false, migrate: false })
    try {
      say(`firstcome report: reading sale ${saleId}`)
      const report = await rt.reports.report(saleId).catch((err: unknown) => {
        if (err instanceof FcError && err.code === 'FC_NOT_FOUND') return undefined
        throw err
      })
      if (!report) {
        say(`firstcome report: no sale ${saleId}`)
        process.exitCode = 1
        return
      }
      say(
        `firstcome report: ${report.timeline.length} seconds of timeline, ${report.reconcile.reports.length} reconciler reports, ${report.deadLetters.total} dead letters`
      )
      if (opts.html) {
        await writeFile(opts.html, renderReportHtml(report))
        say(`firstcome report: wrote ${opts.html}`)
      }
      if (typeof opts.json === 'string') {
        await writeFile(opts.json, `${JSON.stringify(report, null, 2)}\n`)
        say(`firstcome report: wrote ${opts.json}`)
      } else if (opts.json || !opts.html) process.stdout.write(`${JSON.stringify(report)}\n`)
    } finally {
      await rt.close()
    }
  })

program
  .command('verify <saleId>')
  .description(
    "check a sale's pre-queue draw from the published data only: seed, entrant list, Merkle root, every rank"
  )
  .option(
    '--url <url>',
    'the API to read the published data from',
    process.env.FC_URL ?? 'http://127.0.0.1:3000'
  )
  .option('--user-leaf <entrantId>', "a buyer's entrant id (from their proof): report its place")
  .option('--rank <n>', 'the rank the buyer was given: check it against the draw', positiveInt)
  .option('--proof <file>', 'a proof as GET /v1/events/:id/queue/fairness/proof answers it: check it')
  .action(async (saleId: string, opts: { url: string; userLeaf?: string; rank?: number; proof?: string }) => {
    try {
      const ok = await runVerify(saleId, opts, (line) => process.stdout.write(`${line}\n`))
      process.exitCode = ok ? 0 : 1
    } catch (err) {
      if (!(err instanceof VerifyInputError)) throw err
      say(`firstcome verify: ${err.message}`)
      process.exitCode = 2
    }
  })

const dlq = program.command('dlq').description('dead-lettered bookings and claims')

dlq
  .command('replay')
  .description('send unresolved dead letters back to their original topics (poison ones stay)')
  .option('--sale <saleId>', 'only the dead letters of this sale')
  .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10))
  .action(async (opts: { sale?: string; limit?: number }) => {
    const config = loadConfig(process.env)
    const rt = await createRuntime(config, { workers: false, logger: false })
    try {
      const report = await rt.deadLetters.replay({
        ...(opts.sale ? { saleId: opts.sale } : {}),
        ...(opts.limit && Number.isFinite(opts.limit) ? { limit: opts.limit } : {})
      })
      process.stdout.write(`${JSON.stringify(report)}\n`)
    } finally {
      await rt.close()
    }
  })

program
  .command('migrate')
  .description('apply the database migrations (safe to run from several processes at once)')
  .action(async () => {
    const config = loadConfig(process.env)
    const { applied } = await migrate(config.postgres.url)
    say(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema up to date')
  })

program
  .command('bench <scenario>')
  .description('virtual buyers through the whole journey: spike, ramp or soak; report in bench-results/')
  .option('--buyers <n>', 'virtual buyers (spike and ramp default 20000, soak 5000)', positiveInt)
  .option('--seats <n>', 'units for sale (default buyers / 10; soak: buyers)', positiveInt)
  .option('--duration <d>', 'short, medium, long, or seconds', 'medium')
  .option('--kind <kind>', 'seated (hold + confirm) or coupon (claim)', 'seated')
  .option('--target <url>', "an already running server on 127.0.0.0/8 instead of one of the run's own")
  .option('--admin-token <jwt>', 'admin bearer token for --target (else POST /v1/dev/token)')
  .option('--api-processes <n>', 'API processes of the own server', positiveInt)
  .option('--workers <n>', 'load-generator processes (each on its own 127.0.0.x)', positiveInt)
  .option('--difficulty <n>', 'proof-of-work difficulty of the sale (0 = off)', Number, 0)
  .option('--admit-rate <n>', 'admission rate, buyers per second', positiveInt)
  .option(
    '--tick-ms <n>',
    'admission tick of the own server, ms (default 250): one queue update per tick',
    positiveInt
  )
  .option(
    '--grace-sec <n>',
    "queue grace period of the own server, s (default 5): silence before a waiting buyer's place is lost",
    positiveInt
  )
  .option('--hold-ttl-sec <n>', 'hold TTL of the sale, s (default 10)', positiveInt)
  .option('--no-ceilings', 'skip the hello-world / claim-script / PostgreSQL ceilings')
  .option('--no-png', 'skip rendering the HTML report to PNG')
  .option('--out <dir>', 'report directory (default bench-results/<scenario>-<timestamp>)')
  .action(async (scenario: string, opts: BenchCliOptions) => {
    // Loaded from bench/ when this command runs: the benchmarks are not part of the service (the
    // container image leaves them out), and the other commands never load them.
    const bench = await import('../../bench/scenarios/index.ts')
    const known = bench.SCENARIOS.find((s) => s === scenario)
    if (!known) {
      say(`firstcome bench: unknown scenario "${scenario}" (one of ${bench.SCENARIOS.join(', ')})`)
      process.exit(2)
    }
    if (opts.kind !== 'seated' && opts.kind !== 'coupon') {
      say('firstcome bench: --kind is seated or coupon')
      process.exit(2)
    }
    const report = await bench.runBench({
      root,
      scenario: known,
      kind: opts.kind,
      duration: opts.duration,
      ceilings: opts.ceilings,
      png: opts.png,
      difficulty: opts.difficulty,
      ...(opts.buyers ? { buyers: opts.buyers } : {}),
      ...(opts.seats ? { seats: opts.seats } : {}),
      ...(opts.target ? { target: opts.target } : {}),
      ...(opts.adminToken ? { adminToken: opts.adminToken } : {}),
      ...(opts.apiProcesses ? { apiProcesses: opts.apiProcesses } : {}),
      ...(opts.workers ? { workers: opts.workers } : {}),
      ...(opts.admitRate ? { admitRate: opts.admitRate } : {}),
      ...(opts.tickMs ? { tickMs: opts.tickMs } : {}),
      ...(opts.graceSec ? { graceSec: opts.graceSec } : {}),
      ...(opts.holdTtlSec ? { holdTtlSec: opts.holdTtlSec } : {}),
      ...(opts.out ? { outDir: opts.out } : {}),
      say
    })
    if (!report.passed) process.exitCode = 1
    // Pools and timers of the run must not keep the command alive.
    process.exit()
  })

/** Option parsers whose refusal commander prints as a usage error (no stack trace). */
function wholeArg(raw: string): number {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive whole number, got "${raw}"`)
  return n
}
function positiveNumber(raw: string): number {
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive number, got "${raw}"`)
  return n
}

program
  .command('capacity')
  .description(
    'the fleet a sale needs (API processes, workers, Redis, Kafka, PostgreSQL), from the measured cost of each step'
  )
  .requiredOption('--buyers <n>', 'buyers who come to the sale', wholeArg)
  .requiredOption('--seats <n>', 'seats (or units) for sale', wholeArg)
  .requiredOption('--within <sec>', 'seconds from the opening to the last seat sold', wholeArg)
  .option('--arrival-sec <sec>', 'seconds over which the buyers arrive (default 10)', positiveNumber)
  .option(
    '--tick-ms <ms>',
    'admission tick: one position per waiting stream per tick (default 1000)',
    positiveInt
  )
  .option('--admitted-per-seat <x>', 'buyers admitted per seat sold (default 1.5)', positiveNumber)
  .option('--holds-per-seat <x>', 'hold requests per seat sold (default 1.3)', positiveNumber)
  .option('--utilisation <x>', 'share of each core used at the peak (default 0.6)', positiveNumber)
  .option('--costs <file>', 'measured costs (default bench/capacity-costs.json, from `npm run bench:costs`)')
  .option('--json', 'print the plan as JSON')
  .action(
    async (opts: {
      buyers: number
      seats: number
      within: number
      arrivalSec?: number
      tickMs?: number
      admittedPerSeat?: number
      holdsPerSeat?: number
      utilisation?: number
      costs?: string
      json?: boolean
    }) => {
      const file = opts.costs ?? join(root, 'bench', 'capacity-costs.json')
      let costs: MeasuredCosts
      try {
        costs = JSON.parse(await readFile(file, 'utf8')) as MeasuredCosts
      } catch (err) {
        say(
          `firstcome capacity: cannot read the measured costs ${file} (${err instanceof Error ? err.message : String(err)}); run \`npm run bench:costs\` or pass --costs`
        )
        process.exit(1)
      }
      let plan: ReturnType<typeof planCapacity>
      try {
        plan = planCapacity(
          costs,
          {
            buyers: opts.buyers,
            seats: opts.seats,
            withinSec: opts.within,
            ...(opts.arrivalSec !== undefined ? { arrivalSec: opts.arrivalSec } : {}),
            ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
            ...(opts.admittedPerSeat !== undefined ? { admittedPerSeat: opts.admittedPerSeat } : {}),
            ...(opts.holdsPerSeat !== undefined ? { holdsPerSeat: opts.holdsPerSeat } : {})
          },
          opts.utilisation !== undefined ? { utilisation: opts.utilisation } : {}
        )
      } catch (err) {
        if (!(err instanceof RangeError)) throw err
        say(`firstcome capacity: ${err.message}`)
        process.exit(1)
      }
      process.stdout.write(
        opts.json
          ? `${JSON.stringify({ costs: { measuredAt: costs.measuredAt, command: costs.command, machine: costs.machine }, ...plan }, null, 2)}\n`
          : renderPlan(plan, costs)
      )
    }
  )

program
  .command('lab')
  .description('run one contended sale under each concurrency-control strategy and compare them')
  .option('--strategy <name...>', 'strategies to run (default: all)')
  .option('--stock <n>', 'units for sale (with --buyers: one custom case instead of the default cases)')
  .option('--buyers <n>', 'distinct buyers, one attempt each')
  .option('--concurrency <n>', 'buyers in flight at once')
  .option('--pool <n>', 'PostgreSQL connections per strategy process (default 20)')
  .option('--json <file>', 'write the full report as JSON')
  .option('--markdown <file>', 'write the table and verdicts as Markdown')
  .action(async (opts: LabCommandOptions) => {
    const { LabOptionError, runLabCommand } = await import('../../tools/lab/lab-command.ts')
    try {
      await runLabCommand(opts, root, say)
    } catch (err) {
      if (!(err instanceof LabOptionError)) throw err
      say(`firstcome lab: ${err.message}`)
      process.exit(1)
    }
  })

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof ConfigError || (stackModule && err instanceof stackModule.StackError)) {
    say(`firstcome: ${err.message}`)
    process.exit(1)
  }
  throw err
}
