import { Type } from 'typebox'
import { DATASET_ID, exampleDataset, exampleUpload } from './examples.js'

const ColumnKind = Type.Union([
  Type.Literal('numeric'),
  Type.Literal('boolean'),
  Type.Literal('string'),
  Type.Literal('temporal'),
  Type.Literal('nested'),
  Type.Literal('other'),
])

export const ColumnInfo = Type.Object({ name: Type.String(), type: Type.String({ description: 'DuckDB type: DOUBLE, BIGINT, VARCHAR, TIMESTAMP, …' }), kind: ColumnKind }, { title: 'Column' })

export const ColumnProfile = Type.Object({
  name: Type.String(),
  type: Type.String(),
  kind: ColumnKind,
  count: Type.Integer({ description: 'Non-missing values.' }),
  missing: Type.Integer(),
  distinct: Type.Integer({ description: 'Number of distinct values.' }),
  min: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  max: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  mean: Type.Optional(Type.Number()),
  std: Type.Optional(Type.Number()),
  top_values: Type.Optional(Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }))),
}, { title: 'ColumnProfile', description: "One column's statistics: numbers get min/max/mean/std, text its most frequent values." })

export const Dataset = Type.Object(
  {
    dataset_id: Type.String(),
    original_name: Type.String(),
    format: Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('jsonl'), Type.Literal('parquet')]),
    size_bytes: Type.Integer(),
    sha256: Type.String({ description: 'SHA-256 of the bytes as uploaded.' }),
    rows: Type.Integer(),
    columns: Type.Array(ColumnInfo),
    profile: Type.Array(ColumnProfile),
    created_at: Type.String({ format: 'date-time' }),
    source_dataset_ids: Type.Optional(Type.Array(Type.String(), { description: 'For a combined dataset, the datasets it stacks.' })),
  },
  { title: 'Dataset', description: 'An immutable dataset: its manifest and column profile.', examples: [exampleDataset] },
)

const Counts = Type.Record(Type.String(), Type.Integer())

/** 002's `data_info`, in pandas' terms (docs/api.md, "002's fields"). */
export const DataInfo = Type.Object(
  {
    filename: Type.String(),
    rows: Type.Integer(),
    columns: Type.Integer({ description: 'The number of columns (the top-level `columns` lists them).' }),
    column_names: Type.Array(Type.String()),
    data_types: Type.Record(Type.String(), Type.String(), { description: 'Column → pandas dtype: int64, float64, bool, object or datetime64[ns].' }),
    missing_values: { ...Counts, description: 'Column → missing values.' },
    numeric_columns: Type.Array(Type.String()),
    categorical_columns: Type.Array(Type.String(), { description: 'Text and other columns pandas holds as `object`.' }),
    datetime_columns: Type.Array(Type.String()),
  },
  { title: 'DataInfo', description: "002's upload summary, kept for its clients (`data_info['rows']`, `data_info['columns']`)." },
)

/** 002's upload answer: the manifest, with 002's `data_info` and the message its clients print. */
export const UploadResponse = Type.Object(
  { ...Dataset.properties, data_info: DataInfo, message: Type.String() },
  { title: 'UploadResponse', description: "The stored dataset: Vigil's manifest and profile, with 002's `data_info` and `message`.", examples: [exampleUpload] },
)

export const DatasetList = Type.Object(
  { datasets: Type.Array(Dataset), count: Type.Integer() },
  { title: 'DatasetList', description: 'Every dataset.', examples: [{ datasets: [exampleDataset], count: 1 }] },
)

export const DatasetDeleted = Type.Object(
  { dataset_id: Type.String(), deleted: Type.Literal(true) },
  { title: 'DatasetDeleted', description: 'The dataset is gone; model versions keep its id and digest in their lineage.', examples: [{ dataset_id: DATASET_ID, deleted: true }] },
)

/** Multipart body, declared for the OpenAPI document; the stream is validated by the handler. */
export const UploadBody = Type.Object(
  { file: Type.String({ format: 'binary', description: 'CSV, JSON array, JSON lines or Parquet file (multipart field `file`).' }) },
  {
    title: 'UploadRequest',
    examples: [{ file: 'timestamp,price,volume,amount,is_anomaly\n2025-01-01T00:00:00Z,100.4,1012,10021,0\n2025-01-01T01:00:00Z,171.9,998,9987,1\n' }],
  },
)
