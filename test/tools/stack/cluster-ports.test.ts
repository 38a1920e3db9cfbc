/**
 * Ports chosen for services started side by side: one process never hands out the same port twice,
 * companions (Redis Cluster's bus, port + 10000) included, even while none of them is bound yet.
 */
import { expect, it } from 'vitest'
import { freePorts } from '../../../tools/stack/cluster-ports.ts'

it('never hands out a port twice in one process, companions included', async () => {
  const rounds = await Promise.all(
    Array.from({ length: 40 }, (_, i) => freePorts(6, i % 2 === 0 ? 10_000 : 0))
  )
  const all = rounds.flatMap((ports, i) => (i % 2 === 0 ? ports.flatMap((p) => [p, p + 10_000]) : ports))
  expect(all).toHaveLength((40 / 2) * 12 + (40 / 2) * 6)
  expect(new Set(all).size).toBe(all.length)
})
