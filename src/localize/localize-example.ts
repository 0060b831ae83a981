/**
 * The OpenAPI example of POST /localize: one minute of PX traffic by
 * partner × country × PI type, in which Mastercard in Canada fails for a
 * quarter of its requests (003's first example) while everything else keeps
 * its usual 1%. Deterministic, so the documented answer is the real one.
 */
const PARTNERS = ['cart', 'dime'] as const
const COUNTRIES = ['US', 'CA', 'GB'] as const
const PI_TYPES = ['visa', 'mc', 'amex'] as const

export const LOCALIZE_EXAMPLE_LEAVES = PARTNERS.flatMap((partner, p) =>
  COUNTRIES.flatMap((country, c) =>
    PI_TYPES.map((pi_type, t) => {
      const expected_requests = 120 * (p + 1) * (3 - c) * (3 - t)
      const requests = expected_requests + ((p * 7 + c * 5 + t * 3) % 9) - 4
      const failing = country === 'CA' && pi_type === 'mc'
      const errors = Math.round(requests * (failing ? 0.25 : 0.01))
      return { partner, country, pi_type, requests, errors, expected_requests, expected_errors: expected_requests * 0.01 }
    }),
  ),
)
