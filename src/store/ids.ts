import { randomBytes } from 'node:crypto'
import { InvalidInputError } from '../errors.js'

/**
 * Ids name directories, so they must be one safe path segment: letters,
 * digits, '_' and '-', starting with a letter or digit, at most 64
 * characters. No dots (so never '..'), no separators, no '@' (it separates a
 * model from a version in `model@3`).
 */
const SEGMENT = '[A-Za-z0-9][A-Za-z0-9_-]{0,63}'
export const ID_PATTERN = `^${SEGMENT}$`
/** A model id, optionally followed by `@version` or `@alias`. */
export const MODEL_REF_PATTERN = `^${SEGMENT}(@${SEGMENT})?$`
const ID_REGEX = new RegExp(ID_PATTERN)

export function assertId(field: string, value: string): void {
  if (!ID_REGEX.test(value)) {
    throw new InvalidInputError(
      `${field} '${value}' is not a valid id: use 1 to 64 letters, digits, '_' or '-', starting with a letter or digit`,
      { field, value, limit: ID_PATTERN },
    )
  }
}

/** A fresh id such as `isolation_forest-3f9a2b1c0d4e`. */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`
}
