import { describe, expect, it } from 'vitest'
import { CHILD_TABLE_MAX_VALUES, ChildTable } from '../../src/monitors/child-table.js'

describe('ChildTable', () => {
  it('finds what was set, and nothing else, through many rehashes', () => {
    const table = new ChildTable(4)
    const reference = new Map<string, number>()
    let id = 1
    for (let parent = 0; parent < 300; parent++) {
      for (let dim = 0; dim < 7; dim += 2) {
        const value = (parent * 31 + dim * 7) % 97
        table.set(parent, dim, value, id)
        reference.set(`${parent}/${dim}/${value}`, id++)
      }
    }
    expect(table.size).toBe(reference.size)
    for (const [key, expected] of reference) {
      const [parent, dim, value] = key.split('/').map(Number) as [number, number, number]
      expect(table.get(parent, dim, value)).toBe(expected)
    }
    expect(table.get(0, 1, 0)).toBe(-1)
    expect(table.get(300, 0, 0)).toBe(-1)
    expect(table.get(5, 0, 96)).toBe(-1)
  })

  it('keeps keys that differ only in the dimension or only in the value apart', () => {
    const table = new ChildTable()
    table.set(7, 0, 1, 10)
    table.set(7, 1, 0, 11)
    table.set(7, 0, CHILD_TABLE_MAX_VALUES - 1, 12)
    expect([table.get(7, 0, 1), table.get(7, 1, 0), table.get(7, 0, CHILD_TABLE_MAX_VALUES - 1)]).toEqual([10, 11, 12])
  })

  it('refuses keys it cannot pack', () => {
    const table = new ChildTable()
    expect(() => table.set(0, 16, 0, 1)).toThrow(/dimension 16/)
    expect(() => table.set(0, 0, CHILD_TABLE_MAX_VALUES, 1)).toThrow(/value/)
  })
})
