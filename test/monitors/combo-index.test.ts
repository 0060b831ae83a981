import { describe, expect, it } from 'vitest'
import { ComboIndex, combosPerLeaf } from '../../src/monitors/combo-index.js'
import { KEY_SEPARATOR } from '../../src/monitors/request-event.js'

const DIMS = ['partner', 'country', 'operation', 'pi_type']
const leaf = (...values: string[]): string => values.join(KEY_SEPARATOR)

/** Every combination of a leaf, as sorted "dim=value" text, by brute force. */
function expected(index: ComboIndex, values: string[]): string[] {
  return index.masks.map((mask) =>
    DIMS.flatMap((d, i) => ((mask >> i) & 1 ? [`${d}=${values[i]}`] : [])).join(','),
  )
}

const describeCombo = (index: ComboIndex, id: number): string =>
  Object.entries(index.dimensionsOf(id))
    .map(([d, v]) => `${d}=${v}`)
    .sort((a, b) => DIMS.indexOf(a.split('=')[0] as string) - DIMS.indexOf(b.split('=')[0] as string))
    .join(',')

describe('ComboIndex leaf slots', () => {
  it("a leaf's slot holds the ids of all its combinations, root first, shared between leaves", () => {
    const index = new ComboIndex(DIMS, 3)
    expect(index.width).toBe(combosPerLeaf(4, 3))
    const a = ['cart', 'CA', 'edit_pi', 'mc']
    const b = ['cart', 'US', 'edit_pi', 'mc']
    const slotA = index.leafSlot(leaf(...a))
    const idsA = Array.from(index.leafCombos.subarray(slotA * index.width, (slotA + 1) * index.width))
    const slotB = index.leafSlot(leaf(...b))
    const idsB = Array.from(index.leafCombos.subarray(slotB * index.width, (slotB + 1) * index.width))
    expect(idsA[0]).toBe(0)
    expect(idsA.map((id) => describeCombo(index, id))).toEqual(expected(index, a))
    expect(idsB.map((id) => describeCombo(index, id))).toEqual(expected(index, b))
    // combinations without the country are the same ids; with it, different ones
    index.masks.forEach((mask, m) => expect(idsA[m] === idsB[m]).toBe((mask & 2) === 0))
    expect(index.leafSlot(leaf(...a))).toBe(slotA)
    expect(Array.from(index.combosOf(leaf(...b)))).toEqual(idsB)
    expect(index.find({ country: 'CA', pi_type: 'mc' })).toBe(idsA[index.masks.indexOf(0b1010)])
    expect(index.find({ country: 'FR' })).toBeUndefined()
  })

  it('reads missing trailing values as empty and keeps slots valid as the cache grows', () => {
    const index = new ComboIndex(DIMS, 4)
    const short = index.leafSlot(leaf('cart', 'CA'))
    const ids = Array.from(index.leafCombos.subarray(short * index.width, (short + 1) * index.width))
    expect(ids.map((id) => describeCombo(index, id))).toEqual(expected(index, ['cart', 'CA', '', '']))
    for (let i = 0; i < 3000; i++) index.leafSlot(leaf(`p${i % 50}`, `c${i}`, 'add_pi', 'visa'))
    expect(Array.from(index.combosOf(leaf('cart', 'CA')))).toEqual(ids)
  })

  it('numbers combinations in order of first appearance, leaf by leaf and mask by mask, whatever the cache shortcuts', () => {
    const dims = ['a', 'b', 'c', 'd', 'e']
    const index = new ComboIndex(dims, 3)
    const reference = new Map<string, number>([['', 0]])
    let seed = 7
    const pick = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    for (let i = 0; i < 3000; i++) {
      // few values in the first dimensions, many in the last: most new leaves have a sibling seen before
      const values = [`a${pick(3)}`, `b${pick(3)}`, `c${pick(2)}`, `d${pick(4)}`, `e${pick(40)}`]
      const expectedIds = index.masks.map((mask) => {
        const key = dims.flatMap((_, d) => ((mask >> d) & 1 ? [`${d}=${values[d]}`] : [])).join(',')
        if (!reference.has(key)) reference.set(key, reference.size)
        return reference.get(key)
      })
      expect(Array.from(index.combosOf(values.join(KEY_SEPARATOR)))).toEqual(expectedIds)
    }
    expect(index.size).toBe(reference.size)
  })
})

