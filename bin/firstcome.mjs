#!/usr/bin/env node
// Entry point of the `firstcome` command. Runs the TypeScript sources through tsx's loader
// so that a fresh clone needs no build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
