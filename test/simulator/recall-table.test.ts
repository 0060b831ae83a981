import { describe, expect, it } from 'vitest'
import { falsePositiveRateBy, recallMarkdown, recallTable } from '../../src/simulator/index.js'

describe('recall per scenario', () => {
  const scenarios = [
    { id: 'A', name: 'Alpha' },
    { id: 'B', name: 'Beta' },
    { id: 'C', name: 'Gamma' },
  ]
  const ids = ['A', 'A', 'B', null, null, null, null, 'A']
  const flagged = [true, false, true, true, false, false, false, true]

  it('counts flagged rows per scenario, false positives among normal rows, overall recall and precision', () => {
    const t = recallTable(ids, flagged, scenarios)
    expect(t.scenarios).toEqual([
      { id: 'A', name: 'Alpha', rows: 3, flagged: 2, recall: 0.6667 },
      { id: 'B', name: 'Beta', rows: 1, flagged: 1, recall: 1 },
      { id: 'C', name: 'Gamma', rows: 0, flagged: 0, recall: null },
    ])
    expect(t).toMatchObject({ anomalies: 4, normal: 4, false_positives: 1, false_positive_rate: 0.25, recall: 0.75, precision: 0.75 })
    expect(() => recallTable(ids, flagged.slice(1), scenarios)).toThrow(RangeError)
  })

  it('puts several models side by side in Markdown', () => {
    const md = recallMarkdown([
      { label: 'm1', table: recallTable(ids, flagged, scenarios) },
      { label: 'm2', table: recallTable(ids, ids.map((id) => id !== null), scenarios) },
    ])
    expect(md.split('\n')).toEqual([
      '| scenario | rows | m1 | m2 |',
      '| --- | ---: | ---: | ---: |',
      '| A Alpha | 3 | 66.7% | 100.0% |',
      '| B Beta | 1 | 100.0% | 100.0% |',
      '| C Gamma | 0 | n/a | n/a |',
      '| **all anomalies (recall)** | 4 | **75.0%** | **100.0%** |',
      '| **false-positive rate** | 4 normal | **25.0%** | **0.0%** |',
      '| precision | | 75.0% | 100.0% |',
      '',
    ])
  })

  it('splits the false-positive rate by group', () => {
    const groups = ['x', 'x', 'y', 'x', 'y', 'y', 'x', 'y']
    expect(falsePositiveRateBy(groups, ids, flagged)).toEqual([
      { group: 'x', normal: 2, rate: 0.5 },
      { group: 'y', normal: 2, rate: 0 },
    ])
  })
})
