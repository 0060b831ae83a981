import { describe, expect, it } from 'vitest'
import { COUNTERS, EntityTable, WATCHED } from '../../src/abuse/entity-table.js'

const k = 1 / 600

describe('the entity table', () => {
  it('keeps counts per entity, decays them on event time, and grows by doubling', () => {
    const t = new EntityTable(3, true, 1 << 16)
    for (let i = 0; i < 10_000; i++) {
      const slot = t.touch((i * 2654435761) >>> 0, i, 10, k, k / 100)
      t.counters[slot * 3 * COUNTERS] = (t.counters[slot * 3 * COUNTERS] as number) + 1
    }
    expect(t.count).toBe(10_000)
    expect(t.evictions).toBe(0)
    const slot = t.find((5 * 2654435761) >>> 0, 5)
    expect(slot).toBeGreaterThanOrEqual(0)
    expect(t.counters[slot * 3 * COUNTERS]).toBe(1)
    // ten minutes later (one time constant) the count is 1/e
    expect(t.touch((5 * 2654435761) >>> 0, 5, 610, k, k / 100)).toBe(slot)
    expect(t.counters[slot * 3 * COUNTERS]).toBeCloseTo(Math.exp(-1), 5)
    expect(t.find(1, 123_456)).toBe(-1)
  })

  it('stays within max_entities, evicting the stalest unflagged entity of a bucket', () => {
    const t = new EntityTable(3, true, 1024)
    const flagged: number[] = []
    for (let i = 0; i < 5000; i++) {
      const slot = t.touch(i, i * 7919, 1 + i, k, k / 100)
      if (i % 100 === 0) {
        t.flags[slot] = WATCHED
        flagged.push(i)
      }
    }
    expect(t.slots).toBe(1024)
    expect(t.count).toBeLessThanOrEqual(1024)
    expect(t.evictions).toBe(5000 - t.count)
    // the most recent entities are kept, and so are the flagged ones (while their bucket has an unflagged one)
    expect(t.find(4999, 4999 * 7919)).toBeGreaterThanOrEqual(0)
    const kept = flagged.filter((i) => t.find(i, i * 7919) >= 0).length
    expect(kept).toBeGreaterThan(flagged.length * 0.9)
    expect(t.bytes).toBeLessThan(1024 * 80)
  })

  it('remembers the last few cards of an entity', () => {
    const t = new EntityTable(1, true, 1024)
    const slot = t.touch(1, 1, 1, k, k)
    expect(t.noteCard(slot, 11)).toBe(true)
    expect(t.noteCard(slot, 11)).toBe(false)
    for (const c of [12, 13, 14, 15]) expect(t.noteCard(slot, c)).toBe(true)
    expect(t.noteCard(slot, 11)).toBe(true)
  })
})
