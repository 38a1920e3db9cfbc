import { describe, expect, it } from 'vitest'
import { newKafkaClusterId } from '../../../tools/stack/kafka-service.ts'

describe('newKafkaClusterId', () => {
  it("makes Kafka-shaped ids that the storage tool cannot mistake for an option (never a leading '-')", () => {
    // With plain base64url one id in 64 starts with '-': 10,000 ids would hold ~156 of them.
    const ids = Array.from({ length: 10_000 }, () => newKafkaClusterId())
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([])
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
