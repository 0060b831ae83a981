import { benjaminiHochbergInOrder, checkPValues } from './benjamini-hochberg.js'
import { checkOpenProbability, checkPositive } from './check-args.js'
import { sortedOrder } from './sorted-order.js'

/**
 * Online false-discovery-rate control across ticks: BatchBH (Zrnic, Jiang,
 * Ramdas & Jordan, "The power of batching in multiple hypothesis testing",
 * AISTATS 2020, Algorithm 1), the batch form of LORD/LORD++ (Javanmard &
 * Montanari, Ann. Stat. 46, 2018; Ramdas, Yang, Wainwright & Jordan, NeurIPS 2017).
 *
 * In plain words: BH on one tick controls the false-discovery rate of that
 * tick, but a monitor runs forever, and the alarms add up over ticks. BatchBH
 * gives each tick t a level α_t from an alpha budget: it spends a share γ_t of
 * α, pays for what earlier ticks spent, and earns budget back with every
 * discovery. Tick t then runs BH at α_t. Over all ticks so far, the expected
 * share of false alarms stays ≤ α (ticks independent; BH's own conditions within a tick).
 *
 * The level for tick t + 1 (R_s discoveries at tick s, R = Σ R_s, n_(t+1) its size):
 *   α_(t+1) = (α Σ_(j≤t+1) γ_j − Σ_(s≤t) α_s R⁺_s / (R⁺_s + R − R_s)) · (n_(t+1) + R) / n_(t+1),
 * where R⁺_s is the most discoveries tick s could have made had one of its
 * p-values been 0 (it equals BH with every p-value moved up one rank).
 *
 * The spending sequence decides how the budget spreads over time. The default
 * γ_j ∝ j^(−1.6) (the onlineFDR R package's default) front-loads it, so after
 * many quiet ticks each new tick has little left: the known "alpha-death" of
 * online FDR. For monitoring, `horizon` spends the budget evenly over a fixed
 * number of ticks (e.g. 1440 minutes), after which the caller starts a new
 * state: the false-discovery rate is then controlled per horizon (per day).
 *
 * State: plain JSON; O(1) per tick without discoveries (grouped by R⁺), one
 * entry per tick with discoveries.
 */
export type SpendingSequence =
  /** γ_j = j^(−exponent) / ζ(exponent), exponent > 1. */
  | { readonly kind: 'power'; readonly exponent: number }
  /** γ_j = 1/ticks for j ≤ ticks, 0 after. */
  | { readonly kind: 'horizon'; readonly ticks: number }

/** The budget of an online FDR procedure: plain JSON, carried from tick to tick. */
export interface OnlineFdrState {
  /** Target false-discovery rate α. */
  readonly alpha: number
  /** How the budget is spread over ticks. */
  readonly spending: SpendingSequence
  /** Ticks tested so far (t). */
  readonly ticks: number
  /** Σ_(j≤t) γ_j. */
  readonly spent: number
  /** Discoveries so far (R). */
  readonly discoveries: number
  /** Ticks without discoveries, grouped by R⁺: Σ α_s of the ticks with that R⁺. */
  readonly quiet: ReadonlyArray<{ readonly rPlus: number; readonly alphaSum: number }>
  /** Ticks with discoveries: their level, R⁺ and R. */
  readonly loud: ReadonlyArray<{ readonly alpha: number; readonly rPlus: number; readonly discoveries: number }>
}

/** One tick tested: the next state and the tick's discoveries. */
export interface OnlineFdrTick {
  /** The state for the next tick. */
  readonly state: OnlineFdrState
  /** α_t, the BH level this tick ran at. */
  readonly level: number
  /** 1 where rejected (an alarm), in input order. */
  readonly rejected: Uint8Array
  /** Discoveries this tick. */
  readonly count: number
}

/** γ_j ∝ j^(−1.6), the onlineFDR R package's default for BatchBH. */
export const DEFAULT_SPENDING: SpendingSequence = { kind: 'power', exponent: 1.6 }

/** A fresh procedure at false-discovery rate α (in (0, 1)) with a spending sequence. */
export function createOnlineFdr(alpha: number, spending: SpendingSequence = DEFAULT_SPENDING): OnlineFdrState {
  checkOpenProbability('alpha', alpha)
  if (spending.kind === 'power' && !(spending.exponent > 1)) {
    throw new RangeError(`spending exponent must be > 1 (the sequence must sum to 1), got ${spending.exponent}`)
  }
  if (spending.kind === 'horizon' && !(Number.isInteger(spending.ticks) && spending.ticks >= 1)) {
    throw new RangeError(`spending horizon must be an integer >= 1, got ${spending.ticks}`)
  }
  return { alpha, spending, ticks: 0, spent: 0, discoveries: 0, quiet: [], loud: [] }
}

/** γ_j of the spending sequence (j ≥ 1). */
export function spendingAt(spending: SpendingSequence, j: number): number {
  if (spending.kind === 'horizon') return j <= spending.ticks ? 1 / spending.ticks : 0
  return Math.pow(j, -spending.exponent) / zeta(spending.exponent)
}

/** α_(t+1): the BH level the next tick, of `size` hypotheses, runs at. */
export function onlineFdrLevel(state: OnlineFdrState, size: number): number {
  checkPositive('size', size)
  const R = state.discoveries
  let paid = 0
  for (const group of state.quiet) paid += (group.alphaSum * group.rPlus) / (group.rPlus + R)
  for (const tick of state.loud) paid += (tick.alpha * tick.rPlus) / (tick.rPlus + R - tick.discoveries)
  const budget = state.alpha * (state.spent + spendingAt(state.spending, state.ticks + 1)) - paid
  return Math.min(state.alpha, Math.max(0, budget) * ((size + R) / size))
}

/** Test one tick's p-values: BH at α_t, then the state for the next tick (an empty tick changes nothing). */
export function onlineFdrTick(state: OnlineFdrState, pValues: ArrayLike<number>): OnlineFdrTick {
  const size = pValues.length
  if (size === 0) return { state, level: 0, rejected: new Uint8Array(0), count: 0 }
  const level = onlineFdrLevel(state, size)
  checkPValues(pValues)
  // One sort serves BH and R⁺.
  const order = sortedOrder(pValues)
  const result = level > 0 ? benjaminiHochbergInOrder(pValues, order, level) : { rejected: new Uint8Array(size), count: 0 }
  const rPlus = augmentedDiscoveries(pValues, order, level)
  const next: OnlineFdrState = {
    ...state,
    ticks: state.ticks + 1,
    spent: state.spent + spendingAt(state.spending, state.ticks + 1),
    discoveries: state.discoveries + result.count,
    quiet: result.count === 0 ? addQuiet(state.quiet, rPlus, level) : state.quiet,
    loud: result.count > 0 ? [...state.loud, { alpha: level, rPlus, discoveries: result.count }] : state.loud,
  }
  return { state: next, level, rejected: result.rejected, count: result.count }
}

/**
 * R⁺: the most BH discoveries at `level` after setting one p-value to 0. Setting
 * the largest one to 0 moves every other up one rank, which is the best case, so
 * R⁺ = max{k : p_(k−1) ≤ k·level/n} with p_(0) = 0 (at least 1).
 */
function augmentedDiscoveries(pValues: ArrayLike<number>, order: Uint32Array, level: number): number {
  const n = pValues.length
  for (let k = n; k >= 2; k--) {
    if (pValues[order[k - 2]] <= (k * level) / n) return k
  }
  return 1
}

function addQuiet(
  quiet: OnlineFdrState['quiet'],
  rPlus: number,
  level: number,
): ReadonlyArray<{ readonly rPlus: number; readonly alphaSum: number }> {
  const found = quiet.some((group) => group.rPlus === rPlus)
  if (!found) return [...quiet, { rPlus, alphaSum: level }]
  return quiet.map((group) => (group.rPlus === rPlus ? { rPlus, alphaSum: group.alphaSum + level } : group))
}

/** Terms summed exactly before the Euler–Maclaurin tail of ζ. */
const ZETA_TERMS = 1000

const zetaCache = new Map<number, number>()

/**
 * Riemann ζ(s) = Σ j^(−s) for s > 1: the first terms summed, the rest by the
 * Euler–Maclaurin formula ∫_N^∞ x^(−s) dx + N^(−s)/2 + s N^(−s−1)/12 (error ~N^(−s−3)).
 */
function zeta(s: number): number {
  const cached = zetaCache.get(s)
  if (cached !== undefined) return cached
  let sum = 0
  for (let j = 1; j < ZETA_TERMS; j++) sum += Math.pow(j, -s)
  const N = ZETA_TERMS
  sum += Math.pow(N, 1 - s) / (s - 1) + Math.pow(N, -s) / 2 + (s * Math.pow(N, -s - 1)) / 12
  zetaCache.set(s, sum)
  return sum
}
