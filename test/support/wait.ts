/**
 * Waits until `cond` holds, checking every `intervalMs`; fails with `what` once `timeoutMs` passed.
 * For conditions vi.waitFor cannot express (it needs a throwing callback, not a predicate).
 */
export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  intervalMs = 25,
  what = 'condition'
): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
