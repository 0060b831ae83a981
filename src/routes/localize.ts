import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { localizeRows } from '../localize/index.js'
import { errors } from '../schemas/common.js'
import { LocalizeBody, LocalizeResponse } from '../schemas/localize.js'

/** Offline root-cause localisation: the leaves of one time point in, the combinations that explain the deviation out. */
export const localizeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/localize',
    {
      schema: {
        tags: ['localize'],
        summary: 'Root causes of a deviation at one time point',
        description:
          'Send the leaf rows of one time point (every combination of the dimensions, with actual and expected values) and get the combinations ' +
          'that explain the deviation: `root_causes` is the answer, `candidates` the runners-up. Counts (`actual`/`expected`) or failure rates ' +
          '(`requests`/`errors` with their expected values). The leaf rows may also be sent alone, as a bare JSON array. Body up to MAX_BATCH_BODY_SIZE. See docs/localize.md.',
        body: LocalizeBody,
        response: { 200: LocalizeResponse, ...errors(400, 413) },
      },
      // the leaf rows alone, as a bare JSON array, are {"leaves": [...]} with every option at its default
      preValidation: async (request) => {
        const body: unknown = request.body
        if (Array.isArray(body)) (request as { body: unknown }).body = { leaves: body }
      },
    },
    async (request) => {
      const b = request.body
      return localizeRows(b.leaves, {
        dimensions: b.dimensions,
        measure: b.measure,
        maxRootCauses: b.max_root_causes,
        maxDimensions: b.max_dimensions,
        maxCandidates: b.max_candidates,
        minChange: b.min_change,
        alpha: b.alpha,
      })
    },
  )
}
