/**
 * A FIFO async mutex: what `synchronized` is to the Java examples of seed 001. It serialises
 * callers inside one Node process only; a second process has a mutex of its own, which is the
 * point the `mutex-2-processes` strategy makes.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve()

  /** Runs `work` once every earlier caller's work has settled; callers run in call order. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work)
    // The next caller waits for this one to settle, whether it succeeded or not.
    this.#tail = result.then(
      () => undefined,
      () => undefined
    )
    return result
  }
}
