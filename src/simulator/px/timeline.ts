import { createRng } from '../../math/random.js'
import { pxRhythm } from './px-rhythm.js'

export const MINUTE_MS = 60_000

/**
 * The run's time axis, minute by minute: the expected total requests of
 * each minute (rate × rhythm) and the slow random swing applied on top.
 * The generator and the labels read the same numbers, so a label's
 * `expected_rpm` is what the generator aimed at.
 */
export interface Timeline {
  readonly startMs: number
  readonly endMs: number
  readonly minutes: number
  /** Expected requests in minute i without noise or regressions. */
  readonly perMinute: Float64Array
  /** Multiplicative swing of minute i (mean about 1). */
  readonly noise: Float64Array
  /** prefix[i] = sum of perMinute[0..i). */
  readonly prefix: Float64Array
}

/** Correlation of the swing from one minute to the next: swings last about an hour and a half. */
const NOISE_PHI = 0.989

/** Build the timeline; `noiseSeed` drives the swing (an AR(1) walk in log space with stationary sd `noiseSd`). */
export function buildTimeline(startMs: number, durationMinutes: number, ratePerSecond: number, noiseSd: number, noiseSeed: number): Timeline {
  const minutes = Math.ceil(durationMinutes)
  const perMinute = new Float64Array(minutes)
  const noise = new Float64Array(minutes)
  const prefix = new Float64Array(minutes + 1)
  const rng = createRng(noiseSeed)
  const innovation = noiseSd * Math.sqrt(1 - NOISE_PHI * NOISE_PHI)
  let level = noiseSd === 0 ? 0 : noiseSd * gaussian(rng.next(), rng.next())
  for (let i = 0; i < minutes; i++) {
    perMinute[i] = ratePerSecond * 60 * pxRhythm(startMs + i * MINUTE_MS)
    // centred so the swing's mean is 1: E[exp(N(0, s²))] = exp(s²/2)
    noise[i] = Math.exp(level - (noiseSd * noiseSd) / 2)
    level = NOISE_PHI * level + (noiseSd === 0 ? 0 : innovation * gaussian(rng.next(), rng.next()))
    prefix[i + 1] = prefix[i]! + perMinute[i]!
  }
  return { startMs, endMs: startMs + durationMinutes * MINUTE_MS, minutes, perMinute, noise, prefix }
}

function gaussian(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2)
}

/** Expected total requests over [from, to) (epoch ms, clipped to the run), without noise. */
export function expectedRequests(t: Timeline, from: number, to: number): number {
  const a = Math.max(0, (Math.max(from, t.startMs) - t.startMs) / MINUTE_MS)
  const b = Math.min(t.minutes, (Math.min(to, t.endMs) - t.startMs) / MINUTE_MS)
  if (!(b > a)) return 0
  return cumulative(t, b) - cumulative(t, a)
}

/** Expected requests from the start to `x` minutes in (fractional). */
function cumulative(t: Timeline, x: number): number {
  const i = Math.min(Math.floor(x), t.minutes)
  const whole = t.prefix[i]!
  return i < t.minutes ? whole + (x - i) * t.perMinute[i]! : whole
}

/** The end (epoch ms) at which [from, end) carries `requests` expected requests (at a share), or the run's end. */
export function timeToCarry(t: Timeline, from: number, requests: number, share: number): number {
  if (share <= 0) return t.endMs
  let m = Math.max(0, Math.floor((from - t.startMs) / MINUTE_MS))
  let have = 0
  let at = from
  while (m < t.minutes) {
    const minuteEnd = t.startMs + (m + 1) * MINUTE_MS
    const inMinute = ((minuteEnd - at) / MINUTE_MS) * t.perMinute[m]! * share
    if (have + inMinute >= requests) return at + ((requests - have) / (t.perMinute[m]! * share)) * MINUTE_MS
    have += inMinute
    at = minuteEnd
    m++
  }
  return t.endMs
}
