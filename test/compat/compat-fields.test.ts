import { describe, expect, it } from 'vitest'
import { dataInfo } from '../../src/compat/data-info.js'
import { confidence002, score002, with002 } from '../../src/compat/prediction-002.js'
import type { DatasetManifest } from '../../src/store/dataset-manifest.js'

const column = (name: string, type: string, kind: DatasetManifest['columns'][number]['kind'], missing = 0) => ({
  info: { name, type, kind },
  profile: { name, type, kind, count: 10 - missing, missing, distinct: 3 },
})

describe("002's fields from Vigil's", () => {
  it('data_info reads the manifest in pandas terms', () => {
    const cols = [
      column('n', 'BIGINT', 'numeric'),
      column('gappy', 'INTEGER', 'numeric', 2),
      column('x', 'DOUBLE', 'numeric'),
      column('flag', 'BOOLEAN', 'boolean'),
      column('when', 'TIMESTAMP', 'temporal'),
      column('who', 'VARCHAR', 'string', 1),
      column('tags', 'VARCHAR[]', 'nested'),
    ]
    const manifest = { original_name: 'f.csv', rows: 10, columns: cols.map((c) => c.info), profile: cols.map((c) => c.profile) } as unknown as DatasetManifest
    expect(dataInfo(manifest)).toEqual({
      filename: 'f.csv',
      rows: 10,
      columns: 7,
      column_names: ['n', 'gappy', 'x', 'flag', 'when', 'who', 'tags'],
      // pandas reads an integer column with gaps as float64
      data_types: { n: 'int64', gappy: 'float64', x: 'float64', flag: 'bool', when: 'datetime64[ns]', who: 'object', tags: 'object' },
      missing_values: { n: 0, gappy: 2, x: 0, flag: 0, when: 0, who: 1, tags: 0 },
      numeric_columns: ['n', 'gappy', 'x'],
      categorical_columns: ['who', 'tags'],
      datetime_columns: ['when'],
    })
  })

  it("score: P(anomaly) for supervised models, scikit-learn's score_samples orientation for unsupervised ones", () => {
    expect(score002(0.83, { supervised: true, std: 0.2 })).toBe(0.83)
    expect(score002(0.61, { supervised: false, std: 0.05 })).toBe(-0.61)
  })

  it('confidence: distance from the threshold in training standard deviations', () => {
    const scale = { supervised: false, std: 0.04 }
    expect(confidence002(0.6, 0.52, scale)).toBe('high') // 2 sd
    expect(confidence002(0.54, 0.52, scale)).toBe('medium') // 0.5 sd
    expect(confidence002(0.525, 0.52, scale)).toBe('low') // 0.125 sd
    expect(confidence002(0.3, 0.3, { supervised: true, std: 0 })).toBe('low')
    expect(with002({ anomaly_score: 0.6, anomaly_threshold: 0.52, is_anomaly: true }, scale)).toEqual({ anomaly_score: 0.6, anomaly_threshold: 0.52, is_anomaly: true, score: -0.6, confidence: 'high' })
  })
})
