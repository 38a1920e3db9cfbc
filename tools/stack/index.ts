/**
 * The local stack behind `firstcome up` / `firstcome down` and the test suite's global setup:
 * reuse Redis, PostgreSQL and Kafka when they answer, otherwise run real ones under `.data/`.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  DEFAULT_REDIS_CLUSTER_URL,
  defaultClusterBrokers,
  ensureKafkaCluster,
  ensureRedisCluster
} from './cluster-stack.ts'
import { resolveEndpoints } from './endpoints.ts'
import { ensureKafka } from './kafka-service.ts'
import { ensurePostgres, stopPostgresDataDir } from './postgres-service.ts'
import { isPidAlive, killGracefully, processCommandLine } from './processes.ts'
import { ensureRedis } from './redis-service.ts'
import type { ServiceContext, StackPhase, StackProgressEvent, StartedService } from './service-runner.ts'
import { StackError, type StackService } from './stack-error.ts'
import { readState, recordKey, type ServiceRecord, updateState } from './state-file.ts'

export { checkJava, KAFKA_VERSION, kafkaPaths } from './kafka-service.ts'
export { StackError, type StackService } from './stack-error.ts'
export type { StackPhase, StackProgressEvent }

/** Options of {@link ensureStack}. */
export interface StackOptions {
  /** Repo root; services keep their data under `${root}/.data/`. */
  root: string
  /** Reads REDIS_URL, DATABASE_URL, KAFKA_BROKERS (and FC_JAVA / FC_MVN to pick the java / mvn binaries). */
  env: NodeJS.ProcessEnv
  /** Progress while checking, fetching and starting; print it, the first Kafka start takes a while. */
  onProgress?: (event: StackProgressEvent) => void
  /**
   * Started services outlive this process (`firstcome up --detach`, tests); they are recorded in
   * `.data/stack.json` for {@link stopDetachedStack}. Default false: call `stop()` before exiting.
   */
  detached?: boolean
  /**
   * Run Redis as a Redis Cluster (3 primaries, 3 replicas): REDIS_URL must then be a
   * redis+cluster:// URL, by default {@link DEFAULT_REDIS_CLUSTER_URL}.
   */
  redisCluster?: boolean
  /** Brokers of the Kafka cluster (default 1); more than one uses 127.0.0.1:19092,19094,... unless KAFKA_BROKERS says otherwise. */
  kafkaBrokers?: number
}

/** The running stack. */
export interface Stack {
  redisUrl: string
  databaseUrl: string
  kafkaBrokers: string[]
  /** What this call started (not what it found running). */
  started: StackService[]
  /** Stops what this call started, and only that. Idempotent. */
  stop(): Promise<void>
}

const ORDER: readonly StackService[] = ['redis', 'postgres', 'kafka']

/**
 * Makes Redis, PostgreSQL and Kafka answer at the addresses named by the environment (or the
 * defaults), starting the missing ones under `${root}/.data/`. Several processes may call it at
 * once: a lock file per service makes one of them start it while the others wait for it.
 * Throws a {@link StackError} in plain words when a service cannot be made to answer; whatever
 * this call started before the failure is stopped again.
 */
export async function ensureStack(opts: StackOptions): Promise<Stack> {
  const root = resolve(opts.root)
  const dataRoot = join(root, '.data')
  mkdirSync(dataRoot, { recursive: true })
  const endpoints = resolveEndpoints(opts.env)
  const detached = opts.detached ?? false
  const context = (service: StackService): ServiceContext => ({
    root,
    dataRoot,
    env: opts.env,
    detached,
    progress: (phase: StackPhase, message: string) => {
      opts.onProgress?.({ service, phase, message })
    }
  })

  const brokerCount = opts.kafkaBrokers ?? 1
  if (opts.redisCluster && !endpoints.redisUrl.startsWith('redis+cluster://')) {
    endpoints.redisUrl = opts.env.REDIS_URL?.trim() ? endpoints.redisUrl : DEFAULT_REDIS_CLUSTER_URL
  }
  if (brokerCount > 1 && !opts.env.KAFKA_BROKERS?.trim())
    endpoints.kafkaBrokers = defaultClusterBrokers(brokerCount)
  const attempts: Array<[StackService, () => Promise<StartedService | undefined>]> = [
    [
      'redis',
      () =>
        opts.redisCluster
          ? ensureRedisCluster(context('redis'), endpoints.redisUrl)
          : ensureRedis(context('redis'), endpoints.redisUrl)
    ],
    ['postgres', () => ensurePostgres(context('postgres'), endpoints.databaseUrl)],
    [
      'kafka',
      () =>
        brokerCount > 1
          ? ensureKafkaCluster(context('kafka'), endpoints.kafkaBrokers, brokerCount)
          : ensureKafka(context('kafka'), endpoints.kafkaBrokers)
    ]
  ]
  // The three are independent: start them side by side (Kafka dominates the time).
  const results = await Promise.allSettled(
    attempts.map(async ([service, run]) => {
      try {
        const started = await run()
        if (started) await recordStarted(root, started.record)
        return started
      } catch (error) {
        const failure = asStackError(service, error)
        opts.onProgress?.({
          service,
          phase: 'failed',
          message: `${failure.message}${failure.hint ? ` (${failure.hint})` : ''}`
        })
        throw failure
      }
    })
  )
  const started: StartedService[] = []
  for (const result of results) {
    if (result.status === 'fulfilled' && result.value) started.push(result.value)
  }
  const stop = stopper(root, started, detached)
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')
  if (failed) {
    await stop()
    throw failed.reason
  }
  // A broker we started ourselves listens on the first configured address only.
  const kafkaStarted = started.find((service) => service.record.service === 'kafka')
  return {
    redisUrl: endpoints.redisUrl,
    databaseUrl: endpoints.databaseUrl,
    kafkaBrokers: kafkaStarted ? kafkaStarted.record.endpoint.split(',') : endpoints.kafkaBrokers,
    started: ORDER.filter((service) => started.some((s) => s.record.service === service)),
    stop
  }
}

/**
 * Stops the services recorded in `${root}/.data/stack.json` that were started detached, or whose
 * starting process is gone (so nobody else will stop them). Services owned by a running
 * non-detached `firstcome up` are left to it. Resolves the names of the services it stopped.
 */
export async function stopDetachedStack(root: string): Promise<StackService[]> {
  const absolute = resolve(root)
  const state = readState(absolute)
  const stopped: StackService[] = []
  const forgotten: string[] = []
  for (const service of [...ORDER].reverse()) {
    for (const key of [service, `${service}-cluster`]) {
      const record = state.services[key]
      if (!record) continue
      if (!record.detached && record.ownerPid !== process.pid && isPidAlive(record.ownerPid)) continue
      if (isRecordedProcessAlive(record)) {
        await stopRecorded(record, process.env)
        stopped.push(service)
      }
      forgotten.push(key)
    }
  }
  if (forgotten.length > 0) {
    await updateState(absolute, (current) => {
      for (const key of forgotten) {
        // Only forget the entry we stopped, not one a newer start wrote meanwhile.
        if (current.services[key]?.pid === state.services[key]?.pid) delete current.services[key]
      }
    })
  }
  return stopped
}

function stopper(root: string, started: StartedService[], detached: boolean): () => Promise<void> {
  // Safety net for an owner that exits without calling stop(): services that were not meant to
  // outlive it still get their stop signal (synchronously: nothing async runs during 'exit').
  const onExit = () => {
    for (const { record } of started) {
      for (const pid of record.pids ?? [record.pid]) {
        try {
          process.kill(pid, record.service === 'postgres' ? 'SIGINT' : 'SIGTERM')
        } catch {
          // Already gone.
        }
      }
    }
  }
  if (!detached && started.length > 0) process.once('exit', onExit)
  let stopping: Promise<void> | undefined
  return () => {
    // Kafka first: it is the slowest to go and nothing depends on Redis/PostgreSQL while it stops.
    stopping ??= (async () => {
      process.off('exit', onExit)
      const ordered = [...started].sort(
        (a, b) => ORDER.indexOf(b.record.service) - ORDER.indexOf(a.record.service)
      )
      await Promise.allSettled(ordered.map((service) => service.stop()))
      await updateState(root, (state) => {
        for (const { record } of started) {
          const key = recordKey(record)
          if (state.services[key]?.pid === record.pid) delete state.services[key]
        }
      }).catch(() => {})
    })()
    return stopping
  }
}

async function recordStarted(root: string, record: ServiceRecord): Promise<void> {
  await updateState(root, (state) => {
    state.services[recordKey(record)] = record
  })
}

function isRecordedProcessAlive(record: ServiceRecord): boolean {
  if (record.pids)
    return record.pids.some((pid) => isRecordedProcessAlive({ ...record, pid, pids: undefined }))
  if (!isPidAlive(record.pid)) return false
  // A recycled pid belongs to something else: never signal it.
  const commandLine = processCommandLine(record.pid)
  return commandLine === undefined || commandLine.includes(record.commandMatch)
}

async function stopRecorded(record: ServiceRecord, env: NodeJS.ProcessEnv): Promise<void> {
  if (record.stopWith === 'pg_ctl') {
    await stopPostgresDataDir(record.dataDir, record.pid, env)
    return
  }
  const pids = record.pids ?? [record.pid]
  await Promise.all(
    pids.map((pid) =>
      killGracefully(pid, { signal: 'SIGTERM', graceMs: record.service === 'kafka' ? 30_000 : 10_000 })
    )
  )
}

function asStackError(service: StackService, error: unknown): StackError {
  if (error instanceof StackError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new StackError(service, `${service}: ${message}`, '', { cause: error })
}
