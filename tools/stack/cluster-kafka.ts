/**
 * A Kafka cluster on loopback: N KRaft nodes, each both controller and broker (all of them voters),
 * with distinct node ids, ports and log directories, run from the jars the single broker uses.
 * Used by `firstcome up --kafka-brokers 3`, the cluster tests and the chaos run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Admin, FindCoordinatorKeyTypes } from '@platformatic/kafka'
import { freePorts } from './cluster-ports.ts'
import { checkJava, fetchLibs, jvmArgs, kafkaPaths, newKafkaClusterId } from './kafka-service.ts'
import { isPidAlive, killGracefully, runCommand, spawnService, tailFile } from './processes.ts'
import { StackError } from './stack-error.ts'
import { pollUntil } from './wait.ts'

/** Options of {@link startKafkaCluster}. */
export interface KafkaClusterOptions {
  /** Repo root: the broker jars are fetched (once) into `${root}/.data/kafka/libs`. */
  root: string
  /** Data directory: broker i keeps its config, log dir and logs under `${dir}/broker-<i>`. */
  dir: string
  /** Number of brokers (default 3). */
  brokers?: number
  /** Client ports, one per broker (controllers get free ports of their own); free ports by default. */
  ports?: number[]
  /** Controller ports, one per broker; free ports by default. */
  controllerPorts?: number[]
  env?: NodeJS.ProcessEnv
  detached?: boolean
  /** Remove `dir` on stop (temporary clusters of tests and chaos runs). */
  removeOnStop?: boolean
  /** JVM heap per broker (default 384m: three brokers share two cores and a few GB). */
  heap?: string
  onProgress?: (message: string) => void
}

/** One broker of the cluster. */
export interface KafkaClusterBroker {
  nodeId: number
  port: number
  controllerPort: number
  /** Pid while it runs. */
  pid: number | undefined
  logFile: string
}

/** A running cluster. */
export interface KafkaClusterHandle {
  /** `host:port` of every broker, for `KAFKA_BROKERS`. */
  bootstrap: string[]
  brokers: KafkaClusterBroker[]
  /** Sends `signal` (SIGKILL by default) to a broker and waits until it is gone. */
  kill(nodeId: number, signal?: NodeJS.Signals): Promise<void>
  /** Starts a killed broker again and waits until the cluster lists it. */
  restart(nodeId: number): Promise<void>
  /**
   * Resolves true once the cluster lists every running broker and, for `topics`, every partition
   * has a leader and (when all brokers run) its full replica set in sync.
   */
  waitHealthy(timeoutMs: number, topics?: readonly string[]): Promise<boolean>
  /** Stops every broker (controlled shutdown) and removes the data when asked to. Idempotent. */
  stop(): Promise<void>
}

/**
 * Timings chosen for fast recovery on one machine (Kafka's defaults are sized for real networks):
 * a broker that stops heartbeating is fenced after 3 s (default 9 s) and leaves every ISR with
 * it, so acks=all produce requests resume on the remaining two replicas (min.insync.replicas=2).
 */
function brokerSettings(
  broker: KafkaClusterBroker,
  all: readonly KafkaClusterBroker[],
  dataDir: string
): Record<string, string | number | boolean> {
  const replication = Math.min(3, all.length)
  const minIsr = replication >= 3 ? 2 : 1
  return {
    'process.roles': 'broker,controller',
    'node.id': broker.nodeId,
    'controller.quorum.voters': all.map((b) => `${b.nodeId}@127.0.0.1:${b.controllerPort}`).join(','),
    listeners: `PLAINTEXT://127.0.0.1:${broker.port},CONTROLLER://127.0.0.1:${broker.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${broker.port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 6,
    'default.replication.factor': replication,
    'min.insync.replicas': minIsr,
    'offsets.topic.replication.factor': replication,
    // 3, not the default 50: each partition is created, replicated and loaded before any group can join.
    'offsets.topic.num.partitions': 3,
    'transaction.state.log.replication.factor': replication,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': 3,
    'share.coordinator.state.topic.replication.factor': replication,
    'share.coordinator.state.topic.min.isr': minIsr,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
    'delete.topic.enable': true,
    // An unclean leader would drop acknowledged writes: never.
    'unclean.leader.election.enable': false,
    'broker.session.timeout.ms': 3000,
    'broker.heartbeat.interval.ms': 500,
    'replica.lag.time.max.ms': 5000,
    'controller.quorum.election.timeout.ms': 1000,
    'controller.quorum.fetch.timeout.ms': 2000,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
    'log.retention.hours': 24,
    'log.segment.bytes': 64 * 1024 * 1024
  }
}

/** Starts a fresh N-broker KRaft cluster under `dir`; resolves once every broker is listed. */
export async function startKafkaCluster(options: KafkaClusterOptions): Promise<KafkaClusterHandle> {
  const env = options.env ?? process.env
  const count = options.brokers ?? 3
  const progress = options.onProgress ?? (() => {})
  const java = await checkJava(env)
  const paths = kafkaPaths(options.root)
  mkdirSync(paths.logsDir, { recursive: true })
  await fetchLibs(
    {
      root: options.root,
      dataRoot: join(options.root, '.data'),
      env,
      detached: false,
      progress: (_phase, message) => progress(message)
    },
    paths
  )
  const ports = options.ports ?? (await freePorts(count))
  const controllerPorts = options.controllerPorts ?? (await freePorts(count))
  const brokers: KafkaClusterBroker[] = ports.map((port, i) => ({
    nodeId: i + 1,
    port,
    controllerPort: controllerPorts[i] ?? 0,
    pid: undefined,
    logFile: join(options.dir, `broker-${i + 1}`, 'logs', 'server.log')
  }))
  const bootstrap = brokers.map((b) => `127.0.0.1:${b.port}`)
  const clusterId = newKafkaClusterId()
  const heap = options.heap ?? '384m'
  const home = (b: KafkaClusterBroker) => join(options.dir, `broker-${b.nodeId}`)
  const brokerPaths = (b: KafkaClusterBroker) => ({
    ...paths,
    home: home(b),
    config: join(home(b), 'server.properties'),
    dataDir: join(home(b), 'data'),
    logsDir: join(home(b), 'logs'),
    stdoutLog: join(home(b), 'logs', 'stdout.log'),
    serverLog: b.logFile
  })

  const launch = (b: KafkaClusterBroker) => {
    const p = brokerPaths(b)
    const child = spawnService(java, fastStart(jvmArgs(p, ['kafka.Kafka', p.config], heap)), {
      cwd: p.home,
      env,
      logFile: p.stdoutLog,
      detached: options.detached ?? false
    })
    if (child.pid === undefined) throw new StackError('kafka', `could not run ${java}`, `see ${p.stdoutLog}`)
    b.pid = child.pid
  }

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all(
        brokers.map(async (b) => {
          if (b.pid === undefined) return
          try {
            process.kill(b.pid, 'SIGCONT')
          } catch {
            // Already gone.
          }
          await killGracefully(b.pid, { signal: 'SIGTERM', graceMs: 15_000 })
          b.pid = undefined
        })
      )
      if (options.removeOnStop) rmSync(options.dir, { recursive: true, force: true })
    })()
    return stopping
  }

  const handle: KafkaClusterHandle = {
    bootstrap,
    brokers,
    async kill(nodeId, signal = 'SIGKILL') {
      const b = brokers.find((x) => x.nodeId === nodeId)
      const pid = b?.pid
      if (!b || pid === undefined) return
      process.kill(pid, signal)
      if (signal === 'SIGSTOP') return
      await pollUntil(async () => (isPidAlive(pid) ? undefined : true), { timeoutMs: 30_000, intervalMs: 20 })
      b.pid = undefined
    },
    async restart(nodeId) {
      const b = brokers.find((x) => x.nodeId === nodeId)
      if (!b || (b.pid !== undefined && isPidAlive(b.pid))) return
      launch(b)
    },
    waitHealthy: (timeoutMs, topics = []) => waitHealthy(brokers, timeoutMs, topics),
    stop
  }

  try {
    const started = Date.now()
    progress(`starting ${count} Kafka brokers on 127.0.0.1:${ports.join(',')}`)
    await Promise.all(
      brokers.map(async (b) => {
        const p = brokerPaths(b)
        mkdirSync(p.dataDir, { recursive: true })
        mkdirSync(p.logsDir, { recursive: true })
        const lines = Object.entries(brokerSettings(b, brokers, p.dataDir)).map(([k, v]) => `${k}=${v}`)
        writeFileSync(
          p.config,
          `# Written by firstcome (tools/stack/cluster-kafka.ts).\n${lines.join('\n')}\n`
        )
        const format = await runCommand(
          java,
          fastStart(
            jvmArgs(
              p,
              ['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', p.config, '--ignore-formatted'],
              '256m'
            )
          ),
          { cwd: p.home, env, timeoutMs: 120_000 }
        )
        if (format.code !== 0) {
          throw new StackError(
            'kafka',
            `formatting broker ${b.nodeId}'s log directory failed`,
            `${format.stdout}\n${format.stderr}`.trim().split('\n').slice(-6).join('\n')
          )
        }
      })
    )
    for (const b of brokers) launch(b)
    if (!(await waitHealthy(brokers, 180_000, [], true))) {
      const tails = brokers.map((b) => `broker ${b.nodeId}: ${tailFile(b.logFile, 3)}`).join('\n')
      throw new StackError('kafka', `the ${count}-broker Kafka cluster did not form within 180 s`, tails)
    }
    // The first consumer group creates __consumer_offsets (3 copies, 10 partitions): until every
    // partition has a leader, joins fail with "findGroupCoordinator failed". Creating it now keeps
    // that out of the first consumer's start (it took 5-20 s on two busy cores).
    await warmGroupCoordinator(brokers)
    progress(`Kafka cluster of ${count} brokers ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return handle
  } catch (error) {
    await stop()
    throw error
  }
}

async function waitHealthy(
  brokers: readonly KafkaClusterBroker[],
  timeoutMs: number,
  topics: readonly string[],
  requireAll = false
): Promise<boolean> {
  const running = () => brokers.filter((b) => b.pid !== undefined && isPidAlive(b.pid))
  const admin = new Admin({
    clientId: 'firstcome-cluster-probe',
    bootstrapBrokers: running().map((b) => `127.0.0.1:${b.port}`),
    timeout: 2_000,
    connectTimeout: 1_000,
    retries: 0
  })
  try {
    const ok = await pollUntil(
      async () => {
        const alive = running()
        // While the cluster forms, a broker that died (a port taken, a bad config) is a failure.
        if (requireAll && alive.length < brokers.length) return false
        const metadata = await admin
          .metadata({ topics: [...topics], forceUpdate: true })
          .catch(() => undefined)
        if (!metadata) return undefined
        if (alive.some((b) => !metadata.brokers.has(b.nodeId))) return undefined
        for (const name of topics) {
          const topic = metadata.topics.get(name)
          if (!topic) return undefined
          for (const partition of topic.partitions) {
            if (!partition || partition.leader < 0) return undefined
            if (alive.length === brokers.length && partition.isr.length < partition.replicas.length)
              return undefined
          }
        }
        return true
      },
      { timeoutMs, intervalMs: 250 }
    )
    return ok === true
  } finally {
    await admin.close().catch(() => {})
  }
}

async function warmGroupCoordinator(brokers: readonly KafkaClusterBroker[]): Promise<void> {
  const admin = new Admin({
    clientId: 'firstcome-cluster-warmup',
    bootstrapBrokers: brokers.map((b) => `127.0.0.1:${b.port}`),
    timeout: 5_000,
    retries: 0
  })
  // Group ids hash over the 3 partitions of __consumer_offsets: a dozen keys reach all of them.
  const keys = Array.from({ length: 12 }, (_, i) => `firstcome-warmup-${i}`)
  try {
    const found = await pollUntil(
      () =>
        admin
          .findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys })
          .then((r) => (r.length === keys.length && r.every((c) => c.nodeId >= 0) ? true : undefined))
          .catch(() => undefined),
      { timeoutMs: 120_000, intervalMs: 250 }
    )
    if (!found) {
      throw new StackError(
        'kafka',
        'the Kafka cluster has no group coordinator after 120 s',
        "see the brokers' server.log"
      )
    }
  } finally {
    await admin.close().catch(() => {})
  }
}

/**
 * Three JVMs start on two cores: the serial collector and the C1 compiler only cut each broker's
 * start (the JIT and G1 threads otherwise compete with the other brokers for both cores).
 */
function fastStart(args: string[]): string[] {
  return args
    .filter((a) => a !== '-XX:MaxGCPauseMillis=20')
    .map((a) => (a === '-XX:+UseG1GC' ? '-XX:+UseSerialGC' : a))
    .flatMap((a) => (a === '-XX:+UseSerialGC' ? [a, '-XX:TieredStopAtLevel=1'] : [a]))
}
