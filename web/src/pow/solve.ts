import type { SolveMessage, SolveRequest } from './protocol.ts'

export interface SolveProgress {
  tried: number
  /** Expected number of tries for this difficulty: 2^difficulty. */
  expected: number
  hashesPerSec: number
}

/** Solves a challenge in a Web Worker; `signal` stops it (the worker is terminated). */
export function solveChallenge(
  req: SolveRequest,
  onProgress: (p: SolveProgress) => void,
  signal?: AbortSignal
): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
    const expected = 2 ** req.difficulty
    const stop = () => {
      worker.terminate()
      reject(new DOMException('aborted', 'AbortError'))
    }
    signal?.addEventListener('abort', stop)
    worker.onmessage = (e: MessageEvent<SolveMessage>) => {
      const m = e.data
      if (m.type === 'progress') onProgress({ tried: m.tried, expected, hashesPerSec: m.hashesPerSec })
      else {
        signal?.removeEventListener('abort', stop)
        worker.terminate()
        onProgress({ tried: m.tried, expected, hashesPerSec: 0 })
        resolve(m.nonce)
      }
    }
    worker.onerror = (e) => {
      worker.terminate()
      reject(new Error(`The proof-of-work could not run: ${e.message}`))
    }
    worker.postMessage(req)
  })
}
