import type { SolveMessage, SolveRequest } from './protocol.ts'
import { leadingZeroBits, sha256Words } from './sha256.ts'

/**
 * Finds a nonce such that SHA-256(salt + nonce), over the UTF-8 text with the nonce in decimal,
 * starts with `difficulty` zero bits. Runs off the main thread so the page stays responsive and
 * can show progress.
 */
// The DOM and WebWorker libs clash in one program: type the little of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<SolveRequest>) => void) | null
  postMessage(m: SolveMessage): void
}

scope.onmessage = (e: MessageEvent<SolveRequest>) => {
  const { salt, difficulty } = e.data
  const enc = new TextEncoder()
  const started = performance.now()
  let lastReport = started
  for (let nonce = 0; ; nonce++) {
    if (leadingZeroBits(sha256Words(enc.encode(salt + nonce))) >= difficulty) {
      const done: SolveMessage = { type: 'solved', nonce: String(nonce), tried: nonce + 1 }
      scope.postMessage(done)
      return
    }
    if ((nonce & 0x3ff) === 0) {
      const now = performance.now()
      if (now - lastReport > 100) {
        lastReport = now
        const msg: SolveMessage = {
          type: 'progress',
          tried: nonce + 1,
          hashesPerSec: Math.round(((nonce + 1) * 1000) / (now - started))
        }
        scope.postMessage(msg)
      }
    }
  }
}
