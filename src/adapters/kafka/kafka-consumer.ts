/**
 * A consumer-group consumer (classic group protocol) that hands batches of messages to an async
 * handler and commits their offsets only after the handler resolves: at-least-once delivery,
 * so handlers must be idempotent (the pipeline's SQL is).
 */

import { setTimeout as delay } from 'node:timers/promises'
import {
  Consumer,
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
  /** Group session timeout in ms (default 30 s). */
  sessionTimeoutMs?: number
  /** Heartbeat interval in ms (default 3 s). */
  heartbeatIntervalMs?: number
  /** Messages buffered ahead of the handler (default 1024). */
  highWaterMark?: number
  /** First delay before retrying a failed batch, doubled up to 30 s (default 500 ms). */
  retryDelayMs?: number
  /**
   * Told about handler failures (before each retry), failed commits (the batch will be seen again),
   * undecodable messages (skipped), and a stream failure that stopped the consumer. Defaults to
   * ignoring them.
   */
  onError?: (error: unknown, context: ConsumerErrorContext) => void
}

/** Where a consumer error happened. */
export interface ConsumerErrorContext {
  stage: 'handler' | 'commit' | 'decode' | 'stream'
  /** 1 for a first failure; counts the retries of one batch for 'handler'. */
  attempt: number
}

/** A running consumer. */
export interface KafkaConsumer {
  /** Joins the group and starts delivering batches; resolves once it is a member. */
  start(): Promise<void>
  /**
   * Stops taking new batches, lets the batch in hand finish and be committed, then leaves the
   * group. Messages fetched but not yet handed over are not committed and go to the next member.
   */
  close(): Promise<void>
  /** Settles when the consumer has stopped: resolves after close(), rejects if the stream failed. */
  readonly stopped: Promise<void>
}

type RawMessage = Message<string, Buffer, string, string>

/** Creates a consumer; call `start()` to join the group. */
export function createKafkaConsumer<V = unknown>(options: KafkaConsumerOptions<V>): KafkaConsumer {
  const codec = options.codec ?? jsonCodec<V>()
  const maxBatch = Math.max(1, options.maxBatchSize ?? 100)
  const consumer = new Consumer<string, Buffer, string, string>({
    clientId: options.clientId ?? 'firstcome-consumer',
    groupId: options.groupId,
    bootstrapBrokers: [...options.brokers],
    // The new 'consumer' group protocol is unreliable against Kafka 4.1 with this client.
    groupProtocol: 'classic',
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: options.heartbeatIntervalMs ?? 3_000,
    rebalanceTimeout: options.sessionTimeoutMs ?? 30_000,
    autocommit: false,
    maxWaitTime: options.maxWaitTimeMs ?? 500,
    highWaterMark: options.highWaterMark ?? 1024,
    deserializers: { key: stringDeserializer, headerKey: stringDeserializer, headerValue: stringDeserializer }
  })

  let stream: MessagesStream<string, Buffer, string, string> | undefined
  let starting: Promise<void> | undefined
  let closing = false
  // Cuts a retry back-off short when close() is called.
  const closeSignal = new AbortController()
  let loop: Promise<void> | undefined
  let closePromise: Promise<void> | undefined
  // Wakes the loop when it waits for messages (new data, end of stream, or close()).
  let wake: (() => void) | undefined
  let resolveStopped: () => void = () => {}
  let rejectStopped: (error: unknown) => void = () => {}
  const stopped = new Promise<void>((resolve, reject) => {
    resolveStopped = resolve
    rejectStopped = reject
  })
  // Nobody may be listening for a failure; an unobserved rejection must not crash the process.
  stopped.catch(() => {})

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

  const readBatch = (source: MessagesStream<string, Buffer, string, string>): RawMessage[] => {
    const batch: RawMessage[] = []
    while (batch.length < maxBatch) {
      const message = source.read() as RawMessage | null
      if (message === null) break
      batch.push(message)
    }
    return batch
  }

  const waitForMessages = (source: MessagesStream<string, Buffer, string, string>): Promise<void> =>
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
        if (closing) return false
        await delay(wait, undefined, { signal: closeSignal.signal }).catch(() => {})
        wait = Math.min(wait * 2, 30_000)
        if (closing) return false
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
      await consumer.commit({ offsets: [...next.values()].map((offset) => ({ ...offset, leaderEpoch: -1 })) })
    } catch (error) {
      // At-least-once: an uncommitted batch is delivered again after a rebalance or restart.
      report(error, 'commit', 1)
    }
  }

  const run = async (source: MessagesStream<string, Buffer, string, string>): Promise<void> => {
    while (!closing) {
      const raw = readBatch(source)
      if (raw.length === 0) {
        if (source.readableEnded || source.destroyed) break
        await waitForMessages(source)
        continue
      }
      const decoded = raw.map(decode).filter((message) => message !== undefined)
      const handled = decoded.length === 0 || (await handleWithRetry(decoded))
      if (handled) await commit(raw)
    }
  }

  return {
    async start() {
      if (stream || starting) throw new Error('Kafka consumer already started')
      if (closing) throw new Error('Kafka consumer is closed')
      const consuming = consumer.consume({
        topics: [...options.topics],
        mode: MessagesStreamModes.COMMITTED,
        fallbackMode:
          options.fromBeginning === false
            ? MessagesStreamFallbackModes.LATEST
            : MessagesStreamFallbackModes.EARLIEST,
        autocommit: false
      })
      starting = consuming.then(
        () => undefined,
        () => undefined
      )
      const source = await consuming
      stream = source
      // A permanent 'readable' listener keeps the stream in paused (not "no consumer") mode. When
      // waitForMessages removed the last listener, Node reset readableFlowing to null, and a fetch
      // finishing while a batch was being handled (a handler slower than maxWaitTime) then stopped
      // the library's fetch loop for good: the consumer stalled with messages waiting.
      source.on('readable', () => {})
      let streamError: unknown
      source.on('error', (error) => {
        streamError = error
        report(error, 'stream', 1)
        wake?.()
      })
      loop = run(source).then(
        async () => {
          // The stream ended on its own (failure): leave the group and tell whoever waits.
          if (!closing) {
            closing = true
            await forceClose(consumer).catch(() => {})
            rejectStopped(streamError ?? new Error('Kafka consumer stream ended unexpectedly'))
          }
        },
        async (error: unknown) => {
          closing = true
          report(error, 'stream', 1)
          await forceClose(consumer).catch(() => {})
          rejectStopped(error)
        }
      )
    },
    close() {
      closePromise ??= (async () => {
        const wasRunning = !closing
        closing = true
        // The library builds the message stream on a later tick and throws (uncaught) if the client
        // is closed by then: a close() that races start() waits for the stream to exist first.
        await starting
        closeSignal.abort()
        wake?.()
        await loop
        if (wasRunning) {
          await stream?.close().catch((error: unknown) => report(error, 'stream', 1))
          try {
            await forceClose(consumer)
          } catch (error) {
            rejectStopped(error)
            throw error
          }
          resolveStopped()
        }
      })()
      return closePromise
    },
    stopped
  }
}

/**
 * Leaves the group and closes the client, closing any stream still open. (The promise form of
 * `close(force)` is shadowed by its callback overload in the type definitions.)
 */
function forceClose(consumer: Consumer<string, Buffer, string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    consumer.close(true, (error) => (error ? reject(error) : resolve()))
  })
}
