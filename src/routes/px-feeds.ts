import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors } from '../schemas/common.js'
import { PxFeedBody, PxFeedList, PxFeedParams, PxFeedView } from '../schemas/px-feed.js'
import type { PxFeeds } from '../simulator/px-feed/create-px-feeds.js'

/** The PX traffic simulator streamed into a regression monitor (003 §1). */
export const pxFeedRoutes: FastifyPluginAsyncTypebox<{ feeds: PxFeeds }> = async (app, { feeds }) => {
  app.post(
    '/simulator/px',
    {
      schema: {
        tags: ['simulator'],
        summary: 'Stream simulated PX traffic into a monitor',
        description:
          "Starts a background feed of 003-style request events (seven dimensions, daily and weekly rhythm, labelled regressions) into the monitor, and answers 202 with the feed and its ground truth. Detection runs on event time, so an unpaced feed replays days in minutes and opens the incidents living through them would. Poll GET /simulator/px/{id}; incidents appear at GET /incidents?monitor=….",
        body: PxFeedBody,
        response: { 202: PxFeedView, ...errors(400, 404, 429) },
      },
    },
    async (request, reply) => reply.code(202).send(feeds.start(request.body)),
  )
  app.get('/simulator/px', { schema: { tags: ['simulator'], summary: 'Simulator feeds, running and recent', description: 'Running feeds and the last 50 finished ones, oldest first.', response: { 200: PxFeedList } } }, async () => ({
    feeds: feeds.list(),
  }))
  app.get(
    '/simulator/px/:id',
    { schema: { tags: ['simulator'], summary: 'A simulator feed: progress and ground truth', description: 'How far the feed got in event time, and the regressions it injected.', params: PxFeedParams, response: { 200: PxFeedView, ...errors(400, 404) } } },
    async (request) => feeds.get(request.params.id),
  )
  app.delete(
    '/simulator/px/:id',
    { schema: { tags: ['simulator'], summary: 'Stop a simulator feed', description: 'Stops sending; events already sent stay with the monitor.', params: PxFeedParams, response: { 200: PxFeedView, ...errors(400, 404) } } },
    async (request) => feeds.stop(request.params.id),
  )
}
