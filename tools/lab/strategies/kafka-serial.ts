import type { Pool } from 'pg'
import type { ConsumedMessage } from '../../../src/adapters/kafka/index.ts'
import {
  createKafkaAdmin,
  createKafkaConsumer,
  createKafkaProducer
} from '../../../src/adapters/kafka/index.ts'
import { transaction } from '../../../src/adapters/postgres/pool.ts'
import { buyerIds, driveBuyers } from '../drive-buyers.ts'
import { labSql } from '../lab-sql.ts'
import type { BuyOutcome, LabEnv, LabSale, Outcome, Strategy, StrategyRun } from '../types.ts'
import { createLabPool } from './lab-pool.ts'

/** A buyer who has no answer after this long gives up (the request may still be decided later). */
const REPLY_TIMEOUT_MS = 60_000

interface Request {
  buyer: string
  /** A warm-up request: answered, never decided (no stock, no purchase). */
  warm?: boolean
}

interface Reply {
  buyer: string
  outcome: Outcome
}

/**
 * The single decider: consumes the sale's one partition in order, keeps the stock in memory (it
 * is the only writer), persists each batch's winners in one transaction, and only then replies.
 * A redelivered request gets the answer it got the first time.
 */
class Decider {
  readonly #pool: Pool
  readonly #saleId: string
  #remaining: number
  readonly #decided = new Map<string, Outcome>()

  constructor(pool: Pool, saleId: string, remaining: number) {
    this.#pool = pool
    this.#saleId = saleId
    this.#remaining = remaining
  }

  async decide(batch: ConsumedMessage<Request>[]): Promise<Reply[]> {
    let remaining = this.#remaining
    const winners: string[] = []
    const replies: Reply[] = []
    const fresh = new Map<string, Outcome>()
    for (const m of batch) {
      const buyer = m.value.buyer
      if (m.value.warm) {
        replies.push({ buyer, outcome: 'sold_out' })
        continue
      }
      let outcome = this.#decided.get(buyer) ?? fresh.get(buyer)
      if (!outcome) {
        outcome = remaining > 0 ? 'won' : 'sold_out'
        if (outcome === 'won') {
          remaining--
          winners.push(buyer)
        }
        fresh.set(buyer, outcome)
      }
      replies.push({ buyer, outcome })
    }
    if (winners.length > 0) {
      await transaction(this.#pool, async (client) => {
        await client.query(labSql('insert-purchases'), [this.#saleId, winners])
        await client.query(labSql('decrement-remaining'), [this.#saleId, winners.length])
      })
    }
    // Only after the commit: a failed write leaves the state as it was and the batch is retried.
    this.#remaining = remaining
    for (const [buyer, outcome] of fresh) this.#decided.set(buyer, outcome)
    return replies
  }
}

/**
 * Kafka request-reply (seed 003): every request of the sale is keyed by the sale id into one
 * partition of a request topic; one consumer decides them in log order and answers on a reply
 * topic; each buyer waits for its reply. Serialisation without locks, at the cost of a produce,
 * a fetch, a DB commit and a second produce/fetch per batch.
 */
export const kafkaSerial: Strategy = {
  name: 'kafka-serial',
  safe: true,
  summary: 'requests keyed by sale id into 1 partition, one consumer decides in order, replies on a topic',
  async prepare(env: LabEnv, sale: LabSale): Promise<StrategyRun> {
    const tag = `${env.kafkaSuffix}-${sale.saleId}`.replace(/[^a-zA-Z0-9._-]/g, '-')
    const topics = { requests: `fc-lab-req-${tag}`, replies: `fc-lab-rep-${tag}` }
    const admin = createKafkaAdmin(env.kafkaBrokers, { clientId: 'fc-lab-admin' })
    const pool = await createLabPool(env, 'fc-lab-kafka-decider')
    const waiting = new Map<string, (outcome: Outcome) => void>()
    const closers: Array<() => Promise<void>> = []
    const close = async (): Promise<void> => {
      for (const c of closers.reverse()) await c().catch(() => {})
      await pool.end()
      await admin.deleteTopics([topics.requests, topics.replies]).catch(() => {})
      await admin.close()
    }
    try {
      await admin.ensureTopics([
        { name: topics.requests, partitions: 1 },
        { name: topics.replies, partitions: 1 }
      ])
      const { rows } = await pool.query<{ remaining: number }>(labSql('select-remaining'), [sale.saleId])
      const decider = new Decider(pool, sale.saleId, rows[0]?.remaining ?? 0)

      const requestProducer = createKafkaProducer<Request>({
        brokers: env.kafkaBrokers,
        clientId: 'fc-lab-buyers'
      })
      closers.push(() => requestProducer.close())
      const replyProducer = createKafkaProducer<Reply>({
        brokers: env.kafkaBrokers,
        clientId: 'fc-lab-decider'
      })
      closers.push(() => replyProducer.close())

      const deciderConsumer = createKafkaConsumer<Request>({
        brokers: env.kafkaBrokers,
        groupId: `fc-lab-decider-${tag}`,
        topics: [topics.requests],
        clientId: 'fc-lab-decider',
        maxBatchSize: 500,
        maxWaitTimeMs: 100,
        handler: async (batch) => {
          const replies = await decider.decide(batch)
          await replyProducer.send(replies.map((r) => ({ topic: topics.replies, key: r.buyer, value: r })))
        }
      })
      closers.push(() => deciderConsumer.close())
      const replyConsumer = createKafkaConsumer<Reply>({
        brokers: env.kafkaBrokers,
        groupId: `fc-lab-buyers-${tag}`,
        topics: [topics.replies],
        clientId: 'fc-lab-buyers',
        maxBatchSize: 500,
        maxWaitTimeMs: 100,
        handler: async (batch) => {
          for (const m of batch) {
            waiting.get(m.value.buyer)?.(m.value.outcome)
            waiting.delete(m.value.buyer)
          }
        }
      })
      closers.push(() => replyConsumer.close())
      await Promise.all([deciderConsumer.start(), replyConsumer.start()])

      const request = async (buyer: string, warm: boolean): Promise<BuyOutcome> => {
        let timer: NodeJS.Timeout | undefined
        const reply = new Promise<Outcome>((resolve) => {
          waiting.set(buyer, resolve)
          timer = setTimeout(() => {
            waiting.delete(buyer)
            resolve('gave_up')
          }, REPLY_TIMEOUT_MS)
        })
        try {
          await requestProducer.send([
            { topic: topics.requests, key: sale.saleId, value: warm ? { buyer, warm } : { buyer } }
          ])
          return { outcome: await reply, attempts: 1 }
        } finally {
          clearTimeout(timer)
          waiting.delete(buyer)
        }
      }
      // One round trip before the clock starts: connections, metadata and both consumers' fetches
      // are then live, as in a service that has been running.
      if ((await request('warm-up', true)).outcome === 'gave_up')
        throw new Error('Kafka warm-up got no reply')
      return {
        run: () => driveBuyers(buyerIds(sale.case.buyers), sale.case, (buyer) => request(buyer, false)),
        drain: async () => {},
        close
      }
    } catch (err) {
      await close()
      throw err
    }
  }
}
