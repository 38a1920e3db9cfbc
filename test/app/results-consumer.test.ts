/**
 * Which processes consume the results topic: every API process does, with a group of its own (its
 * buyers' streams live on it); a runtime without HTTP (`firstcome worker`, `results: false`) serves
 * no stream and joins no results group.
 */
import { Admin } from '@platformatic/kafka'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createHarness, type Harness } from '../support/harness.ts'

let api: Harness | undefined
let worker: Harness | undefined
let admin: Admin | undefined

beforeAll(async () => {
  // Started together, so the worker-only runtime had as long as the API one to join.
  ;[api, worker] = await Promise.all([createHarness(), createHarness({}, { results: false })])
  admin = new Admin({ clientId: 'firstcome-test-groups', bootstrapBrokers: [...api.config.kafka.brokers] })
})

afterAll(async () => {
  await admin?.close()
  await Promise.all([api?.close(), worker?.close()])
})

async function resultGroups(topicPrefix: string): Promise<string[]> {
  const groups = await admin!.listGroups()
  return [...groups.keys()].filter((id) => id.startsWith(`${topicPrefix}.results.`))
}

it('an API runtime joins a results group of its own; a worker-only runtime joins none', async () => {
  await expect.poll(() => resultGroups(api!.config.kafka.topicPrefix), { timeout: 30_000 }).toHaveLength(1)
  expect(await resultGroups(worker!.config.kafka.topicPrefix)).toEqual([])
})
