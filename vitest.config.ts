import { defineConfig } from 'vitest/config'

// Tests run against real services: test/global-setup.ts reuses or starts Redis, PostgreSQL and
// Kafka once (detached, so later runs reuse them) and exports their addresses to the workers.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    exclude: ['**/node_modules/**', '**/.data/**', '**/dist/**']
  }
})
