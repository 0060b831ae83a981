/** Train one model per series through Vigil and score every row of the series. */
import type { NabSeries } from './series.js'
import type { EventRow, VigilSession } from './vigil-session.js'
import { trainBody, type Variant } from './ways.js'

export interface UploadedCorpus {
  readonly series: readonly NabSeries[]
  readonly datasetIds: readonly string[]
  /** Each series' rows as events, `{ timestamp, value }`, in time order. */
  readonly rows: readonly EventRow[][]
}

/** Upload every unlabelled `NAME.csv` once. */
export async function uploadCorpus(session: VigilSession, series: readonly NabSeries[]): Promise<UploadedCorpus> {
  const datasetIds: string[] = []
  for (const s of series) datasetIds.push(await session.upload(`${s.name}.csv`, s.csv))
  const rows = series.map((s) => s.timestamps.map((timestamp, i) => ({ timestamp, value: s.values[i] as number })))
  return { series, datasetIds, rows }
}

/** Scores of every series for one algorithm, variant and seed (the model is deleted after scoring). */
export async function scoreCorpus(session: VigilSession, corpus: UploadedCorpus, algorithm: string, variant: Variant, seed: number): Promise<Float64Array[]> {
  const out: Float64Array[] = []
  for (const [i, datasetId] of corpus.datasetIds.entries()) {
    const modelId = await session.train(datasetId, trainBody(algorithm, variant, seed))
    out.push(await session.score(modelId, corpus.rows[i] as EventRow[]))
    await session.deleteModel(modelId)
  }
  return out
}
