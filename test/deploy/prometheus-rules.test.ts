import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ensurePrometheus, promtool } from '../support/prometheus.ts'

const DIR = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url))

describe('deploy/prometheus', () => {
  it('the alert rules are valid (promtool check rules)', () => {
    ensurePrometheus()
    const res = promtool(['check', 'rules', 'alerts.yml'], DIR)
    expect(res.output).toContain('SUCCESS: 6 rules found')
    expect(res.status).toBe(0)
  })

  it('the scrape configuration is valid (promtool check config)', () => {
    ensurePrometheus()
    const res = promtool(['check', 'config', 'prometheus.yml'], DIR)
    expect(res.status, res.output).toBe(0)
  })

  it("the alerts' unit tests pass (promtool test rules): each fires when it should and only then", () => {
    ensurePrometheus()
    const res = promtool(['test', 'rules', 'alerts.test.yml'], DIR)
    expect(res.status, res.output).toBe(0)
    expect(res.output).toContain('SUCCESS')
  })
})
