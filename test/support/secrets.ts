/**
 * Secrets of the test profile, which (unlike development) has no defaults: random for each test
 * process, so no test ever signs with a secret published anywhere.
 */
import { randomBytes } from 'node:crypto'

/** FC_JWT_SECRET of the test runtimes: signs bearer tokens. */
export const TEST_JWT_SECRET = randomBytes(32).toString('base64url')
/** FC_TOKEN_SECRET of the test runtimes: signs access tokens, queue tokens and challenges. */
export const TEST_TOKEN_SECRET = randomBytes(32).toString('base64url')
