/**
 * Supervised example (the TypeScript version of 002's supervised_example.py):
 * upload a CSV whose is_anomaly column marks the known anomalies and train
 * with it as label_column.
 *
 * It trains a random forest, which learns from the labels; its threshold is
 * the one that maximises F1 on held-out labelled rows (the supervised
 * default). On a build without random_forest (GET /algorithms says which are
 * available) the server answers 400 naming the algorithm, and the example
 * falls back to an isolation forest with the same label column: the labels
 * then only evaluate it (training_stats.evaluation).
 *
 * Needs a running server: `npm start`, then `npm run example:supervised`
 * (VIGIL_URL overrides http://localhost:8000).
 */
import { VigilApiError, VigilClient, type Evaluation, type Model, type Row, type TrainRequest } from './client.js'
import { ensureExampleData } from './generate-data.js'

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`
const metric = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(3))

/** Train with `algorithm`; if the server says it is not available yet, fall back to isolation_forest. */
async function trainWithFallback(client: VigilClient, datasetId: string, request: TrainRequest): Promise<Model> {
  try {
    return await client.train(datasetId, request)
  } catch (err) {
    if (!(err instanceof VigilApiError && err.status === 400 && err.field === 'algorithm')) throw err
    console.log(`   Note: ${err.error}`)
    console.log('   Falling back to isolation_forest; the labels will be used to evaluate it.')
    return client.train(datasetId, { ...request, algorithm: 'isolation_forest' })
  }
}

function printEvaluation(e: Evaluation): void {
  const m = e.confusion_matrix
  console.log(`   Labelled rows: ${e.labelled_rows} (${e.positives} anomalies)`)
  console.log(`   ROC AUC: ${metric(e.roc_auc)}   PR AUC: ${metric(e.pr_auc)}`)
  console.log(`   Precision: ${metric(e.precision)}   Recall: ${metric(e.recall)}   F1: ${metric(e.f1)}`)
  console.log(`   Alert rate: ${percent(e.alert_rate)}`)
  console.log('   Confusion matrix:')
  console.log('                     predicted normal  predicted anomaly')
  console.log(`     actual normal    ${String(m.tn).padStart(16)}  ${String(m.fp).padStart(17)}`)
  console.log(`     actual anomaly   ${String(m.fn).padStart(16)}  ${String(m.tp).padStart(17)}`)
}

async function main(): Promise<void> {
  const files = ensureExampleData()
  const client = new VigilClient()
  console.log(`Vigil at ${client.baseUrl}\n`)

  console.log('1. Uploading labelled dataset...')
  const dataset = await client.uploadDataset(files.labelled)
  console.log(`   ${dataset.message}`)
  console.log(`   Dataset ID: ${dataset.dataset_id}`)

  console.log('\n2. Training a supervised model (random_forest)...')
  const model = await trainWithFallback(client, dataset.dataset_id, {
    algorithm: 'random_forest',
    contamination: 0.1,
    target_column: 'price',
    feature_columns: ['volume', 'amount'],
    label_column: 'is_anomaly',
  })
  console.log(`   Model ID: ${model.model_id}`)
  console.log(`   Algorithm: ${model.algorithm}, label column: ${model.label_column}`)
  console.log(`   Training samples: ${model.training_stats.n_samples}, anomaly rate ${percent(model.training_stats.anomaly_rate)}`)

  console.log('\n3. Evaluation against the labels...')
  const evaluation = model.training_stats.evaluation
  if (evaluation) {
    printEvaluation(evaluation)
    const method = model.training_stats.threshold_method
    if (method === 'f1') console.log('   Threshold: the one that maximises F1 on the held-out labelled rows (the default for supervised algorithms).')
    else if (evaluation.recommended_f1 !== null && evaluation.recommended_f1 > evaluation.f1) {
      // an unsupervised model keeps the contamination quantile unless told otherwise: the labels can choose a better one
      console.log(`   Hint: the threshold that maximises F1 on the held-out rows (${metric(evaluation.recommended_threshold)}) gives F1 ${metric(evaluation.recommended_f1)}, against ${metric(evaluation.f1)} now.`)
      console.log(`         Apply it without retraining: PUT /models/${model.model_id}/threshold {"objective": "f1"}, or train with "threshold": {"objective": "f1"}.`)
    }
  } else console.log('   (the server returned no evaluation)')

  console.log('\n4. Predictions...')
  const rows: { label: string; data: Row }[] = [
    { label: 'normal', data: { price: 100.2, volume: 1000, amount: 10000 } },
    { label: 'normal', data: { price: 97.5, volume: 940, amount: 9800 } },
    { label: 'normal', data: { price: 103.1, volume: 1080, amount: 10250 } },
    { label: 'price spike', data: { price: 165.0, volume: 1000, amount: 10000 } },
    { label: 'price drop', data: { price: 52.0, volume: 1000, amount: 10000 } },
    { label: 'volume burst', data: { price: 100.0, volume: 4200, amount: 10000 } },
    { label: 'amount outlier', data: { price: 100.0, volume: 1000, amount: 32000 } },
  ]
  const batch = await client.predictBatch(
    model.model_id,
    rows.map((r) => r.data),
  )
  for (const r of batch.predictions.results) {
    const row = rows[r.index]
    const verdict = r.is_anomaly ? 'ANOMALY' : 'normal '
    console.log(`   ${verdict} score=${r.anomaly_score.toFixed(4)} p=${r.anomaly_probability.toFixed(3)}  ${row?.label.padEnd(14)} ${JSON.stringify(row?.data)}`)
  }
  console.log(`   Anomalies found: ${batch.predictions.anomaly_count} of ${batch.predictions.total}`)

  console.log('\n5. Cleaning up...')
  const deleted = await client.deleteModel(model.model_id)
  console.log(`   Deleted model ${deleted.model_id}`)
  await client.deleteDataset(dataset.dataset_id)
  console.log(`   Deleted dataset ${dataset.dataset_id}`)
  console.log('\nDone.')
}

main().catch((err: unknown) => {
  console.error(`\nExample failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
})
