import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRng } from '../../src/math/random.js'
import { LocalizeBody } from '../../src/schemas/localize.js'
import { buildTestApp, type TestApp } from '../helper.js'

type Leaf = Record<string, string | number>

/** A grid of leaves over dims a (6) × b (5) × c (4) × d (4) = 480, seeded noise, `plant` marks the root-cause leaves. */
function grid(make: (leaf: Leaf, planted: boolean, gauss: () => number) => Leaf, plant: (leaf: Leaf) => boolean, size = [6, 5, 4, 4]): Leaf[] {
  const rng = createRng(42)
  const gauss = (): number => Math.sqrt(-2 * Math.log(rng.next() + 1e-300)) * Math.cos(2 * Math.PI * rng.next())
  const leaves: Leaf[] = []
  const [na, nb, nc, nd] = size as [number, number, number, number]
  for (let a = 0; a < na; a++)
    for (let b = 0; b < nb; b++)
      for (let c = 0; c < nc; c++)
        for (let d = 0; d < nd; d++) {
          const leaf: Leaf = { a: `a${a}`, b: `b${b}`, c: `c${c}`, d: `d${d}` }
          leaves.push(make(leaf, plant(leaf), gauss))
        }
  return leaves
}

function countLeaves(): Leaf[] {
  return grid(
    (leaf, planted, gauss) => {
      const expected = 200 + 10 * Number(String(leaf.a).slice(1)) + 37 * (Number(String(leaf.b).slice(1)) + 1)
      const noisy = expected * (1 + 0.05 * gauss())
      return { ...leaf, expected, actual: Math.round(planted ? noisy * 0.4 : noisy) }
    },
    (leaf) => leaf.a === 'a2' && leaf.b === 'b3',
  )
}

function rateLeaves(): Leaf[] {
  return grid(
    (leaf, planted) => {
      const requests = 300 + 25 * Number(String(leaf.d).slice(1))
      const errors = Math.round(requests * (planted ? 0.2 : 0.01))
      return { ...leaf, requests, errors, expected_requests: requests, expected_errors: requests * 0.01 }
    },
    (leaf) => leaf.c === 'c1' && leaf.d === 'd2',
  )
}

describe('POST /localize', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t.close())

  const post = (payload: unknown) => t.app.inject({ method: 'POST', url: '/localize', payload: payload as Record<string, unknown> })

  it('finds a count root cause planted in two dimensions, exactly', async () => {
    const res = await post({ leaves: countLeaves() })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.measure).toBe('count')
    expect(body.dimensions).toEqual(['a', 'b', 'c', 'd'])
    expect(body.root_causes.map((r: { dimensions: unknown }) => r.dimensions)).toEqual([{ a: 'a2', b: 'b3' }])
    const [rc] = body.root_causes
    expect(rc.leaves).toBe(16)
    expect(rc.change).toBeCloseTo(-0.6, 1)
    expect(rc.score).toBeGreaterThan(body.stats.threshold)
    expect(body.candidates.length).toBeGreaterThan(0)
  })

  it('takes the leaf rows alone, as a bare JSON array, with every option at its default', async () => {
    const res = await post(rateLeaves())
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().root_causes.map((r: { dimensions: unknown }) => r.dimensions)).toEqual([{ c: 'c1', d: 'd2' }])
  })

  it('finds a failure-rate root cause planted in two dimensions, exactly', async () => {
    const res = await post({ leaves: rateLeaves(), max_candidates: 3 })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.measure).toBe('rate')
    expect(body.root_causes.map((r: { dimensions: unknown }) => r.dimensions)).toEqual([{ c: 'c1', d: 'd2' }])
    expect(body.root_causes[0].rate).toBeCloseTo(0.2, 2)
    expect(body.root_causes[0].expected_rate).toBeCloseTo(0.01, 3)
    expect(body.candidates).toHaveLength(3)
  })

  it('names two root causes under one parent, not the parent', async () => {
    const broken = (leaf: Leaf): boolean => leaf.a === 'a1' && (leaf.b === 'b0' || leaf.b === 'b1')
    const leaves = grid(
      (leaf, planted) => {
        const requests = 400 + 30 * Number(String(leaf.c).slice(1))
        const errors = Math.round(requests * (planted ? 0.3 : 0.02))
        return { ...leaf, requests, errors, expected_requests: requests, expected_errors: requests * 0.02 }
      },
      broken,
    )
    const res = await post({ leaves })
    expect(res.statusCode, res.body).toBe(200)
    const found = res.json().root_causes.map((r: { dimensions: Record<string, string> }) => r.dimensions)
    expect(found).toHaveLength(2)
    expect(found).toEqual(expect.arrayContaining([{ a: 'a1', b: 'b0' }, { a: 'a1', b: 'b1' }]))
  })

  it('answers nothing when nothing moved', async () => {
    const leaves = rateLeaves().map((l) => ({ ...l, errors: Math.round(Number(l.requests) * 0.01) }))
    const res = await post({ leaves })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().root_causes).toEqual([])
  })

  it('searches only the dimensions asked for', async () => {
    const res = await post({ leaves: countLeaves(), dimensions: ['a', 'c'] })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.dimensions).toEqual(['a', 'c'])
    expect(body.root_causes[0].dimensions).toEqual({ a: 'a2' })
  })

  it('the OpenAPI example of the body works', async () => {
    const example = (LocalizeBody as unknown as { examples: unknown[] }).examples[0]
    const res = await post(example)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().root_causes.map((r: { dimensions: unknown }) => r.dimensions)).toEqual([{ country: 'CA', pi_type: 'mc' }])
  })

  it('is in the OpenAPI document with its example', async () => {
    const res = await t.app.inject({ url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const post = res.json().paths['/localize'].post
    expect(post.tags).toEqual(['localize'])
    expect(JSON.stringify(post.requestBody)).toContain('"pi_type":"mc"')
  })

  it('takes 20,000 leaves (a body over the default 1 MB limit)', async () => {
    const leaves = grid(
      (leaf, planted) => ({ ...leaf, expected: 100, actual: planted ? 30 : 100 }),
      (leaf) => leaf.b === 'b7',
      [25, 20, 8, 5],
    )
    expect(JSON.stringify({ leaves }).length).toBeGreaterThan(1_048_576)
    const res = await post({ leaves, max_dimensions: 2 })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().root_causes.map((r: { dimensions: unknown }) => r.dimensions)).toEqual([{ b: 'b7' }])
  })

  it('keeps the search within its memory budget: shallower by default, a 400 when asked for more', async () => {
    const rng = createRng(3)
    const leaves = Array.from({ length: 6000 }, () => {
      const leaf: Leaf = { actual: 100, expected: 100 }
      for (let d = 0; d < 12; d++) leaf[`k${d}`] = `v${rng.int(3)}`
      return leaf
    })
    const fine = await post({ leaves, max_candidates: 0 })
    expect(fine.statusCode, fine.body).toBe(200)
    expect(fine.json().root_causes).toEqual([])
    const refused = await post({ leaves, max_dimensions: 4 })
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({ field: 'max_dimensions', value: 4, limit: 4_000_000 })
    expect(refused.json().error).toMatch(/max_dimensions 4 over 12 dimensions and 6000 leaves is \d+ leaf × cuboid cells; the limit is 4000000/)
  })

  describe('bad input is a 400 naming the field, the value and the limit', () => {
    const cases: [string, () => unknown, RegExp, string | undefined][] = [
      ['no leaves', () => ({ leaves: [] }), /leaves is empty/, 'leaves'],
      ['leaves with different dimension keys', () => ({ leaves: [{ a: 'x', actual: 1, expected: 1 }, { b: 'y', actual: 1, expected: 1 }] }), /leaves\[1\] has dimension keys \[b\] but leaves\[0\] has \[a\]/, 'leaves[1]'],
      ['a negative count', () => ({ leaves: [{ a: 'x', actual: -3, expected: 1 }] }), /leaves\[0\]\.actual must be >= 0; got -3/, 'leaves[0].actual'],
      ['a missing forecast', () => ({ leaves: [{ a: 'x', actual: 3 }] }), /leaves\[0\]\.expected is missing/, 'leaves[0].expected'],
      ['a count that is text', () => ({ leaves: [{ a: 'x', actual: 3, expected: '4' }] }), /leaves\[0\]\.expected must be a finite number/, 'leaves[0].expected'],
      ['more errors than requests', () => ({ leaves: [{ a: 'x', requests: 3, errors: 5, expected_rate: 0.1 }] }), /leaves\[0\]\.errors \(5\) must be <= requests \(3\)/, 'leaves[0].errors'],
      ['a rate without its expected values', () => ({ leaves: [{ a: 'x', requests: 3, errors: 1 }] }), /leaves\[0\]\.expected_requests is missing/, 'leaves[0].expected_requests'],
      ['an expected rate over 1', () => ({ leaves: [{ a: 'x', requests: 3, errors: 1, expected_rate: 1.5 }] }), /expected_rate must be <= 1/, 'leaves[0].expected_rate'],
      ['no dimension', () => ({ leaves: [{ actual: 1, expected: 1 }] }), /no dimension/, 'dimensions'],
      ['an unknown dimension', () => ({ leaves: [{ a: 'x', actual: 1, expected: 1 }], dimensions: ['zone'] }), /dimensions\[0\] 'zone' is not a key of leaves\[0\]/, 'dimensions[0]'],
      ['an unknown option', () => ({ leaves: [{ a: 'x', actual: 1, expected: 1 }], top_k: 3 }), /top_k/, undefined],
      ['max_root_causes over its limit', () => ({ leaves: [{ a: 'x', actual: 1, expected: 1 }], max_root_causes: 50 }), /max_root_causes must be <= 20/, 'max_root_causes'],
    ]
    it.each(cases)('%s', async (_name, body, message, field) => {
      const res = await post(body())
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().error).toMatch(message)
      if (field !== undefined) expect(res.json().field).toBe(field)
    })

    it('more than 100,000 leaves', async () => {
      const leaves = Array.from({ length: 100_001 }, () => ({ a: 'x', actual: 1, expected: 1 }))
      const res = await post({ leaves })
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400)
      expect(res.json().error).toMatch(/100000/)
    })
  })
})
