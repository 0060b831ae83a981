import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors } from '../schemas/common.js'
import { LookupBody, LookupResponse, SubjectErasureResponse, SubjectParams } from '../schemas/privacy.js'

/** GDPR (003 §3.3): pseudonym lookup and erasure of one entity's detection state. */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/pseudonyms/lookup',
    {
      schema: {
        tags: ['privacy'],
        summary: 'The pseudonym of a raw value',
        description:
          'Personal fields (a monitor\'s personal_fields) are replaced at ingest by ps_… pseudonyms (keyed HMAC-SHA256 with PSEUDONYM_KEY). This finds the pseudonym of a raw value, to find its incidents. Meant for administrators only: Vigil has no authentication yet, so restrict this route at the network or proxy until it does (docs/privacy.md).',
        body: LookupBody,
        response: { 200: LookupResponse, ...errors(400) },
      },
    },
    async (request) => ({ pseudonym: app.abuse.lookup(request.body.value) }),
  )
  app.delete(
    '/monitors/:name/subjects/:subject',
    {
      schema: {
        tags: ['privacy'],
        summary: "Erase one entity's detection state",
        description:
          "Deletes what the monitor's entity detection keeps about one user, IP or card holder (counts, times, recent card hashes, per-minute series, alarms) and its cached raw value, and lists the incidents that name it (kept, pseudonymised, until incident_retention_days). Its new requests start a fresh state. Administrators only once authentication exists.",
        params: SubjectParams,
        response: { 200: SubjectErasureResponse, ...errors(400, 404) },
      },
    },
    async (request) => app.abuse.eraseSubject(request.params.name, request.params.subject),
  )
}
