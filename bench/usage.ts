/** Report a bad command line: the message and the usage on stderr, exit code 2. Other errors are rethrown. */
import { UsageError } from './options.js'

export function usageFailure(e: unknown, usage: string): number {
  const parseError = e instanceof TypeError && 'code' in e && typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')
  if (!(e instanceof UsageError) && !parseError) throw e
  process.stderr.write(`${e.message}\n\n${usage}\n`)
  return 2
}
