import { InvalidInputError, NotFoundError } from '../errors.js'
import { assertId } from '../store/ids.js'
import type { ModelStore } from '../store/model-store.js'

/** Which version of a model a request means: a number, an alias, or the latest. */
export interface ModelRef {
  readonly modelId: string
  readonly selector: number | string | 'latest'
}

const VERSION_NUMBER = /^[1-9]\d*$/

/**
 * Parse `model_id` ("fraud", "fraud@3", "fraud@production") together with an
 * optional separate `version` (a number or an alias).
 */
export function parseModelRef(modelId: string, version?: number | string): ModelRef {
  const at = modelId.indexOf('@')
  const id = at >= 0 ? modelId.slice(0, at) : modelId
  const inline = at >= 0 ? modelId.slice(at + 1) : undefined
  assertId('model_id', id)
  if (inline !== undefined && version !== undefined && String(version) !== inline) {
    throw new InvalidInputError(`model_id '${modelId}' names version '${inline}' but version is '${version}'; give one of them`, {
      field: 'version',
      value: version,
    })
  }
  const raw = inline ?? (version === undefined ? undefined : String(version))
  if (raw === undefined || raw === 'latest') return { modelId: id, selector: 'latest' }
  if (VERSION_NUMBER.test(raw)) return { modelId: id, selector: Number(raw) }
  if (/^\d+$/.test(raw)) {
    throw new InvalidInputError(`version must be a whole number from 1 (or an alias); got '${raw}'`, { field: 'version', value: raw, limit: 1 })
  }
  assertId('version', raw)
  return { modelId: id, selector: raw }
}

/** The version number a reference points at; 404 for a missing model, version or alias. */
export async function resolveVersion(models: ModelStore, ref: ModelRef): Promise<number> {
  const versions = await models.listVersions(ref.modelId)
  if (ref.selector === 'latest') return versions[versions.length - 1] as number
  if (typeof ref.selector === 'number') {
    if (!versions.includes(ref.selector)) {
      throw new NotFoundError(`model '${ref.modelId}' has no version ${ref.selector}; versions: ${versions.join(', ')}`, {
        field: 'version',
        value: ref.selector,
      })
    }
    return ref.selector
  }
  const aliases = await models.readAliases(ref.modelId)
  const target = aliases[ref.selector]
  if (target === undefined) {
    const known = Object.keys(aliases)
    throw new NotFoundError(
      `model '${ref.modelId}' has no alias '${ref.selector}'${known.length > 0 ? `; aliases: ${known.join(', ')}` : ''}`,
      { field: 'version', value: ref.selector },
    )
  }
  return target
}
