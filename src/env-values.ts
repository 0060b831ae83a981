/**
 * Parsers for environment variables: each names the variable, the accepted
 * range and what it got, so a bad setting stops the start with a sentence.
 */

export type Env = Readonly<Record<string, string | undefined>>

export function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}; got '${raw}'`)
  }
  return value
}

export function parseChoice<T extends string>(name: string, raw: string | undefined, choices: readonly T[], fallback: T): T {
  if (raw === undefined || raw === '') return fallback
  const value = choices.find((c) => c === raw.toLowerCase())
  if (value === undefined) throw new RangeError(`${name} must be one of ${choices.join(', ')}; got '${raw}'`)
  return value
}
