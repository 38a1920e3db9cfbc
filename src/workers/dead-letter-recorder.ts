/**
 * Copies the dead-letter topic into `failed_events`. The topic is the durable record: a consumer
 * can dead-letter a message while PostgreSQL is down (the usual reason it gives up), and this
 * recorder, retrying without limit, writes the row once the database is back.
 */

import { bufferCodec } from '../adapters/kafka/codec.ts'
import { createKafkaConsumer } from '../adapters/kafka/index.ts'
import { pipelineTopicNames } from '../adapters/kafka/topics.ts'
import type { DeadLetter, DeadLetterStore } from '../domain/pipeline-ports.ts'
import { parseDeadLetter } from '../services/pipeline/pipeline-messages.ts'

/** Options of {@link createDeadLetterRecorder}. */
export interface DeadLetterRecorderOptions {
  brokers: readonly string[]
  topicPrefix: string
  store: DeadLetterStore
  onError?: (err: unknown, context: { stage: string }) => void
}

/** The consumer group of the recorder under a topic prefix. */
export function deadLetterGroupId(topicPrefix: string): string {
  return `${topicPrefix}.dead-letter-recorder`
}

/** Creates the recorder; `start()` joins its group. */
export function createDeadLetterRecorder(options: DeadLetterRecorderOptions): {
  start(): Promise<void>
  close(): Promise<void>
} {
  const report = options.onError ?? (() => {})
  // A lost group membership is replaced by the adapter itself; its reports arrive as 'kafka-*' stages.
  return createKafkaConsumer<Buffer>({
    brokers: options.brokers,
    groupId: deadLetterGroupId(options.topicPrefix),
    topics: [pipelineTopicNames(options.topicPrefix).deadLetters],
    codec: bufferCodec,
    clientId: 'firstcome-dead-letter-recorder',
    maxWaitTimeMs: 200,
    handler: async (batch) => {
      const letters: DeadLetter[] = []
      for (const message of batch) {
        const parsed = parseDeadLetter(message.rawValue)
        // Only this system writes the topic; anything else is noise an operator should hear about.
        if (parsed.ok) letters.push(parsed.value)
        else
          report(new Error(`unreadable dead letter at offset ${message.offset}: ${parsed.reason}`), {
            stage: 'parse'
          })
      }
      await options.store.record(letters)
    },
    onError: (err, context) => report(err, { stage: `kafka-${context.stage}` })
  })
}
