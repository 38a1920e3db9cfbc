import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isKafkaReady } from '../../src/adapters/kafka/kafka-admin.ts'
import { isLoopbackHost, parseBroker } from './endpoints.ts'
import {
  findExecutable,
  isPidAlive,
  killGracefully,
  runCommand,
  spawnService,
  tailFile
} from './processes.ts'
import { ensureService, type ServiceContext, type StartedService } from './service-runner.ts'
import { StackError } from './stack-error.ts'
import { pollUntil } from './wait.ts'

/** The broker version fetched by infra/kafka/pom.xml; part of the libs marker so a version bump refetches. */
export const KAFKA_VERSION = '4.1.1'
const READY_TIMEOUT_MS = 120_000
const JAVA_MISSING = 'Java 17 not found: install openjdk-17-jre-headless'

/** Paths of the local broker under `.data/kafka`. */
export interface KafkaPaths {
  home: string
  libs: string
  libsMarker: string
  config: string
  dataDir: string
  logsDir: string
  stdoutLog: string
  serverLog: string
  log4j: string
  pom: string
}

/** Where the local broker keeps its files. */
export function kafkaPaths(root: string): KafkaPaths {
  const home = join(root, '.data', 'kafka')
  const logsDir = join(home, 'logs')
  return {
    home,
    libs: join(home, 'libs'),
    libsMarker: join(home, 'libs', '.complete'),
    config: join(home, 'server.properties'),
    dataDir: join(home, 'data'),
    logsDir,
    stdoutLog: join(logsDir, 'stdout.log'),
    serverLog: join(logsDir, 'server.log'),
    log4j: join(root, 'infra', 'kafka', 'log4j2.xml'),
    pom: join(root, 'infra', 'kafka', 'pom.xml')
  }
}

/**
 * Finds Java 17+ (`FC_JAVA`, else `java` on PATH, else $JAVA_HOME/bin/java) and returns its path.
 * Throws the plain-words StackError otherwise.
 */
export async function checkJava(env: NodeJS.ProcessEnv): Promise<string> {
  const requested = env.FC_JAVA?.trim()
  const candidates = requested
    ? [requested]
    : ['java', ...(env.JAVA_HOME ? [join(env.JAVA_HOME, 'bin', 'java')] : [])]
  let seen = ''
  for (const candidate of candidates) {
    const path = findExecutable(candidate, env)
    if (!path) continue
    const result = await runCommand(path, ['-version'], { env, timeoutMs: 30_000 })
    // `java -version` prints to stderr: `openjdk version "17.0.15" ...` or `java version "1.8.0_392"`.
    const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}\n${result.stdout}`)
    if (result.code !== 0 || !match?.[1]) continue
    const major = match[1] === '1' ? Number(match[2]) : Number(match[1])
    if (major >= 17) return path
    seen = ` (found Java ${major} at ${path})`
  }
  throw new StackError(
    'kafka',
    `${JAVA_MISSING}${seen}`,
    'sudo apt-get install -y openjdk-17-jre-headless, or set FC_JAVA'
  )
}

/** Reuses the broker named by `brokers` (first entry) or runs a single-node KRaft broker from `.data/kafka`. */
export async function ensureKafka(
  ctx: ServiceContext,
  brokers: readonly string[]
): Promise<StartedService | undefined> {
  const first = brokers[0]
  if (!first) throw new StackError('kafka', 'KAFKA_BROKERS is empty', 'e.g. KAFKA_BROKERS=127.0.0.1:9092')
  const { host, port } = parseBroker(first)
  const endpoint = brokers.join(',')
  return ensureService({
    service: 'kafka',
    ctx,
    endpoint: `kafka ${endpoint}`,
    probe: async () => ((await isKafkaReady(brokers, 2_000)) ? 'up' : 'down'),
    // Another process may be fetching the jars first (minutes on a cold Maven cache).
    waitTimeoutMs: 600_000,
    start: async () => {
      if (!isLoopbackHost(host)) {
        throw new StackError(
          'kafka',
          `Kafka at ${endpoint} does not answer, and it is not on this machine, so it cannot be started here`,
          'start it, or unset KAFKA_BROKERS to use a local one'
        )
      }
      return startKafka(ctx, port)
    }
  })
}

async function startKafka(ctx: ServiceContext, port: number): Promise<StartedService> {
  const java = await checkJava(ctx.env)
  const paths = kafkaPaths(ctx.root)
  mkdirSync(paths.logsDir, { recursive: true })
  await fetchLibs(ctx, paths)
  writeServerProperties(paths, port)
  await formatStorage(ctx, java, paths)

  ctx.progress('start', `starting Kafka ${KAFKA_VERSION} on 127.0.0.1:${port} (data in ${paths.dataDir})`)
  const startedAt = Date.now()
  const child = spawnService(java, jvmArgs(paths, ['kafka.Kafka', paths.config]), {
    cwd: paths.home,
    env: ctx.env,
    logFile: paths.stdoutLog,
    detached: ctx.detached
  })
  const pid = child.pid
  if (pid === undefined) throw new StackError('kafka', `could not run ${java}`, `see ${paths.stdoutLog}`)
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const brokers = [`127.0.0.1:${port}`]
  let lastNotice = 0
  const ready = await pollUntil(async () => ((await isKafkaReady(brokers, 1_000)) ? true : undefined), {
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 250,
    abort: () => exited || !isPidAlive(pid),
    onWait: (elapsed) => {
      if (elapsed - lastNotice < 3_000) return
      lastNotice = elapsed
      ctx.progress('start', `waiting for the Kafka broker to answer (${Math.round(elapsed / 1000)}s)`)
    }
  })
  const stop = () => killGracefully(pid, { signal: 'SIGTERM', graceMs: 30_000 })
  if (!ready) {
    await stop()
    const tail = tailFile(paths.serverLog, 8) || tailFile(paths.stdoutLog, 8)
    throw new StackError(
      'kafka',
      exited
        ? `the Kafka broker exited while starting on port ${port}`
        : `the Kafka broker did not answer on port ${port} within ${READY_TIMEOUT_MS / 1000}s`,
      `see ${paths.serverLog} and ${paths.stdoutLog}${tail ? `:\n${tail}` : ''}`
    )
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1)
  ctx.progress(
    'ready',
    `Kafka answers on 127.0.0.1:${port} after ${seconds}s (pid ${pid}, log ${paths.serverLog})`
  )
  return {
    record: {
      service: 'kafka',
      pid,
      ownerPid: process.pid,
      detached: ctx.detached,
      endpoint: brokers[0] ?? '',
      dataDir: paths.dataDir,
      logFile: paths.serverLog,
      commandMatch: 'kafka.Kafka',
      stopWith: 'signal',
      startedAt: new Date().toISOString()
    },
    stop
  }
}

/** Copies the broker's jars from Maven (its cache in ~/.m2, else Maven Central) once. */
export async function fetchLibs(ctx: ServiceContext, paths: KafkaPaths): Promise<void> {
  const marker = `kafka ${KAFKA_VERSION}\n`
  if (existsSync(paths.libsMarker) && readFileSync(paths.libsMarker, 'utf8') === marker) return
  const mvn = findExecutable(ctx.env.FC_MVN?.trim() || 'mvn', ctx.env)
  if (!mvn)
    throw new StackError(
      'kafka',
      'Maven not found: install maven',
      'sudo apt-get install -y maven, or set FC_MVN'
    )
  ctx.progress('fetch', `fetching the Kafka ${KAFKA_VERSION} jars with Maven into ${paths.libs} (once)`)
  // Into a temporary directory first, so that an interrupted fetch never looks complete.
  const tmp = `${paths.libs}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  const started = Date.now()
  const result = await runCommand(
    mvn,
    [
      '-q',
      '-B',
      '-f',
      paths.pom,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${tmp}`
    ],
    { cwd: ctx.root, env: ctx.env, timeoutMs: 900_000 }
  )
  if (result.code !== 0) {
    rmSync(tmp, { recursive: true, force: true })
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-8).join('\n')
    throw new StackError(
      'kafka',
      'fetching the Kafka jars with Maven failed',
      `${output || result.error?.message || ''}\n(check network access to Maven Central, or run: mvn -f ${paths.pom} dependency:copy-dependencies)`
    )
  }
  rmSync(paths.libs, { recursive: true, force: true })
  renameSync(tmp, paths.libs)
  writeFileSync(paths.libsMarker, marker)
  ctx.progress('fetch', `fetched the Kafka jars in ${((Date.now() - started) / 1000).toFixed(1)}s`)
}

/** A small single-node broker+controller, listening on loopback only. */
function writeServerProperties(paths: KafkaPaths, port: number): void {
  const controllerPort = port + 1
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': paths.dataDir,
    'num.partitions': 6,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    // Fewer internal partitions than the default 50: faster first group join on a small machine.
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 10,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
    'delete.topic.enable': true,
    'num.network.threads': 2,
    'num.io.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
    'log.retention.hours': 24,
    'log.segment.bytes': 64 * 1024 * 1024
  }
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${value}`)
  writeFileSync(
    paths.config,
    `# Written by firstcome (tools/stack/kafka-service.ts) on every start.\n${lines.join('\n')}\n`
  )
}

/**
 * A fresh KRaft cluster id: 16 random bytes in base64url, as Kafka's own `Uuid.randomUuid()` makes
 * them, and like it never starting with '-' (1 id in 64 would): the storage tool reads such an id
 * as an option and refuses to format.
 */
export function newKafkaClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (!id.startsWith('-')) return id
  }
}

/** Formats the log directory once with a fresh cluster id (KRaft needs it before the first start). */
async function formatStorage(ctx: ServiceContext, java: string, paths: KafkaPaths): Promise<void> {
  if (existsSync(join(paths.dataDir, 'meta.properties'))) return
  const clusterId = newKafkaClusterId()
  ctx.progress('start', `formatting the Kafka log directory (cluster id ${clusterId})`)
  mkdirSync(paths.dataDir, { recursive: true })
  const result = await runCommand(
    java,
    jvmArgs(paths, [
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      paths.config,
      '--ignore-formatted'
    ]),
    { cwd: paths.home, env: ctx.env, timeoutMs: 120_000 }
  )
  if (result.code !== 0) {
    throw new StackError(
      'kafka',
      'formatting the Kafka log directory failed',
      `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-8).join('\n')
    )
  }
}

/** JVM arguments of a broker or a Kafka tool; `heap` is the -Xmx (the single broker uses 512m). */
export function jvmArgs(paths: KafkaPaths, main: string[], heap = '512m'): string[] {
  return [
    '-Xms256m',
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${paths.logsDir}`,
    `-Dlog4j2.configurationFile=${paths.log4j}`,
    '-cp',
    // Java expands the `dir/*` wildcard itself; no shell is involved.
    `${paths.libs}/*`,
    ...main
  ]
}
