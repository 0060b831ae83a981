import { InvalidInputError } from '../errors.js'
import type { PipelineSpec } from './pipeline-spec.js'

/** Expected field names listed in the message, at most. */
const LISTED = 20

/**
 * A row that provides none of the model's input fields would be scored on
 * training medians alone: a 200 that guessed. It is refused instead, naming
 * the fields the model expects and those the row sent.
 */
export function assertKnownFields(
  spec: Pick<PipelineSpec, 'inputs'>,
  rows: readonly Readonly<Record<string, unknown>>[],
  missing: readonly (readonly string[])[],
  pathOf: (row: number, column: string) => string,
): void {
  const inputs = spec.inputs.length
  if (inputs === 0) return
  const row = missing.findIndex((m) => m.length >= inputs)
  if (row < 0) return
  const expected = spec.inputs.map((i) => i.name)
  const sent = Object.keys(rows[row] ?? {})
  const where = pathOf(row, '').replace(/\.$/, '')
  const list = (names: readonly string[]): string =>
    names.length === 0 ? 'none' : `${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? `, … (${names.length} in all)` : ''}`
  throw new InvalidInputError(`${where} has none of the fields the model was trained on; expected some of: ${list(expected)}; got: ${list(sent)}`, {
    field: where,
    expected_fields: expected,
    value: sent,
  })
}
