/**
 * Summarises a V8 CPU profile (from `npm run bench:hot -- --cpu-prof`): self time by package or
 * source area, and the hottest functions.
 *
 *   npx tsx bench/profile-summary.ts bench-results/prof-<timestamp>[/file.cpuprofile]
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

function area(frame: CallFrame): string {
  const url = frame.url
  if (url === '')
    return frame.functionName === '(garbage collector)' ? '(gc)' : `(${frame.functionName || 'native'})`
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (nm) return nm[1] ?? url
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`
  const src = /\/(src\/[^/]+(?:\/[^/]+)?)/.exec(url)
  if (src) return src[1] ?? url
  return url
}

async function main(): Promise<void> {
  const arg = process.argv[2]
  if (!arg) throw new Error('usage: bench/profile-summary.ts <dir or .cpuprofile>')
  const files = (await stat(arg)).isDirectory()
    ? (await readdir(arg)).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(arg, f))
    : [arg]
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, 'utf8')) as Profile
    const byId = new Map(profile.nodes.map((n) => [n.id, n]))
    const parent = new Map<number, number>()
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
    // The areas on each node's stack, for inclusive time (an area counts once per sample).
    const stacks = new Map<number, Set<string>>()
    const stackOf = (id: number): Set<string> => {
      let set = stacks.get(id)
      if (set) return set
      const up = parent.get(id)
      set = new Set(up === undefined ? [] : stackOf(up))
      const frame = byId.get(id)?.callFrame
      if (frame) set.add(area(frame))
      stacks.set(id, set)
      return set
    }
    const self = new Map<number, number>()
    let total = 0
    let idle = 0
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0
      self.set(id, (self.get(id) ?? 0) + dt)
      total += dt
      if (byId.get(id)?.callFrame.functionName === '(idle)') idle += dt
    })
    const inclusive = new Map<string, number>()
    for (const [id, us] of self) {
      for (const a of stackOf(id)) inclusive.set(a, (inclusive.get(a) ?? 0) + us)
    }
    const areas = new Map<string, number>()
    const fns = new Map<string, number>()
    for (const [id, us] of self) {
      const frame = byId.get(id)?.callFrame
      if (!frame) continue
      const a = area(frame)
      areas.set(a, (areas.get(a) ?? 0) + us)
      const name = `${frame.functionName || '(anonymous)'} ${a}:${frame.lineNumber + 1}`
      fns.set(name, (fns.get(name) ?? 0) + us)
    }
    const busy = total - idle
    const pct = (us: number) => `${((us / busy) * 100).toFixed(1)}%`.padStart(6)
    console.log(
      `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages are of busy time)`
    )
    console.log('\ninclusive time by area (the area or anything it called):')
    for (const [a, us] of [...inclusive].sort((x, y) => y[1] - x[1]).slice(0, 20)) {
      if (a !== '((idle))' && a !== '((root))') console.log(`  ${pct(us)}  ${a}`)
    }
    console.log('\nself time by area:')
    for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 20))
      console.log(`  ${pct(us)}  ${a}`)
    console.log('\nhottest functions (self):')
    for (const [f, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`  ${pct(us)}  ${f}`)
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
