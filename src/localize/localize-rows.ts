import { localize, type Localization, type LocalizeOptions } from './localize.js'
import { readLeaves, type ReadLeavesOptions } from './read-leaves.js'

/** Flat leaf rows in, root causes out: `readLeaves` then `localize`. What POST /localize runs. */
export function localizeRows(rows: readonly Readonly<Record<string, unknown>>[], options: ReadLeavesOptions & LocalizeOptions = {}): Localization {
  return localize(readLeaves(rows, options), options)
}
