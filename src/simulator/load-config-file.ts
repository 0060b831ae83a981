import { readFile } from 'node:fs/promises'
import { InvalidInputError } from '../errors.js'
import { checkConfig } from './check-config.js'
import type { SimulatorConfigInput } from './config-schema.js'

/** Read and check a JSON simulator config (004's config.yaml keys, in JSON). */
export async function loadConfigFile(file: string): Promise<SimulatorConfigInput> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new InvalidInputError(`cannot read config file '${file}': ${err instanceof Error ? err.message : String(err)}`, { field: 'config', value: file })
  }
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (err) {
    throw new InvalidInputError(`config file '${file}' is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { field: 'config', value: file })
  }
  checkConfig(value, file)
  return value
}
