import { describe, expect, it } from 'vitest'
import { isolationForest } from '../../src/detectors/isolation-forest/index.js'
import { defineRegistry } from '../../src/detectors/registry.js'

describe('registry', () => {
  it("answers a clear 'not available yet' for a contract algorithm a build lacks, and 404 for an unknown one", () => {
    const r = defineRegistry([isolationForest])
    expect(() => r.get('random_forest')).toThrow(/algorithm 'random_forest' is not available yet in this version of Vigil; available: isolation_forest/)
    expect(() => r.get('kmeans')).toThrow(/unknown algorithm 'kmeans'/)
    expect(() => defineRegistry([isolationForest, isolationForest])).toThrow(/duplicate detector id/)
  })
})
