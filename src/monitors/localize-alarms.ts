import { binomialUpperTail, poissonLowerTail, poissonUpperTail } from '../stats/index.js'
import type { Alarm } from './alarm.js'
import type { ComboIndex } from './combo-index.js'

/** A complement this unsurprising (one-sided) shows no change of its own; this surprising, a change. */
const COMPLEMENT_P = 1e-3
/** Events the complement would show at the alarmed rate before "no change there" means anything. */
const MIN_COMPLEMENT_POWER = 5
/** A descendant holding this share of its ancestor's excess explains it when the rest is too small to test. */
const EXPLAINS_ALL = 0.9
/** An overlapping alarm explains the regression better when it accounts for this many times the other's excess. */
const OVERLAP_EXCESS_RATIO = 1.5
/** Overlapping alarms are one regression only if neither began this long after the other was already detected (event time). */
const SEPARATE_AFTER_MS = 30 * 60_000
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
 *   (D is its ripple); with too few requests to tell: when the descendant holds nearly all (90%) of the ancestor's excess it is
 *   the root (the most specific explanation), else the larger change wins;
 * - overlapping combinations: the one accounting for clearly more of the
 *   excess (1.5 times) wins; with comparable excesses, the larger change;
 *   unless one began well after the other was detected (two regressions).
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
  // overlapping slices that changed at clearly different times are two regressions: comparing their excesses (one
  // summed over days, one over minutes) would let an old incident swallow a new one
  if (!sameEpisode(a, b)) return false
  // overlapping slices: the one that accounts for clearly more of the excess is the root (a sibling that holds a
  // fifth of a spiking combination can show a larger lift on a fifth of its excess); comparable excesses, the larger change
  const ea = excess(a)
  const eb = excess(b)
  if (eb > OVERLAP_EXCESS_RATIO * ea) return true
  if (ea > OVERLAP_EXCESS_RATIO * eb) return false
  return cautiousLift(b) > cautiousLift(a)
}

/** False when one alarm's change began well after the other was already detected: two regressions, whatever they share. */
export function sameEpisode(a: Alarm, b: Alarm): boolean {
  return a.startedAt <= b.time + SEPARATE_AFTER_MS && b.startedAt <= a.time + SEPARATE_AFTER_MS
}

/** Events beyond (or, for a drop, missing from) what the baseline expected since the change point. */
function excess(a: Alarm): number {
  return Math.max(0, a.direction === 'increase' ? a.eventsSince - a.expectedSince : a.expectedSince - a.eventsSince)
}

/** Ancestor `c` against its descendant `d`: true when `d` is the better root. */
function descendantWins(c: Alarm, d: Alarm): boolean {
  if (d.requestsSince > MAX_DESCENDANT_SHARE * c.requestsSince) return false
  const verdict = complement(c, d)
  if (verdict === 'unchanged') return true
  if (verdict === 'changed') return false
  // too few requests to tell: the more specific combination when it holds nearly all the excess (the most specific
  // explanation), else the larger change
  if (excess(d) >= EXPLAINS_ALL * excess(c)) return true
  return cautiousLift(d) > cautiousLift(c)
}

/** Whether `c` minus its descendant `d` moved like `c`, stayed at the baseline, or cannot tell. */
export function complement(c: Alarm, d: Alarm): 'changed' | 'unchanged' | 'unknown' {
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
