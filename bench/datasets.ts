/** The labelled datasets of `npm run bench`: ODDS files under the shared data folder, and seeded synthetic sets. */

export interface OddsDataset {
  readonly kind: 'odds'
  readonly name: string
  /** Path relative to the data folder. */
  readonly file: string
}

export interface SyntheticDataset {
  readonly kind: 'synthetic'
  readonly name: string
  readonly rows: number
  readonly cols: number
  /** Generator seed; fixed, so every run sees the same rows. */
  readonly seed: number
}

export type DatasetSpec = OddsDataset | SyntheticDataset

const odds = (name: string): OddsDataset => ({ kind: 'odds', name, file: `odds-${name}/${name}.csv` })

export const DATASETS: readonly DatasetSpec[] = [
  odds('thyroid'),
  odds('cardio'),
  odds('shuttle'),
  odds('satellite'),
  odds('mammography'),
  odds('breastw'),
  { kind: 'synthetic', name: 'synthetic-50k', rows: 50_000, cols: 10, seed: 50 },
  { kind: 'synthetic', name: 'synthetic-200k', rows: 200_000, cols: 10, seed: 200 },
]

/** The `npm run bench:large` set: trained on in full, never split. */
export const LARGE_DATASET: SyntheticDataset = { kind: 'synthetic', name: 'synthetic-1m', rows: 1_000_000, cols: 20, seed: 1000 }
