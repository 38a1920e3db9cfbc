/** Thin, typed wrappers over @platformatic/kafka used by the stack and the pipeline. */
export { bufferCodec, jsonCodec, stringCodec, type ValueCodec } from './codec.ts'
export {
  createKafkaAdmin,
  type EnsuredTopic,
  ensureTopics,
  hasProtocolError,
  isKafkaReady,
  type KafkaAdmin,
  type KafkaAdminOptions,
  listConsumerGroupLag,
  type PartitionLag,
  type TopicSpec
} from './kafka-admin.ts'
export {
  type BatchHandler,
  type ConsumedMessage,
  type ConsumerErrorContext,
  createKafkaConsumer,
  type KafkaConsumer,
  type KafkaConsumerOptions
} from './kafka-consumer.ts'
export {
  createKafkaProducer,
  type KafkaProducer,
  type KafkaProducerOptions,
  type OutgoingMessage
} from './kafka-producer.ts'
