import { Type } from 'typebox'
import { DEFAULT_LOCALIZE } from '../localize/localize.js'
import { LOCALIZE_EXAMPLE_LEAVES } from '../localize/localize-example.js'
import { MAX_DIMENSIONS, MAX_LEAVES } from '../localize/read-leaves.js'
import { MAX_SEARCH_CELLS } from '../localize/search-depth.js'

const Leaf = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'One leaf: its dimension values as text (`"country": "CA"`) and its measure. A count: `actual` and `expected` (the forecast). ' +
    'A failure rate: `requests` and `errors`, plus `expected_requests` and `expected_errors` (the forecast of both; the expected rate is their ratio) ' +
    'or `expected_rate` directly. All numbers finite and >= 0; errors <= requests.',
})

export const LocalizeBody = Type.Object(
  {
    leaves: Type.Array(Leaf, {
      maxItems: MAX_LEAVES,
      description: `The leaves of one time point (every combination of every dimension that had traffic), at most ${MAX_LEAVES}; all with the same dimension keys.`,
    }),
    dimensions: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
        minItems: 1,
        maxItems: MAX_DIMENSIONS,
        description: 'Dimensions to localise over. Default: every key whose value is text (the measure fields aside).',
        examples: [['partner', 'country', 'pi_type']],
      }),
    ),
    measure: Type.Optional(
      Type.Union([Type.Literal('count'), Type.Literal('rate')], {
        description: 'count or rate (failure rate). Default: rate when the leaves have `requests` or `errors`, else count.',
      }),
    ),
    max_root_causes: Type.Integer({ minimum: 1, maximum: 20, default: DEFAULT_LOCALIZE.maxRootCauses, description: 'Most root causes in the answer.' }),
    max_dimensions: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_DIMENSIONS,
        description: `Largest combination searched, in dimensions (capped at the number of dimensions). Default: ${DEFAULT_LOCALIZE.maxDimensions}, or less when leaves × cuboids would exceed ${MAX_SEARCH_CELLS.toLocaleString('en-US')}; asked for beyond that, a 400.`,
      }),
    ),
    max_candidates: Type.Integer({ minimum: 0, maximum: 100, default: DEFAULT_LOCALIZE.maxCandidates, description: 'Other combinations listed under `candidates`.' }),
    min_change: Type.Number({
      minimum: 0,
      maximum: 100,
      default: DEFAULT_LOCALIZE.minChange,
      description: 'A root cause must move by at least this share of its expected value (0.02 = 2%), however significant.',
    }),
    alpha: Type.Number({
      exclusiveMinimum: 0,
      maximum: 0.5,
      default: DEFAULT_LOCALIZE.alpha,
      description: 'False-alarm rate over every combination searched (Bonferroni): lower asks for more evidence.',
    }),
  },
  {
    additionalProperties: false,
    examples: [{ leaves: LOCALIZE_EXAMPLE_LEAVES, max_root_causes: 5 }],
  },
)

const RootCauseView = Type.Object(
  {
    dimensions: Type.Record(Type.String(), Type.String(), { description: 'The combination, e.g. {"country": "CA", "pi_type": "mc"}.' }),
    score: Type.Number({ description: 'Evidence that the combination moved as one: a chi-square statistic (1 degree of freedom) under the noise fitted to the leaves. Higher = more anomalous.' }),
    change: Type.Union([Type.Number(), Type.Null()], { description: 'actual / expected − 1 (rate: errors / expected errors − 1); null when nothing was expected.' }),
    explained: Type.Number({ description: "Share of the whole deviation (all leaves' actual − expected) in this combination." }),
    leaves: Type.Integer({ description: 'Leaves under the combination.' }),
    actual: Type.Number({ description: 'Count: observed total. Rate: errors.' }),
    expected: Type.Number({ description: 'Count: forecast total. Rate: requests × expected rate, summed.' }),
    deviation: Type.Number({ description: "Squeeze's deviation 2(actual − expected)/(actual + expected), in [−2, 2]." }),
    requests: Type.Optional(Type.Number({ description: 'Rate only: requests served.' })),
    rate: Type.Optional(Type.Number({ description: 'Rate only: errors / requests.' })),
    expected_rate: Type.Optional(Type.Number({ description: 'Rate only: expected errors / requests.' })),
  },
  { description: 'A combination of dimension values with its evidence and effect.' },
)

export const LocalizeResponse = Type.Object(
  {
    measure: Type.Union([Type.Literal('count'), Type.Literal('rate')]),
    dimensions: Type.Array(Type.String(), { description: 'The dimensions searched.' }),
    root_causes: Type.Array(RootCauseView, {
      description: 'The answer: the most succinct set of combinations that explains the deviation, most evidence first; every element is a prediction. Empty when nothing moved beyond the noise.',
    }),
    candidates: Type.Array(RootCauseView, { description: 'Next best combinations by their evidence before any root cause was taken out; not part of the answer.' }),
    stats: Type.Object({
      leaves: Type.Integer(),
      combinations: Type.Integer({ description: 'Combinations searched.' }),
      threshold: Type.Number({ description: 'Score a combination needed to be a root cause.' }),
      forecast_error: Type.Number({ description: 'Relative error of the forecasts, estimated from the quietest large leaves (τ).' }),
      actual: Type.Number({ description: 'Total actual (rate: errors).' }),
      expected: Type.Number({ description: 'Total expected (rate: expected errors at the requests served).' }),
    }),
  },
  {
    description: 'Root causes of the deviation at this time point, most evidence first, and the runners-up.',
    examples: [
      {
        measure: 'rate',
        dimensions: ['country', 'partner', 'pi_type'],
        root_causes: [
          {
            dimensions: { country: 'CA', pi_type: 'mc' },
            score: 1652.92,
            change: 24.0346,
            explained: 1.00329,
            leaves: 2,
            actual: 362,
            expected: 14.46,
            deviation: 1.84636,
            requests: 1446,
            rate: 0.250346,
            expected_rate: 0.01,
          },
        ],
        candidates: [
          {
            dimensions: { country: 'CA', partner: 'dime', pi_type: 'mc' },
            score: 1100.75,
            change: 24.052,
            explained: 0.667956,
            leaves: 1,
            actual: 241,
            expected: 9.62,
            deviation: 1.84646,
            requests: 962,
            rate: 0.25052,
            expected_rate: 0.01,
          },
        ],
        stats: { leaves: 18, combinations: 47, threshold: 16.9106, forecast_error: 0, actual: 476, expected: 129.6 },
      },
    ],
  },
)
