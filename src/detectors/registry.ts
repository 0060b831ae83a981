/**
 * The algorithm registry: every detector plugin Vigil can train, plus the
 * names of the API contract's algorithms that are not available yet.
 */
import { NotFoundError, UnsupportedError } from '../errors.js'
import { checkTrainSet } from './check-train-set.js'
import { gradientBoosting } from './gradient-boosting/index.js'
import { isolationForest } from './isolation-forest/index.js'
import { localOutlierFactor } from './local-outlier-factor/index.js'
import { logisticRegression } from './logistic-regression/index.js'
import { oneClassSvm } from './one-class-svm/index.js'
import { randomForest } from './random-forest/index.js'
import type { DetectorPlugin } from './types.js'

/** Every algorithm name the API contract (002) accepts. */
export const ALGORITHM_NAMES = [
  'isolation_forest',
  'one_class_svm',
  'local_outlier_factor',
  'random_forest',
  'logistic_regression',
  'gradient_boosting',
] as const

export type AlgorithmName = (typeof ALGORITHM_NAMES)[number]

export interface Registry {
  get(id: string): DetectorPlugin
  has(id: string): boolean
  list(): readonly DetectorPlugin[]
}

export function defineRegistry(plugins: readonly DetectorPlugin[]): Registry {
  const byId = new Map<string, DetectorPlugin>()
  for (const p of plugins) {
    if (byId.has(p.id)) throw new Error(`duplicate detector id '${p.id}'`)
    // every plugin's fit sees only checked input: finite values, and labels where it needs them
    byId.set(p.id, {
      ...p,
      fit: async (train, params) => {
        checkTrainSet(p.id, train, p.supervised)
        return p.fit(train, params)
      },
    })
  }
  return {
    get(id) {
      const plugin = byId.get(id)
      if (plugin) return plugin
      if ((ALGORITHM_NAMES as readonly string[]).includes(id)) {
        throw new UnsupportedError(
          `algorithm '${id}' is not available yet in this version of Vigil; available: ${[...byId.keys()].join(', ')}`,
          { field: 'algorithm', value: id, allowed: [...byId.keys()] },
        )
      }
      throw new NotFoundError(`unknown algorithm '${id}'; available: ${[...byId.keys()].join(', ')}`, {
        field: 'algorithm',
        value: id,
      })
    },
    has: (id) => byId.has(id),
    list: () => [...byId.values()],
  }
}

export const registry: Registry = defineRegistry([isolationForest, oneClassSvm, localOutlierFactor, randomForest, logisticRegression, gradientBoosting])
