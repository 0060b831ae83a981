import { binomialUpperTail, poissonLowerTail, poissonUpperTail } from '../stats/index.js'
import type { Alarm } from './alarm.js'
import type { ComboIndex } from './combo-index.js'

/** A complement this unsurprising (one-sided) shows no change of its own; this surprising, a change. */
const COMPLEMENT_P = 1e-3
/** Events the complement would show at the alarmed rate before "no change there" means anything. */
const MIN_COMPLEMENT_POWER = 5
/** A descendant must hold at most this share of the ancestor's requests to explain it (else they are the same traffic). */
const MAX_DESCENDANT_SHARE = 0.85

/**
 * One root cause per regression among the combinations that alarmed for the
 * same detector.
 *
 * A regression confined to Canada × Mastercard × DIME makes its ancestors
 * (Canada, DIME, …) alarm too, diluted; its descendants (each instance
 * serving it) alarm with it (the ripple effect); and overlapping slices
 * (DIME × Canada × westeurope) alarm diluted. Each alarmed combination is
 * compared with every other that could share requests with it, and survives
 * unless one of them explains it better:
 *
 * - ancestor A and descendant D: if the rest of A's traffic (A minus D) shows
 *   no change, with enough requests that a change would have shown, D is the
 *   root (A is diluted); if the rest shows a change of its own, A is the root
 *   (D is its ripple); with too few requests to tell, the larger change wins,
 *   and on a tie the more general combination;
 * - overlapping combinations: the larger change wins.
 *
 * The change is the lift (how many times its baseline), discounted by one
 * standard error so that a handful of requests cannot look extreme.
 * Returns the root-cause alarms, the largest change first.
 */
export function localizeAlarms(alarms: readonly Alarm[], index: ComboIndex): Alarm[] {
  const latest = new Map<number, Alarm>()
  for (const a of alarms) {
    const seen = latest.get(a.combo)
    if (seen === undefined || a.time > seen.time) latest.set(a.combo, a)
  }
  const candidates = [...latest.values()].sort((a, b) => cautiousLift(b) - cautiousLift(a) || b.requestsSince - a.requestsSince)
  const roots = candidates.filter((a) => !candidates.some((b) => b !== a && b.direction === a.direction && dominates(b, a, index)))
  return roots.length > 0 || candidates.length === 0 ? roots : [candidates[0] as Alarm]
}

/** True when `b` explains `a` better (they may share requests). */
function dominates(b: Alarm, a: Alarm, index: ComboIndex): boolean {
  if (index.contains(a.combo, b.combo)) return descendantWins(a, b)
  if (index.contains(b.combo, a.combo)) return !descendantWins(b, a)
  if (!index.compatible(a.combo, b.combo)) return false
  return cautiousLift(b) > cautiousLift(a)
}

/** Ancestor `c` against its descendant `d`: true when `d` is the better root. */
function descendantWins(c: Alarm, d: Alarm): boolean {
  if (d.requestsSince > MAX_DESCENDANT_SHARE * c.requestsSince) return false
  const verdict = complement(c, d)
  if (verdict === 'unchanged') return true
  if (verdict === 'changed') return false
  return cautiousLift(d) > cautiousLift(c)
}

/** Whether `c` minus its descendant `d` moved like `c`, stayed at the baseline, or cannot tell. */
function complement(c: Alarm, d: Alarm): 'changed' | 'unchanged' | 'unknown' {
  const events = Math.max(0, Math.round(c.eventsSince - d.eventsSince))
  if (c.kind === 'rate') {
    const requests = Math.round(c.requestsSince - d.requestsSince)
    if (requests <= 0) return 'unknown'
    const tail = binomialUpperTail(Math.min(events, requests), requests, c.baseline)
    if (tail < COMPLEMENT_P) return 'changed'
    const alarmedRate = c.eventsSince / Math.max(1, c.requestsSince)
    return alarmedRate * requests >= MIN_COMPLEMENT_POWER ? 'unchanged' : 'unknown'
  }
  const expected = c.expectedSince - d.expectedSince
  if (expected <= 0) return 'unknown'
  const tail = c.direction === 'decrease' ? poissonLowerTail(events, expected) : poissonUpperTail(events, expected)
  if (tail < COMPLEMENT_P) return 'changed'
  const change = Math.abs(c.eventsSince - c.expectedSince) / Math.max(1, c.expectedSince)
  return change * expected >= MIN_COMPLEMENT_POWER ? 'unchanged' : 'unknown'
}

/** How many times the baseline the change is, discounted by one standard error so a handful of requests cannot look extreme. */
export function cautiousLift(a: Alarm): number {
  const e = a.eventsSince
  const expected = Math.max(a.expectedSince, 1e-9)
  if (a.direction === 'increase') return Math.max(0, e - Math.sqrt(e)) / expected
  return expected / (e + Math.sqrt(Math.max(e, 1)) + 1)
}
