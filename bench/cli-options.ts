/** A bad command line: the message is printed as is (the usage text for `--help`). */
export class UsageError extends Error {}

/** A positive number (an integer when `integer`) from an option's text, or the fallback when the option is absent. */
export function positiveOption(name: string, text: string | undefined, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback
  const v = Number(text)
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}; got '${text}'`)
  return v
}

/** Parse a bench's options, or print why not and exit (0 for the usage text, 2 for a mistake). */
export function parseOrExit<T>(parse: (argv: readonly string[]) => T): T {
  try {
    return parse(process.argv.slice(2))
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true) {
      console.error((err as Error).message)
      process.exit(err instanceof UsageError && (err as Error).message.startsWith('npm run') ? 0 : 2)
    }
    throw err
  }
}
