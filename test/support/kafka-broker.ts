/**
 * A Kafka broker of a test's own (KRaft, single node) for destructive tests: started from the jars
 * the local stack fetched (`.data/kafka/libs`), on free ports, with its data under
 * `.data/test-kafka-<random>`. It can be stopped and started again on the same ports and data.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { vi } from 'vitest'
import { isKafkaReady } from '../../src/adapters/kafka/index.ts'
import { freePort } from './redis-server.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface OwnKafka {
  brokers: string[]
  /** Stops the broker: SIGTERM (a clean shutdown) by default, or SIGKILL. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>
  /** Starts it again on the same ports and data; resolves once it answers. */
  start(): Promise<void>
  /** Stops it and deletes its data. */
  destroy(): Promise<void>
}

/** Starts a broker of the test's own; resolves once it answers a metadata request. */
export async function startOwnKafka(): Promise<OwnKafka> {
  const java = process.env.FC_JAVA ?? 'java'
  const home = join(root, '.data', `test-kafka-${randomBytes(4).toString('hex')}`)
  const dataDir = join(home, 'data')
  const config = join(home, 'server.properties')
  mkdirSync(dataDir, { recursive: true })
  const port = await freePort()
  const controller = await freePort()
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controller}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': dataDir,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 3,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
    'num.network.threads': 2,
    'num.io.threads': 2
  }
  writeFileSync(
    config,
    `${Object.entries(settings)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`
  )
  const jvm = (main: string[]) => [
    '-Xms128m',
    '-Xmx384m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Dkafka.logs.dir=${join(home, 'logs')}`,
    `-Dlog4j2.configurationFile=${join(root, 'infra', 'kafka', 'log4j2.xml')}`,
    '-cp',
    `${join(root, '.data', 'kafka', 'libs')}/*`,
    ...main
  ]
  const format = spawnSync(
    java,
    jvm(['kafka.tools.StorageTool', 'format', '-t', randomBytes(16).toString('base64url'), '-c', config]),
    { encoding: 'utf8', timeout: 120_000 }
  )
  if (format.status !== 0) throw new Error(`formatting a test broker failed: ${format.stderr}`)

  const brokers = [`127.0.0.1:${port}`]
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()

  const start = async () => {
    const proc = spawn(java, jvm(['kafka.Kafka', config]), { stdio: 'ignore' })
    child = proc
    exited = new Promise((resolve) => proc.once('exit', () => resolve()))
    await vi.waitFor(
      async () => {
        if (proc.exitCode !== null) throw new Error('the test broker exited while starting')
        if (!(await isKafkaReady(brokers, 1000))) throw new Error('not ready yet')
      },
      { timeout: 90_000, interval: 250 }
    )
  }
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
    child = undefined
  }
  await start()
  return {
    brokers,
    stop,
    start,
    async destroy() {
      await stop('SIGKILL')
      rmSync(home, { recursive: true, force: true })
    }
  }
}
