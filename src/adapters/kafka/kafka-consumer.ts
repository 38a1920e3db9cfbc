/**
 * A consumer-group consumer (classic group protocol) that hands batches of messages to an async
 * handler and commits their offsets only after the handler resolves: at-least-once delivery,
 * so handlers must be idempotent (the pipeline's SQL is).
 *
 * It keeps consuming until close(), whatever the brokers do. One membership of the group is one
 * client of the library; when a membership is lost (its message stream failed, a heartbeat,
 * rejoin or commit failed), the client is dropped and a new one joins the group again, with
 * back-off, from the committed offsets. A new client is also what finds a new group coordinator:
 * the library (1.x) looks the coordinator up once per client and never again, so a client whose
 * coordinator broker died would otherwise send every heartbeat and commit to that broker for
 * good, while the group moved on without it.
 *
 * Nothing here waits without bound on the library: a join that does not complete (it waits for
 * a rebalance, which is bounded by the session timeout) counts as failed, and a client that does
 * not close in time is left to finish closing in the background.
 */

import { setTimeout as delay } from 'node:timers/promises'
import {
  Base,
  Consumer,
  kGetConnection,
  type Message,
  type MessagesStream,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  stringDeserializer
} from '@platformatic/kafka'
import { jsonCodec, type ValueCodec } from './codec.ts'

/** One consumed message, decoded. */
export interface ConsumedMessage<V> {
  topic: string
  partition: number
  offset: bigint
  key: string | undefined
  value: V
  /** The value's bytes as received (e.g. to forward a message to a dead-letter topic unchanged). */
  rawValue: Buffer
  headers: Record<string, string>
  /** Broker/producer timestamp in ms since the epoch. */
  timestamp: number
}

/** Handles one batch. Resolving commits the batch; rejecting makes the consumer retry the same batch. */
export type BatchHandler<V> = (batch: ConsumedMessage<V>[]) => Promise<void>

/** Options of {@link createKafkaConsumer}. */
export interface KafkaConsumerOptions<V> {
  brokers: readonly string[]
  groupId: string
  topics: readonly string[]
  handler: BatchHandler<V>
  /** Client id shown in broker logs; defaults to `firstcome-consumer`. */
  clientId?: string
  /**
   * Value decoding; JSON by default. A message whose value fails to decode can never be handled,
   * so it is skipped (committed with its batch) and reported as stage 'decode'; a codec that does
   * not throw (returning an error variant instead) lets the handler dead-letter such messages.
   */
  codec?: ValueCodec<V>
  /** Largest batch handed to the handler (default 100). */
  maxBatchSize?: number
  /** Where a group with no committed offset starts: true = oldest message (default), false = only new ones. */
  fromBeginning?: boolean
  /** Broker long-poll time of a fetch in ms (default 500): bounds how late an idle consumer sees a message. */
  maxWaitTimeMs?: number
  /**
   * Group session timeout in ms (default 10 s): how long a member that stopped heartbeating (a
   * process that died or froze) keeps its partitions before the group hands them to the others.
   * Also the rebalance timeout. Heartbeats run on a timer, not between batches, so a slow batch
   * does not count against it.
   */
  sessionTimeoutMs?: number
  /** Heartbeat interval in ms (default 1 s). */
  heartbeatIntervalMs?: number
  /** Messages buffered ahead of the handler (default 1024). */
  highWaterMark?: number
  /** First delay before retrying a failed batch, doubled up to 30 s (default 500 ms). */
  retryDelayMs?: number
  /** First delay before joining the group again after a lost membership, doubled up to 5 s (default 250 ms). */
  rejoinDelayMs?: number
  /**
   * Told about handler failures (before each retry), failed commits (the batch will be seen again),
   * undecodable messages (skipped), a lost membership ('stream' when the message stream failed,
   * 'group' when a heartbeat or rejoin failed; a new one follows), a failed join of a new
   * membership ('rejoin', retried) and a failed leave ('leave': the group drops the member after
   * its session timeout). Defaults to ignoring them.
   */
  onError?: (error: unknown, context: ConsumerErrorContext) => void
}

/** Where a consumer error happened. */
export interface ConsumerErrorContext {
  stage: 'handler' | 'commit' | 'decode' | 'stream' | 'group' | 'rejoin' | 'leave'
  /** 1 for a first failure; counts the retries of one batch for 'handler' and the joins for 'rejoin'. */
  attempt: number
}

/** A running consumer. */
export interface KafkaConsumer {
  /** Joins the group and starts delivering batches; resolves once it is a member, rejects if that fails. */
  start(): Promise<void>
  /**
   * Stops taking new batches, lets the batch in hand finish and be committed, then leaves the
   * group. Messages fetched but not yet handed over are not committed and go to the next member.
   */
  close(): Promise<void>
  /** Resolves once close() has finished. */
  readonly stopped: Promise<void>
  /** How many times a lost membership was replaced by a new one. */
  readonly rejoins: number
}

// How long a membership that is being dropped may take to leave and close before the consumer
// goes on without waiting for it (the rest happens in the background).
const CLOSE_WAIT_MS = 15_000

type RawMessage = Message<string, Buffer, string, string>
type RawConsumer = Consumer<string, Buffer, string, string>
type RawStream = MessagesStream<string, Buffer, string, string>

/** Creates a consumer; call `start()` to join the group. */
export function createKafkaConsumer<V = unknown>(options: KafkaConsumerOptions<V>): KafkaConsumer {
  const codec = options.codec ?? jsonCodec<V>()
  const maxBatch = Math.max(1, options.maxBatchSize ?? 100)
  const sessionTimeout = options.sessionTimeoutMs ?? 10_000
  // A join waits for the group's rebalance, which the coordinator ends after the rebalance
  // timeout (the session timeout here) at the latest; requests time out after 30 s.
  const joinTimeoutMs = sessionTimeout + 50_000
  const report = (error: unknown, stage: ConsumerErrorContext['stage'], attempt: number) => {
    try {
      options.onError?.(error, { stage, attempt })
    } catch {
      // A faulty error reporter must not stop consumption.
    }
  }

  const decode = (message: RawMessage): ConsumedMessage<V> | undefined => {
    const rawValue = message.value ?? Buffer.alloc(0)
    let value: V
    try {
      value = codec.decode(rawValue)
    } catch (error) {
      report(
        new Error(`undecodable message ${message.topic}/${message.partition}@${message.offset} skipped`, {
          cause: error
        }),
        'decode',
        1
      )
      return undefined
    }
    const headers: Record<string, string> = {}
    for (const [name, headerValue] of message.headers) headers[name] = headerValue
    return {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      value,
      rawValue,
      headers,
      timestamp: Number(message.timestamp)
    }
  }

  /** One membership of the group: a client of the library, its message stream and the loop over it. */
  const membership = () => {
    const client: RawConsumer = new Consumer<string, Buffer, string, string>({
      clientId: options.clientId ?? 'firstcome-consumer',
      groupId: options.groupId,
      bootstrapBrokers: [...options.brokers],
      // The new 'consumer' group protocol is unreliable against Kafka 4.1 with this client.
      groupProtocol: 'classic',
      sessionTimeout,
      heartbeatInterval: options.heartbeatIntervalMs ?? 1_000,
      rebalanceTimeout: sessionTimeout,
      autocommit: false,
      maxWaitTime: options.maxWaitTimeMs ?? 500,
      highWaterMark: options.highWaterMark ?? 1024,
      deserializers: {
        key: stringDeserializer,
        headerKey: stringDeserializer,
        headerValue: stringDeserializer
      }
    })
    // The library looks the coordinator up in its metadata and hands what it finds to the
    // connection pool: once the coordinator broker has dropped out of the cluster's metadata that is
    // undefined, and the TypeError it throws inside a callback escapes as an uncaught exception (it
    // would end the process). Refused as a failed connection instead, it is retried and then
    // reported like any other unreachable coordinator, and this membership is replaced.
    const getConnection = client[kGetConnection].bind(client)
    client[kGetConnection] = (broker, callback) => {
      if (broker) getConnection(broker, callback)
      else callback(new Error('the group coordinator is not in the cluster metadata'))
    }
    let stream: RawStream | undefined
    let joining: Promise<unknown> | undefined
    let loop: Promise<void> | undefined
    let stopping = false
    // Set once the membership is lost; the loop stops after the batch in hand, without committing it.
    let lost: { error: unknown } | undefined
    let resolveEnded: (outcome: { error: unknown } | undefined) => void = () => {}
    /** Settles when the loop has stopped: with the failure when the membership was lost. */
    const ended = new Promise<{ error: unknown } | undefined>((resolve) => {
      resolveEnded = resolve
    })
    // Cuts a retry back-off short when the membership ends.
    const endSignal = new AbortController()
    // Wakes the loop when it waits for messages (new data, end of stream, loss or stop).
    let wake: (() => void) | undefined

    const lose = (error: unknown, stage: 'stream' | 'group') => {
      if (lost || stopping) return
      lost = { error }
      report(error, stage, 1)
      endSignal.abort()
      wake?.()
    }
    // A heartbeat that failed for another reason than a rebalance (the library rejoins by itself
    // then), or a rejoin that failed: this client is no longer a working member of the group.
    client.on('consumer:heartbeat:error', (payload) => lose(payload.error, 'group'))
    // The library emits 'error' when a rejoin failed; unheard, that would crash the process.
    client.on('error', (error: unknown) => lose(error, 'group'))

    const readBatch = (source: RawStream): RawMessage[] => {
      const batch: RawMessage[] = []
      while (batch.length < maxBatch) {
        const message = source.read() as RawMessage | null
        if (message === null) break
        batch.push(message)
      }
      return batch
    }

    const waitForMessages = (source: RawStream): Promise<void> =>
      new Promise<void>((resolve) => {
        const done = () => {
          source.off('readable', done)
          source.off('end', done)
          source.off('close', done)
          wake = undefined
          resolve()
        }
        wake = done
        source.on('readable', done)
        source.once('end', done)
        source.once('close', done)
      })

    const handleWithRetry = async (batch: ConsumedMessage<V>[]): Promise<boolean> => {
      let wait = options.retryDelayMs ?? 500
      for (let attempt = 1; ; attempt++) {
        try {
          await options.handler(batch)
          return true
        } catch (error) {
          report(error, 'handler', attempt)
          // Not committed: the next member of the group gets the batch again.
          if (stopping || lost) return false
          await delay(wait, undefined, { signal: endSignal.signal }).catch(() => {})
          wait = Math.min(wait * 2, 30_000)
          if (stopping || lost) return false
        }
      }
    }

    const commit = async (batch: RawMessage[]): Promise<void> => {
      const next = new Map<string, { topic: string; partition: number; offset: bigint }>()
      for (const message of batch) {
        const id = `${message.topic}\u0000${message.partition}`
        const current = next.get(id)
        if (!current || current.offset <= message.offset) {
          next.set(id, { topic: message.topic, partition: message.partition, offset: message.offset + 1n })
        }
      }
      try {
        // leaderEpoch -1: "unknown", accepted by the broker; messages do not carry the epoch.
        await client.commit({ offsets: [...next.values()].map((offset) => ({ ...offset, leaderEpoch: -1 })) })
      } catch (error) {
        // At-least-once: an uncommitted batch is delivered again, to the next membership. The
        // library already rejoined and retried a commit refused for a rebalance: this one is not
        // a member any more, or cannot reach its coordinator.
        report(error, 'commit', 1)
        lose(error, 'group')
      }
    }

    const run = async (source: RawStream, streamError: () => unknown): Promise<void> => {
      while (!stopping && !lost) {
        const raw = readBatch(source)
        if (raw.length === 0) {
          if (source.readableEnded || source.destroyed) {
            lose(streamError() ?? new Error('Kafka consumer stream ended unexpectedly'), 'stream')
            break
          }
          await waitForMessages(source)
          continue
        }
        const decoded = raw.map(decode).filter((message) => message !== undefined)
        const handled = decoded.length === 0 || (await handleWithRetry(decoded))
        if (handled && !lost) await commit(raw)
      }
    }

    /** Leaves the group and closes the client; a client that cannot leave is dropped anyway. */
    let released: Promise<void> | undefined
    const release = () => {
      released ??= (async () => {
        // The library builds the message stream on a later tick and throws (uncaught) if the client
        // is closed by then: a release that races the join waits for the stream to exist first.
        await joining
        if (stopping && !lost) await stream?.close().catch((error: unknown) => report(error, 'stream', 1))
        try {
          await forceClose(client)
        } catch (error) {
          // Typically the coordinator is gone: the group drops this member after its session
          // timeout. The library keeps such a client open; its connections are closed here.
          report(error, 'leave', 1)
          await Base.prototype.close.call(client).catch(() => {})
        }
      })()
      return released
    }

    return {
      ended,
      async join(): Promise<void> {
        const consuming = client.consume({
          topics: [...options.topics],
          mode: MessagesStreamModes.COMMITTED,
          fallbackMode:
            options.fromBeginning === false
              ? MessagesStreamFallbackModes.LATEST
              : MessagesStreamFallbackModes.EARLIEST,
          autocommit: false
        })
        joining = consuming.catch(() => undefined)
        const source = await within(consuming, joinTimeoutMs, 'joining the consumer group')
        stream = source
        // A permanent 'readable' listener keeps the stream in paused (not "no consumer") mode. When
        // waitForMessages removed the last listener, Node reset readableFlowing to null, and a fetch
        // finishing while a batch was being handled (a handler slower than maxWaitTime) then stopped
        // the library's fetch loop for good: the consumer stalled with messages waiting.
        source.on('readable', () => {})
        let streamError: unknown
        source.on('error', (error) => {
          streamError = error
          wake?.()
        })
        loop = run(source, () => streamError).then(
          () => resolveEnded(lost),
          (error: unknown) => {
            lose(error, 'stream')
            resolveEnded(lost)
          }
        )
      },
      /** Finishes and commits the batch in hand, then leaves the group. */
      async stop(): Promise<void> {
        stopping = true
        endSignal.abort()
        wake?.()
        await atMost(joining, joinTimeoutMs)
        // The batch in hand finishes (its handler is not interrupted) and is committed.
        await loop
        await atMost(release(), CLOSE_WAIT_MS)
        if (!loop) resolveEnded(undefined)
      },
      /** After a loss: drops the membership (its batch in hand was not committed). */
      release
    }
  }

  type Membership = ReturnType<typeof membership>
  let current: Membership | undefined
  let started = false
  let closing = false
  let rejoins = 0
  let supervising: Promise<void> | undefined
  const closeSignal = new AbortController()
  let resolveStopped: () => void = () => {}
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve
  })

  /** Replaces every lost membership with a new one until close(). */
  const supervise = async (first: Membership): Promise<void> => {
    let member = first
    for (;;) {
      const outcome = await member.ended
      if (closing || !outcome) return
      await atMost(member.release(), CLOSE_WAIT_MS)
      let joined: Membership | undefined
      for (let attempt = 1, wait = options.rejoinDelayMs ?? 250; !joined; attempt++) {
        await delay(wait, undefined, { signal: closeSignal.signal }).catch(() => {})
        if (closing) return
        wait = Math.min(wait * 2, 5_000)
        const next = membership()
        current = next
        try {
          await next.join()
          joined = next
        } catch (error) {
          report(error, 'rejoin', attempt)
          await atMost(next.release(), CLOSE_WAIT_MS)
        }
      }
      rejoins++
      member = joined
    }
  }

  let closePromise: Promise<void> | undefined
  return {
    async start() {
      if (started) throw new Error('Kafka consumer already started')
      if (closing) throw new Error('Kafka consumer is closed')
      started = true
      const first = membership()
      current = first
      try {
        await first.join()
      } catch (error) {
        await first.release()
        throw error
      }
      supervising = supervise(first)
    },
    close() {
      closePromise ??= (async () => {
        closing = true
        closeSignal.abort()
        // The membership in use (or joining) finishes its batch in hand and leaves.
        await current?.stop()
        await supervising
        resolveStopped()
      })()
      return closePromise
    },
    stopped,
    get rejoins() {
      return rejoins
    }
  }
}

/** Waits for `promise` (ignoring its outcome), but no longer than `ms`. */
async function atMost(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    promise?.then(
      () => undefined,
      () => undefined
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms)
    })
  ])
  clearTimeout(timer)
}

/** `promise`, or a rejection if it has not settled within `ms` (it goes on in the background). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
      })
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Leaves the group and closes the client, closing any stream still open. (The promise form of
 * `close(force)` is shadowed by its callback overload in the type definitions.)
 */
function forceClose(consumer: RawConsumer): Promise<void> {
  return new Promise((resolve, reject) => {
    consumer.close(true, (error) => (error ? reject(error) : resolve()))
  })
}
