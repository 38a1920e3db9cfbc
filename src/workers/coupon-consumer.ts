/**
 * The coupon consumer: reads `<prefix>.coupon-issues` (keyed by user) as a consumer group and
 * issues coupons in batches through the {@link BookingPipeline}: one idempotent insert per batch,
 * an outbox row per claim, then SOLD in Redis. Offsets commit after all of that.
 */

import { pipelineTopicNames } from '../adapters/kafka/topics.ts'
import type { ClaimRequest, PipelinePublisher } from '../domain/pipeline-ports.ts'
import { type BookingPipeline, InventoryNotReadyError } from '../services/pipeline/booking-pipeline.ts'
import { parseClaimRequest } from '../services/pipeline/pipeline-messages.ts'
import {
  createPipelineConsumer,
  type PipelineConsumer,
  type PipelineConsumerOptions,
  type RetryPolicy
} from './pipeline-consumer.ts'

/** Options of {@link createCouponConsumer}. */
export interface CouponConsumerOptions extends RetryPolicy {
  brokers: readonly string[]
  topicPrefix: string
  pipeline: BookingPipeline
  publisher: PipelinePublisher
  maxBatchSize?: number
  onError?: PipelineConsumerOptions<ClaimRequest>['onError']
}

/** The consumer group of the coupon consumers under a topic prefix. */
export function couponGroupId(topicPrefix: string): string {
  return `${topicPrefix}.coupon-consumer`
}

/** Creates a coupon consumer; `start()` joins its group. */
export function createCouponConsumer(options: CouponConsumerOptions): PipelineConsumer {
  return createPipelineConsumer<ClaimRequest>({
    ...options,
    groupId: couponGroupId(options.topicPrefix),
    topic: pipelineTopicNames(options.topicPrefix).claims,
    kind: 'claim',
    parse: parseClaimRequest,
    idOf: (r) => r.claimId,
    saleOf: (r) => r.saleId,
    process: (requests) => options.pipeline.processClaims(requests),
    finalFail: (requests, reason) => options.pipeline.failClaims(requests, reason),
    notReady: (err) => err instanceof InventoryNotReadyError
  })
}
