/**
 * The broker that coordinates a consumer group dies (SIGKILL) while messages keep coming, and
 * comes back later. The group's members must find the new coordinator: every acknowledged message
 * is handled, the group commits again (lag 0), and a message sent afterwards is handled too. Two
 * members of one group, as two worker processes would be, on a 3-broker cluster of this file's own.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { Admin, FindCoordinatorKeyTypes } from '@platformatic/kafka'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  createKafkaAdmin,
  createKafkaProducer,
  ensureTopics,
  type KafkaProducer,
  listConsumerGroupLag
} from '../../../src/adapters/kafka/index.ts'
import { createPipelineConsumer, type PipelineConsumer } from '../../../src/workers/pipeline-consumer.ts'
import { type KafkaClusterHandle, startKafkaCluster } from '../../../tools/stack/cluster-kafka.ts'
import { until } from '../../support/wait.ts'

const root = join(import.meta.dirname, '..', '..', '..')
const topic = 'fc-coordinator-loss'
const groupId = 'fc-coordinator-loss-group'
let kafka: KafkaClusterHandle | undefined
let producer: KafkaProducer<{ id: string }> | undefined
const members: PipelineConsumer[] = []
const handled = new Set<string>()
const errors: string[] = []

beforeAll(async () => {
  kafka = await startKafkaCluster({ root, dir: mkdtempSync(join(tmpdir(), 'fc-kc-')), removeOnStop: true })
  await ensureTopics(kafka.bootstrap, [{ name: topic, partitions: 3 }])
  producer = createKafkaProducer<{ id: string }>({ brokers: kafka.bootstrap, lingerMs: 2 })
  for (const name of ['a', 'b']) {
    const member = createPipelineConsumer<{ id: string }>({
      brokers: kafka.bootstrap,
      groupId,
      topic,
      kind: 'booking',
      clientId: `fc-coordinator-loss-${name}`,
      parse: (bytes) => ({ ok: true, value: JSON.parse(bytes.toString()) as { id: string } }),
      idOf: (v) => v.id,
      saleOf: () => 'none',
      process: async (values) => {
        for (const v of values) handled.add(v.id)
        return new Map()
      },
      finalFail: async () => {},
      publisher: { deadLetter: async () => {}, replay: async () => {} },
      onError: (err, context) => errors.push(`${name} ${context.stage}: ${String(err).slice(0, 160)}`)
    })
    members.push(member)
    await member.start()
  }
}, 300_000)

afterAll(async () => {
  await Promise.allSettled(members.map((m) => m.close()))
  await producer?.close().catch(() => undefined)
  await kafka?.stop()
})

/** Client ids of the group's members that have partitions assigned, once the group is stable. */
async function groupMembers(group: string): Promise<string[]> {
  const admin = new Admin({ clientId: 'fc-test-group', bootstrapBrokers: kafka?.bootstrap ?? [] })
  try {
    const described = (await admin.describeGroups({ groups: [group] })).get(group)
    if (described?.state !== 'STABLE') return []
    return [...described.members.values()]
      .filter((m) => [...(m.assignments?.values() ?? [])].some((a) => a.partitions.length > 0))
      .map((m) => m.clientId)
  } catch {
    return []
  } finally {
    await admin.close().catch(() => undefined)
  }
}

async function coordinatorOf(group: string): Promise<number> {
  const admin = new Admin({ clientId: 'fc-test-coordinator', bootstrapBrokers: kafka?.bootstrap ?? [] })
  try {
    const [found] = await admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: [group] })
    return found?.nodeId ?? -1
  } finally {
    await admin.close().catch(() => undefined)
  }
}

it('a consumer group survives the loss of its coordinator broker: nothing is left unhandled or uncommitted', {
  timeout: 300_000
}, async () => {
  const acked: string[] = []
  let n = 0
  let producing = true
  // Sends every 25 ms, as confirms would; a send the cluster refused is not counted (the API answers 503).
  const load = (async () => {
    while (producing) {
      const id = `m${n++}`
      producer
        ?.send([{ topic, key: id, value: { id } }])
        .then(() => acked.push(id))
        .catch(() => undefined)
      await delay(25)
    }
  })()
  await until(() => handled.size >= 20, 60_000, 100, 'first messages handled')
  const coordinator = await coordinatorOf(groupId)
  expect(coordinator).toBeGreaterThan(0)
  await kafka?.kill(coordinator)
  // The fault's length, not a wait for a condition: the broker stays dead for 8 s while sends go
  // on (the members' heartbeats and commits to it fail all that time).
  const OUTAGE_MS = 8000
  await delay(OUTAGE_MS)
  await kafka?.restart(coordinator)
  await kafka?.waitHealthy(120_000, [topic])
  // And sends go on for 3 s on the healed cluster before they stop.
  const AFTER_MS = 3000
  await delay(AFTER_MS)
  producing = false
  await load
  await producer?.flush()

  // What the members reported, for a failure message.
  const explain = (error: Error) => {
    throw new Error(`${error.message}; last consumer reports: ${errors.slice(-6).join(' | ')}`)
  }
  await until(
    () => acked.every((id) => handled.has(id)),
    120_000,
    250,
    'every acknowledged message handled'
  ).catch(explain)
  const lag = async () =>
    (await listConsumerGroupLag(kafka?.bootstrap ?? [], groupId, [topic]).catch(() => undefined))?.reduce(
      (sum, p) => sum + p.lag,
      0
    )
  await until(async () => (await lag()) === 0, 120_000, 500, 'group lag 0 (everything committed)').catch(
    explain
  )
  // Both members are working members of the group again, each with partitions of its own: a
  // member still talking to the dead coordinator would be missing here.
  await until(
    async () => (await groupMembers(groupId)).length === 2,
    120_000,
    500,
    'two members in the group'
  ).catch(explain)

  // One more message per partition is handled and committed.
  const after = Array.from({ length: 12 }, (_, i) => `after-${i}`)
  await producer?.send(after.map((id) => ({ topic, key: id, value: { id } })))
  await until(() => after.every((id) => handled.has(id)), 60_000, 100, 'messages after the recovery handled')
  await until(async () => (await lag()) === 0, 60_000, 500, 'group lag 0 after the recovery').catch(explain)

  // What the reconciler asks before it settles a pending request early: has the group handled
  // everything published so far? Yes for this group; never for a group that consumed nothing.
  const admin = createKafkaAdmin(kafka?.bootstrap ?? [])
  try {
    expect(await admin.waitConsumed([{ groupId, topic }], 20_000)).toBe(true)
    expect(await admin.waitConsumed([{ groupId: `${groupId}-idle`, topic }], 1000)).toBe(false)
  } finally {
    await admin.close()
  }
  expect(acked.length).toBeGreaterThan(100)
})
