import { OperationalError } from '../../src/errors.ts'

/** A service of the local stack. */
export type StackService = 'redis' | 'postgres' | 'kafka'

/**
 * A local-stack failure told in plain words: `message` says what went wrong
 * (e.g. "Java 17 not found: install openjdk-17-jre-headless"), `hint` what to do or where to look.
 * Code `FC_STACK_FAILED`.
 */
export class StackError extends OperationalError {
  /** The service that failed. */
  readonly service: StackService
  /** What the user can do about it, or where the details are (a log file). */
  readonly hint: string

  constructor(service: StackService, message: string, hint = '', options?: { cause?: unknown }) {
    super('FC_STACK_FAILED', message, options)
    this.name = 'StackError'
    this.service = service
    this.hint = hint
  }
}
