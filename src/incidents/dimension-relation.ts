/** Dimension values of a combination; `{}` is the whole service. */
export type Dimensions = Readonly<Record<string, string>>

/**
 * How combination `a` relates to `b`: `ancestor` when `a` names a strict
 * subset of `b`'s values (a is broader, b lies inside it), `descendant` the
 * other way round, `equal`, or `unrelated` (they disagree on a value, or each
 * names a field the other does not).
 */
export type Relation = 'equal' | 'ancestor' | 'descendant' | 'unrelated'

export function dimensionRelation(a: Dimensions, b: Dimensions): Relation {
  const aInB = containedIn(a, b)
  const bInA = containedIn(b, a)
  if (aInB && bInA) return 'equal'
  if (aInB) return 'ancestor'
  if (bInA) return 'descendant'
  return 'unrelated'
}

/** True when every value `inner` names is also in `outer` with the same value. */
export function containedIn(inner: Dimensions, outer: Dimensions): boolean {
  for (const [field, value] of Object.entries(inner)) {
    if (!Object.hasOwn(outer, field) || outer[field] !== value) return false
  }
  return true
}

/** Number of fields both name with the same value. */
export function sharedValues(a: Dimensions, b: Dimensions): number {
  let n = 0
  for (const [field, value] of Object.entries(a)) if (Object.hasOwn(b, field) && b[field] === value) n++
  return n
}
