/** The three calls of 002's README, over real HTTP: upload a CSV, train on it, score rows in batches. */

export interface TrainAnswer {
  readonly model_id: string
  readonly features?: { readonly engineered?: readonly string[]; readonly dropped?: readonly { column: string; rule: string }[] }
  readonly training_stats?: { readonly threshold_method?: string }
}

/** Rows per `/predict-batch` request (below the worker-pool cut-off's multiples, well under the row limit). */
const BATCH_ROWS = 10_000

export class VigilClient {
  constructor(private readonly base: string) {}

  async upload(filename: string, csv: string): Promise<string> {
    const form = new FormData()
    form.append('file', new Blob([csv], { type: 'text/csv' }), filename)
    const res = await fetch(`${this.base}/upload-dataset`, { method: 'POST', body: form })
    const body = (await res.json()) as { dataset_id?: string; error?: string }
    if (!res.ok || body.dataset_id === undefined) throw new Error(`upload ${filename}: ${res.status} ${JSON.stringify(body)}`)
    return body.dataset_id
  }

  async train(datasetId: string, request: Record<string, unknown>): Promise<TrainAnswer> {
    const res = await fetch(`${this.base}/train/${datasetId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
    const body = (await res.json()) as TrainAnswer
    if (!res.ok) throw new Error(`train ${JSON.stringify(request)}: ${res.status} ${JSON.stringify(body)}`)
    return body
  }

  /** Vigil's `anomaly_score` per row (higher = more anomalous), in row order. */
  async scores(modelId: string, rows: readonly Record<string, number | string | null>[]): Promise<Float64Array> {
    const out = new Float64Array(rows.length)
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const data = rows.slice(start, start + BATCH_ROWS)
      const res = await fetch(`${this.base}/predict-batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model_id: modelId, data, explain: false }),
      })
      const body = (await res.json()) as { predictions?: { results: { index: number; anomaly_score: number }[] } }
      if (!res.ok || !body.predictions) throw new Error(`predict-batch ${modelId}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`)
      for (const r of body.predictions.results) out[start + r.index] = r.anomaly_score
    }
    return out
  }

  async deleteModel(modelId: string): Promise<void> {
    await fetch(`${this.base}/models/${modelId}`, { method: 'DELETE' })
  }
}
