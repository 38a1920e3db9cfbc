import { configDefaults, defineConfig } from 'vitest/config'

// Tests run against real services: test/global-setup.ts reuses or starts Redis, PostgreSQL and
// Kafka once (detached, so later runs reuse them) and exports their addresses to the workers.
//
// Two projects. 'main' is every test but the fault runs, files in parallel. 'chaos' (test/tools/chaos)
// starts stacks of its own (a 3-broker Kafka cluster, a Redis Cluster, PostgreSQL, API and worker
// processes) and kills parts of them: its files run one at a time, after 'main' has finished, so
// they never share the two cores with other test files. `npm run test:chaos` runs only 'chaos'.
// The group orders start at 1: a project of group 0 that runs one file at a time (one worker, as
// on two cores) is put in a group of its own that Vitest runs after every numbered group, so
// 'main' at 0 ran after 'chaos'.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // expect.poll waits on a condition; its 1 s default is a timing assertion on a busy 2-core
    // machine (a browser admitted through the waiting room can take longer). Give up after 30 s.
    expect: { poll: { timeout: 30_000 } },
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          globalSetup: ['test/global-setup.ts'],
          exclude: [...configDefaults.exclude, '**/.data/**', '**/dist/**', 'test/tools/chaos/**'],
          sequence: { groupOrder: 1 }
        }
      },
      {
        extends: true,
        test: {
          name: 'chaos',
          include: ['test/tools/chaos/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 }
        }
      }
    ]
  }
})
