/** Every comparison `npm run bench` runs. Add a case here (and, if new, its scikit-learn script in sklearn.ts). */
import type { BenchCase } from './bench-case.js'
import { iforestCase } from './iforest-bench.js'

export const CASES: readonly BenchCase[] = [iforestCase]
