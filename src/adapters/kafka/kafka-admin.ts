/**
 * Kafka administration used by the stack, the pipeline's bootstrap and the stats/metrics:
 * idempotent topic creation, a readiness probe, and consumer-group lag.
 */

import { setTimeout as delay } from 'node:timers/promises'
import { Admin, type GenericError, ListOffsetTimestamps, type MultipleErrors } from '@platformatic/kafka'

/** A topic that should exist. */
export interface TopicSpec {
  name: string
  partitions: number
  /**
   * Copies of each partition. Defaults to min(3, brokers in the cluster): 1 on the single local
   * broker, 3 on a cluster of three or more.
   */
  replicationFactor?: number
  /** Topic configs, e.g. `{ 'retention.ms': '86400000', 'cleanup.policy': 'compact' }`. */
  configs?: Record<string, string>
}

/** What {@link ensureTopics} did for one topic. */
export interface EnsuredTopic {
  name: string
  /** True when this call created it; false when it existed already (possibly created concurrently). */
  created: boolean
  /** Partition count the broker reports now (may differ from the spec for a topic that existed). */
  partitions: number
}

/** Lag of one partition for a consumer group. */
export interface PartitionLag {
  topic: string
  partition: number
  /** Next offset the group will read, or null when it never committed on this partition. */
  committedOffset: number | null
  /** Offset after the last message in the partition (the log end offset). */
  highWatermark: number
  /** Messages not yet consumed: highWatermark - committed (or - log start when never committed). */
  lag: number
}

/** Common options of the admin helpers. */
export interface KafkaAdminOptions {
  /** Client id shown in broker logs; defaults to `firstcome-admin`. */
  clientId?: string
  /** Per-request timeout in ms (default 10 s). */
  timeoutMs?: number
}

/** A Kafka admin session: one connection pool for several calls. Close it when done. */
export interface KafkaAdmin {
  /** Creates the topics that do not exist yet and waits until each has a leader on every partition. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<EnsuredTopic[]>
  /** True when a broker answers a metadata request within `timeoutMs` and lists at least one broker. */
  isReady(timeoutMs: number): Promise<boolean>
  /** Per-partition lag of `groupId` on `topics` (committed offset vs high watermark). */
  listConsumerGroupLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]>
  /**
   * Resolves true once each group has committed, on every partition of its topic, past everything
   * that partition held when the call began: every message published before the call has been
   * handled. False when that is not reached within `timeoutMs` or the offsets cannot be read.
   * Unlike "lag is 0" this is reached under steady traffic too.
   */
  waitConsumed(groups: ReadonlyArray<{ groupId: string; topic: string }>, timeoutMs: number): Promise<boolean>
  /** Deletes topics; ones that do not exist are ignored (tests clean up with it). */
  deleteTopics(names: readonly string[]): Promise<void>
  close(): Promise<void>
}

/** Opens an admin session against `brokers` (`host:port` strings). */
export function createKafkaAdmin(brokers: readonly string[], options: KafkaAdminOptions = {}): KafkaAdmin {
  const timeout = options.timeoutMs ?? 10_000
  const admin = new Admin({
    clientId: options.clientId ?? 'firstcome-admin',
    bootstrapBrokers: [...brokers],
    timeout,
    connectTimeout: Math.min(timeout, 5_000),
    retries: 3,
    retryDelay: 250
  })
  return {
    ensureTopics: (topics) => ensureTopicsWith(admin, topics, timeout),
    isReady: (timeoutMs) => isReadyWith(admin, timeoutMs),
    listConsumerGroupLag: (groupId, topics) => listLagWith(admin, groupId, topics),
    waitConsumed: (groups, timeoutMs) => waitConsumedWith(admin, groups, timeoutMs),
    deleteTopics: async (names) => {
      if (names.length === 0) return
      try {
        await admin.deleteTopics({ topics: [...names] })
      } catch (error) {
        if (!hasProtocolError(error, 'UNKNOWN_TOPIC_OR_PARTITION')) throw error
      }
    },
    close: () => admin.close()
  }
}

/**
 * Creates the given topics when missing. Idempotent: a topic that already exists, or that a
 * concurrent caller creates at the same moment, counts as success. Resolves once every topic
 * has a leader for each partition, so producers can use them right away.
 */
export async function ensureTopics(
  brokers: readonly string[],
  topics: readonly TopicSpec[],
  options: KafkaAdminOptions = {}
): Promise<EnsuredTopic[]> {
  return withAdmin(brokers, options, (admin) => admin.ensureTopics(topics))
}

/**
 * True when the cluster answers a metadata request (not just an open port) within `timeoutMs`
 * and names at least one broker. Never throws.
 */
export async function isKafkaReady(brokers: readonly string[], timeoutMs: number): Promise<boolean> {
  const admin = new Admin({
    clientId: 'firstcome-probe',
    bootstrapBrokers: [...brokers],
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
    // A probe answers now or says no; the caller decides whether to poll again.
    retries: 0
  })
  try {
    return await isReadyWith(admin, timeoutMs)
  } finally {
    await admin.close().catch(() => {})
  }
}

/**
 * Lag of a consumer group per partition: committed offset against the high watermark.
 * Partitions the group never committed count from the log start offset.
 */
export async function listConsumerGroupLag(
  brokers: readonly string[],
  groupId: string,
  topics: readonly string[],
  options: KafkaAdminOptions = {}
): Promise<PartitionLag[]> {
  return withAdmin(brokers, options, (admin) => admin.listConsumerGroupLag(groupId, topics))
}

async function withAdmin<T>(
  brokers: readonly string[],
  options: KafkaAdminOptions,
  use: (admin: KafkaAdmin) => Promise<T>
): Promise<T> {
  const admin = createKafkaAdmin(brokers, options)
  try {
    return await use(admin)
  } finally {
    await admin.close().catch(() => {})
  }
}

async function isReadyWith(admin: Admin, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  const answered = admin
    .metadata({ topics: [], forceUpdate: true })
    .then((metadata) => metadata.brokers.size > 0)
    .catch(() => false)
  try {
    return await Promise.race([answered, timedOut])
  } finally {
    clearTimeout(timer)
  }
}

async function ensureTopicsWith(
  admin: Admin,
  topics: readonly TopicSpec[],
  timeoutMs: number
): Promise<EnsuredTopic[]> {
  if (topics.length === 0) return []
  const existing = new Set(await admin.listTopics())
  const created = new Set<string>()
  const missing = topics.filter((topic) => !existing.has(topic.name))
  const brokerCount = missing.some((t) => t.replicationFactor === undefined)
    ? (await admin.metadata({ topics: [] })).brokers.size
    : 1
  // One request per topic: partitions and configs differ between topics.
  await Promise.all(
    missing.map(async (topic) => {
      const replicas = topic.replicationFactor ?? Math.max(1, Math.min(3, brokerCount))
      // acks=all then means "on at least two brokers" whenever there are three copies: one broker
      // may die without losing an acknowledged message or stopping producers.
      const configs = { 'min.insync.replicas': replicas >= 3 ? '2' : '1', ...topic.configs }
      try {
        await admin.createTopics({
          topics: [topic.name],
          partitions: topic.partitions,
          replicas,
          configs: Object.entries(configs).map(([name, value]) => ({ name, value }))
        })
        created.add(topic.name)
      } catch (error) {
        if (!hasProtocolError(error, 'TOPIC_ALREADY_EXISTS')) throw error
      }
    })
  )
  const names = topics.map((topic) => topic.name)
  const deadline = Date.now() + timeoutMs
  // A created topic needs a moment before every partition has a leader in the metadata.
  for (;;) {
    const metadata = await admin.metadata({ topics: names, forceUpdate: true }).catch(() => undefined)
    const result: EnsuredTopic[] = []
    let allLed = metadata !== undefined
    for (const name of names) {
      const topic = metadata?.topics.get(name)
      if (
        !topic ||
        topic.partitions.length === 0 ||
        topic.partitions.some((p) => p === undefined || p.leader < 0)
      ) {
        allLed = false
        break
      }
      result.push({ name, created: created.has(name), partitions: topic.partitionsCount })
    }
    if (allLed) return result
    if (Date.now() > deadline) {
      throw new Error(`topics ${names.join(', ')} have no leader on every partition after ${timeoutMs} ms`)
    }
    await delay(100)
  }
}

async function listLagWith(
  admin: Admin,
  groupId: string,
  topics: readonly string[]
): Promise<PartitionLag[]> {
  if (topics.length === 0) return []
  const metadata = await admin.metadata({ topics: [...topics] })
  const partitionsOf = (topic: string): number[] => {
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0
    return Array.from({ length: count }, (_, index) => index)
  }
  const request = (timestamp: bigint) =>
    admin.listOffsets({
      topics: topics.map((name) => ({
        name,
        partitions: partitionsOf(name).map((partitionIndex) => ({ partitionIndex, timestamp }))
      }))
    })
  const [latest, earliest, committed] = await Promise.all([
    request(ListOffsetTimestamps.LATEST),
    request(ListOffsetTimestamps.EARLIEST),
    admin.listConsumerGroupOffsets({
      groups: [{ groupId, topics: topics.map((name) => ({ name, partitionIndexes: partitionsOf(name) })) }]
    })
  ])
  const key = (topic: string, partition: number) => `${topic}\u0000${partition}`
  const starts = new Map<string, bigint>()
  for (const topic of earliest) {
    for (const p of topic.partitions) starts.set(key(topic.name, p.partitionIndex), p.offset)
  }
  const commits = new Map<string, bigint>()
  for (const group of committed) {
    for (const topic of group.topics) {
      for (const p of topic.partitions) {
        // -1 means "no committed offset" for this partition.
        if (p.committedOffset >= 0n) commits.set(key(topic.name, p.partitionIndex), p.committedOffset)
      }
    }
  }
  const result: PartitionLag[] = []
  for (const topic of latest) {
    for (const p of topic.partitions) {
      const id = key(topic.name, p.partitionIndex)
      const commit = commits.get(id)
      const from = commit ?? starts.get(id) ?? 0n
      const lag = p.offset > from ? p.offset - from : 0n
      result.push({
        topic: topic.name,
        partition: p.partitionIndex,
        committedOffset: commit === undefined ? null : Number(commit),
        highWatermark: Number(p.offset),
        lag: Number(lag)
      })
    }
  }
  return result.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
}

async function waitConsumedWith(
  admin: Admin,
  groups: ReadonlyArray<{ groupId: string; topic: string }>,
  timeoutMs: number
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  try {
    // What each partition held at the start: its high watermark, where it was not consumed yet.
    const targets = await Promise.all(
      groups.map(async ({ groupId, topic }) => ({
        groupId,
        topic,
        ends: new Map(
          (await listLagWith(admin, groupId, [topic]))
            .filter((p) => p.lag > 0)
            .map((p) => [p.partition, p.highWatermark] as const)
        )
      }))
    )
    for (;;) {
      const pending = await Promise.all(
        targets.map(async ({ groupId, topic, ends }) => {
          if (ends.size === 0) return false
          const now = await listLagWith(admin, groupId, [topic])
          for (const p of now) {
            const end = ends.get(p.partition)
            if (end !== undefined && (p.committedOffset ?? -1) >= end) ends.delete(p.partition)
          }
          return ends.size > 0
        })
      )
      if (!pending.includes(true)) return true
      if (Date.now() > deadline) return false
      await delay(100)
    }
  } catch {
    return false
  }
}

/** Whether a client error (possibly nested in retries) carries the given Kafka protocol error id. */
export function hasProtocolError(error: unknown, apiId: string): boolean {
  const findBy = (error as Partial<GenericError | MultipleErrors> | undefined)?.findBy
  if (typeof findBy !== 'function') return false
  return findBy.call(error, 'apiId', apiId) !== null
}
