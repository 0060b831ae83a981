import { Type } from 'typebox'

/** Personal by default: 003's user ids, IPs and card-holder names. */
export const DEFAULT_PERSONAL_FIELDS = ['user_id', 'ip', 'card_holder_name'] as const

/** The monitor config fields about personal data and how long anything is kept (docs/privacy.md). */
export const PrivacyConfigFields = {
  personal_fields: Type.Array(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$' }), {
    maxItems: 64,
    uniqueItems: true,
    default: [...DEFAULT_PERSONAL_FIELDS],
    description:
      'Fields replaced at ingest by a keyed pseudonym (ps_…, HMAC-SHA256 with PSEUDONYM_KEY) before anything is stored, logged or shown, dimensions included. POST /pseudonyms/lookup finds the pseudonym of a value.',
  }),
  incident_retention_days: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 90,
    description: 'Resolved incidents whose last detection (event time) is older than this are deleted by the retention sweeper.',
  }),
  entity_retention_days: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 7,
    description: "An entity's detection state (counts per user, IP, card holder) is erased once it has sent nothing for this long (event time).",
  }),
}
