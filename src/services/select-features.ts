import { InvalidInputError } from '../errors.js'
import type { DatasetManifest } from '../store/dataset-manifest.js'

export interface ColumnChoice {
  readonly target_column?: string | undefined
  readonly feature_columns?: readonly string[] | undefined
  readonly label_column?: string | undefined
}

/**
 * The model's input columns: the target followed by the listed features, or,
 * when no features are listed, every numeric and boolean column except the
 * label. Unknown and non-numeric columns are a 400 naming the column.
 */
export function selectFeatures(manifest: DatasetManifest, choice: ColumnChoice): string[] {
  const byName = new Map(manifest.columns.map((c) => [c.name, c]))
  const available = manifest.columns.map((c) => c.name).join(', ')
  const check = (field: string, name: string, numeric: boolean): void => {
    const column = byName.get(name)
    if (!column) {
      throw new InvalidInputError(`${field} '${name}' is not a column of dataset ${manifest.dataset_id}; its columns are: ${available}`, {
        field,
        value: name,
        limit: manifest.columns.map((c) => c.name),
      })
    }
    if (numeric && column.kind !== 'numeric' && column.kind !== 'boolean') {
      throw new InvalidInputError(
        `${field} '${name}' has type ${column.type}; this model needs numeric or boolean columns (numeric columns: ${numericNames(manifest).join(', ') || 'none'})`,
        { field, value: name, type: column.type },
      )
    }
  }
  if (choice.label_column !== undefined) check('label_column', choice.label_column, false)
  if (choice.target_column !== undefined) check('target_column', choice.target_column, true)
  choice.feature_columns?.forEach((name, i) => check(`feature_columns[${i}]`, name, true))

  const listed = choice.feature_columns && choice.feature_columns.length > 0
  const chosen = listed
    ? [...(choice.target_column === undefined ? [] : [choice.target_column]), ...(choice.feature_columns ?? [])]
    : [...(choice.target_column === undefined ? [] : [choice.target_column]), ...numericNames(manifest)]
  const unique = [...new Set(chosen)].filter((name) => listed || name !== choice.label_column)
  if (choice.label_column !== undefined && unique.includes(choice.label_column)) {
    throw new InvalidInputError(`label_column '${choice.label_column}' cannot also be a feature: a model must not see the answer`, {
      field: 'feature_columns',
      value: choice.label_column,
    })
  }
  if (unique.length === 0) {
    throw new InvalidInputError(`dataset ${manifest.dataset_id} has no numeric or boolean column to train on; its columns are: ${available}`, {
      field: 'feature_columns',
      value: [],
    })
  }
  return unique
}

function numericNames(manifest: DatasetManifest): string[] {
  return manifest.columns.filter((c) => c.kind === 'numeric' || c.kind === 'boolean').map((c) => c.name)
}
