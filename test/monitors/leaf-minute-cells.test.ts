import { describe, expect, it } from 'vitest'
import { LeafMinuteCells, MAX_RATE_DETECTORS } from '../../src/monitors/leaf-minute-cells.js'

describe('LeafMinuteCells', () => {
  it('gives each leaf one row, in order of first sight, and keeps counts as the columns grow', () => {
    const cells = new LeafMinuteCells(2)
    const rows = Array.from({ length: 100 }, (_, i) => cells.row(`leaf-${i}`))
    expect(rows).toEqual(Array.from({ length: 100 }, (_, i) => i))
    cells.requests[3] = 5
    cells.events[3 * MAX_RATE_DETECTORS + 1] = 2
    cells.latencyCount[3] = 4
    cells.latencySum[3] = 410
    for (let i = 100; i < 1000; i++) cells.row(`leaf-${i}`)
    expect(cells.row('leaf-3')).toBe(3)
    expect(cells.size).toBe(1000)
    expect([cells.requests[3], cells.events[3 * MAX_RATE_DETECTORS + 1], cells.latencyCount[3], cells.latencySum[3]]).toEqual([5, 2, 4, 410])
    expect(cells.requests[999]).toBe(0)
    expect([...cells.rows.keys()].slice(0, 2)).toEqual(['leaf-0', 'leaf-1'])
  })
})
