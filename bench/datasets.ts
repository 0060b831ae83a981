/** The labelled datasets every bench case runs on (files under the shared data folder). */
export interface DatasetSpec {
  readonly name: string
  /** Path relative to the data folder. */
  readonly file: string
}

export const DATASETS: readonly DatasetSpec[] = [
  { name: 'thyroid', file: 'odds-thyroid/thyroid.csv' },
  { name: 'shuttle', file: 'odds-shuttle/shuttle.csv' },
  { name: 'mammography', file: 'odds-mammography/mammography.csv' },
  { name: 'cardio', file: 'odds-cardio/cardio.csv' },
]
