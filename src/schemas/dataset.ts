import { Type } from 'typebox'

const ColumnKind = Type.Union([
  Type.Literal('numeric'),
  Type.Literal('boolean'),
  Type.Literal('string'),
  Type.Literal('temporal'),
  Type.Literal('nested'),
  Type.Literal('other'),
])

export const ColumnInfo = Type.Object({ name: Type.String(), type: Type.String(), kind: ColumnKind })

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
})

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
  {
    examples: [
      {
        dataset_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
        original_name: 'data.csv',
        format: 'csv',
        size_bytes: 48213,
        sha256: '9f2c…',
        rows: 1000,
        columns: [{ name: 'price', type: 'DOUBLE', kind: 'numeric' }],
        profile: [{ name: 'price', type: 'DOUBLE', kind: 'numeric', count: 1000, missing: 0, distinct: 998, min: 80.1, max: 210.4, mean: 100.2, std: 12.5 }],
        created_at: '2026-11-21T10:00:00.000Z',
      },
    ],
  },
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
  { description: "002's upload summary, kept for its clients (`data_info['rows']`, `data_info['columns']`)." },
)

/** 002's upload answer: the manifest, with 002's `data_info` and the message its clients print. */
export const UploadResponse = Type.Object({ ...Dataset.properties, data_info: DataInfo, message: Type.String() })

export const DatasetList = Type.Object({ datasets: Type.Array(Dataset), count: Type.Integer() })

export const DatasetDeleted = Type.Object({ dataset_id: Type.String(), deleted: Type.Literal(true) })

/** Multipart body, declared for the OpenAPI document; the stream is validated by the handler. */
export const UploadBody = Type.Object({
  file: Type.String({ format: 'binary', description: 'CSV, JSON array, JSON lines or Parquet file (multipart field `file`).' }),
})
