/**
 * Statistics for the regression and abuse detectors: pure functions on
 * numbers (no I/O, no Fastify), each state plain JSON and O(1) per combination
 * where the method allows. docs/statistics.md explains them for on-call engineers.
 */

// Distributions
export { logGamma, logBeta, logChoose, regularizedBeta, regularizedGamma } from './special-functions.js'
export { normalUpperTail, normalCdf, normalQuantile } from './normal.js'
export { binomialLogPmf, binomialUpperTail, binomialLowerTail } from './binomial.js'
export { poissonLogPmf, poissonUpperTail, poissonLowerTail } from './poisson.js'
export { negativeBinomialLogPmf, negativeBinomialUpperTail, negativeBinomialLowerTail } from './negative-binomial.js'
export {
  type BetaParams,
  betaFromMean,
  betaBinomialLogPmf,
  betaBinomialLogLikelihood,
  betaBinomialUpperTail,
  betaBinomialInterval,
} from './beta-binomial.js'

// Baselines
export { decayFactor } from './forgetting.js'
export {
  type RateBaselineState,
  type RatePrior,
  type RatePosterior,
  createRateBaseline,
  updateRateBaseline,
  ageRateBaseline,
  rateBaselinePosterior,
} from './rate-baseline.js'
export { type PriorStrengthOptions, estimatePriorStrength } from './prior-strength.js'
export {
  type SeasonalProfileState,
  type SeasonalProfileOptions,
  type SeasonalFactor,
  type SeasonalSource,
  DEFAULT_SEASONAL_OPTIONS,
  createSeasonalProfile,
  updateSeasonalProfile,
  seasonalFactor,
  calendarHours,
} from './seasonal-profile.js'
export {
  type CountBaselineState,
  type CountBaselineOptions,
  type ExpectedCount,
  DEFAULT_COUNT_BASELINE,
  createCountBaseline,
  updateCountBaseline,
  expectedCount,
} from './count-baseline.js'

// Sequential tests
export { type LiftOptions, DEFAULT_LIFT, liftAlternative } from './lift.js'
export {
  binomialLogLikelihoodRatio,
  betaBinomialLogLikelihoodRatio,
  poissonLogLikelihoodRatio,
  negativeBinomialLogLikelihoodRatio,
} from './log-likelihood-ratio.js'
export {
  type SprtState,
  type SprtDecision,
  type SprtBoundaries,
  type SprtOptions,
  type SprtEvidence,
  type SprtStep,
  createSprt,
  sprtBoundaries,
  sprtStep,
} from './sprt.js'
export { type AverageSampleNumber, sprtAverageSampleNumber } from './sprt-sample-size.js'
export { type FixedSampleSize, binomialFixedSampleSize } from './fixed-sample-size.js'
export { cusumThreshold } from './cusum-threshold.js'
export { type ChangePoint, binomialChangePoint, countChangePoint } from './change-point.js'
export {
  type BinomialCusumState,
  type BinomialCusumParams,
  type BinomialCusumEvidence,
  type BinomialCusumStep,
  createBinomialCusum,
  binomialCusumStep,
  binomialCusumEvidence,
} from './binomial-cusum.js'
export {
  type CountCusumState,
  type CountCusumParams,
  type CountCusumEvidence,
  type CountCusumStep,
  createCountCusum,
  countCusumStep,
  countCusumEvidence,
} from './count-cusum.js'
export {
  type MixtureSprtState,
  type MixtureSprtStep,
  createMixtureSprt,
  mixtureLogLikelihoodRatio,
  mixtureSprtStep,
} from './mixture-sprt.js'

// Multiplicity
export { type BenjaminiHochbergResult, benjaminiHochberg } from './benjamini-hochberg.js'
export {
  type OnlineFdrState,
  type OnlineFdrTick,
  type SpendingSequence,
  DEFAULT_SPENDING,
  createOnlineFdr,
  onlineFdrLevel,
  onlineFdrTick,
  spendingAt,
} from './online-fdr.js'

// Latency
export { type SketchJSON, type SketchBinsJSON, sketchToJSON, sketchFromJSON } from './sketch-json.js'
export {
  type LatencyThreshold,
  type LatencyExceedance,
  latencyThreshold,
  isAboveThreshold,
  countAboveThreshold,
  sketchCountAbove,
  latencyExceedanceTest,
} from './latency-threshold.js'
export { type MannWhitneyResult, MANN_WHITNEY_MIN_SAMPLES, mannWhitney } from './mann-whitney.js'
