#!/usr/bin/env node
// Entry point of the `firstcome` command. Runs the TypeScript sources through tsx's loader
// so that a fresh clone needs no build step.
//
// The project needs Node.js 24 (package.json `engines`). `npm start`, `npm test`, `npm run` and
// `npx firstcome` run on the Node 24 that npm installs into node_modules; started by hand with an
// older `node`, the command says so instead of failing somewhere inside a dependency.
const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  process.stderr.write(
    `firstcome needs Node.js 24 or newer, and this is ${process.version} (${process.execPath}).\n` +
      "  Run it through npm (`npm start`, `npx firstcome ...`), which uses the project's Node 24 from\n" +
      '  node_modules, or with node_modules/.bin/node.\n'
  )
  process.exit(1)
}

const { register } = await import('tsx/esm/api')
register()
await import('../src/cli/main.ts')
