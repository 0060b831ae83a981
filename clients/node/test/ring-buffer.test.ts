import { describe, expect, it } from 'vitest'
import { RingBuffer } from '../src/ring-buffer.js'

describe('RingBuffer', () => {
  it('is first in, first out, across wrap-arounds', () => {
    const ring = new RingBuffer<number>(4)
    const out: number[] = []
    let next = 0
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 3; i++) expect(ring.push(next++)).toBe(false)
      out.push(...ring.take(2), ...ring.take(1))
    }
    expect(out).toEqual(Array.from({ length: 30 }, (_, i) => i))
    expect(ring.length).toBe(0)
  })

  it('when full, overwrites the oldest and says so', () => {
    const ring = new RingBuffer<number>(3)
    const overwrote = [1, 2, 3, 4, 5].map((n) => ring.push(n))
    expect(overwrote).toEqual([false, false, false, true, true])
    expect(ring.length).toBe(3)
    expect(ring.take(10)).toEqual([3, 4, 5])
  })

  it('takes at most what it holds, and clear() empties it', () => {
    const ring = new RingBuffer<string>(5)
    ring.push('a')
    ring.push('b')
    expect(ring.take(0)).toEqual([])
    expect(ring.take(1)).toEqual(['a'])
    ring.push('c')
    expect(ring.clear()).toBe(2)
    expect(ring.take(5)).toEqual([])
    ring.push('d')
    expect(ring.take(5)).toEqual(['d'])
  })

  it('refuses a capacity below 1', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity must be an integer of at least 1; got 0/)
  })
})
