import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../src/backoff.js'
import { parseRetryAfter } from '../src/retry-after.js'

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, jittered between half and all of it', () => {
    const low = (f: number): number => backoffDelay(f, 500, 30_000, () => 0)
    const high = (f: number): number => backoffDelay(f, 500, 30_000, () => 1)
    expect([1, 2, 3, 4].map(high)).toEqual([500, 1000, 2000, 4000])
    expect([1, 2, 3, 4].map(low)).toEqual([250, 500, 1000, 2000])
    expect(high(7)).toBe(30_000)
    expect(high(1000)).toBe(30_000)
    expect(low(1000)).toBe(15_000)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 11, 7, 9)
  it('reads seconds and HTTP dates; ignores what it cannot read', () => {
    expect(parseRetryAfter('1', now)).toBe(1000)
    expect(parseRetryAfter(' 30 ', now)).toBe(30_000)
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000)
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0)
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('-3', now)).toBeUndefined()
  })
})
