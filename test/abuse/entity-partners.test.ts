import { describe, expect, it } from 'vitest'
import { EntityTable } from '../../src/abuse/entity-table.js'
import { MAX_RELATED, RelatedEntities } from '../../src/abuse/related-entities.js'

const k = 1 / 600

describe("an entity's dominant partner (one-slot heavy hitter)", () => {
  it('keeps the partner that sent most suspect requests, with a count near its excess over the others', () => {
    const t = new EntityTable(3, true, 1 << 16, 2)
    const slot = t.touch(7, 70, 10, k, k / 100)
    // 30 requests from user 1001 among 10 from other users, interleaved
    for (let i = 0; i < 40; i++) t.notePartner(slot, 0, i % 4 === 3 ? 2000 + i : 1001)
    expect(t.partnerKey[slot * 2]).toBe(1001)
    expect(t.partnerWeight(slot, 0)).toBeGreaterThanOrEqual(20)
    // the other partner field is untouched
    expect(t.partnerWeight(slot, 1)).toBe(0)
  })

  it('has no dominant partner when requests spread over many', () => {
    const t = new EntityTable(3, true, 1 << 16, 2)
    const slot = t.touch(7, 70, 10, k, k / 100)
    for (let i = 0; i < 40; i++) t.notePartner(slot, 1, 3000 + (i % 4))
    expect(t.partnerWeight(slot, 1)).toBeLessThanOrEqual(1)
  })

  it('forgets like the recent counts, survives growth and is erased with its entity', () => {
    const t = new EntityTable(1, true, 1 << 16, 1)
    const slot = t.touch(9, 90, 10, k, k / 100)
    for (let i = 0; i < 10; i++) t.notePartner(slot, 0, 55)
    t.touch(9, 90, 610, k, k / 100)
    expect(t.partnerWeight(slot, 0)).toBeCloseTo(10 * Math.exp(-1), 4)
    for (let i = 0; i < 10_000; i++) t.touch(100 + i, 1000 + i, 610, k, k / 100)
    const moved = t.find(9, 90)
    expect(t.slots).toBeGreaterThan(4096)
    expect(t.partnerKey[moved]).toBe(55)
    expect(t.partnerWeight(moved, 0)).toBeCloseTo(10 * Math.exp(-1), 4)
    expect(t.findLow(90)).toBe(moved)
    t.erase(moved)
    expect(t.partnerWeight(moved, 0)).toBe(0)
    expect(t.findLow(90)).toBe(-1)
  })

  it('costs 8 bytes per partner field per slot', () => {
    expect(new EntityTable(3, true, 1 << 16, 2).bytes - new EntityTable(3, true, 1 << 16, 0).bytes).toBe(4096 * 16)
  })
})

describe("an incident's related entities", () => {
  it('keeps the largest MAX_RELATED, counts every one, and lists them largest first', () => {
    const r = new RelatedEntities()
    for (let i = 0; i < MAX_RELATED + 10; i++) r.add(`k${i}`, 'ip', `ps_${i}`, i)
    // folded in again after it calmed down: neither counted twice nor recounted
    r.add(`k${MAX_RELATED + 9}`, 'ip', `ps_${MAX_RELATED + 9}`, 1000)
    expect(r.total).toBe(MAX_RELATED + 10)
    const list = r.list()
    expect(list.length).toBe(MAX_RELATED)
    expect(list[0]).toEqual({ field: 'ip', entity: `ps_${MAX_RELATED + 9}`, suspect_requests: MAX_RELATED + 9 })
    expect(list[list.length - 1]?.suspect_requests).toBe(10)
    r.bump(`k${MAX_RELATED + 9}`)
    r.bump('k0')
    expect(r.list()[0]?.suspect_requests).toBe(MAX_RELATED + 10)
    r.delete(`k${MAX_RELATED + 9}`)
    expect(r.list().some((x) => x.entity === `ps_${MAX_RELATED + 9}`)).toBe(false)
  })
})
