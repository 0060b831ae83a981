import { ACTOR_MALFORMED } from '../actor.js'
import type { EntityDetector } from '../entity-detector.js'

/** 003 §2 fuzzing: one user or IP sends many malformed requests in quick succession, most answered 4xx or 5xx. */
export const fuzzing: EntityDetector = {
  kind: 'entity',
  name: 'fuzzing',
  title: 'Fuzzing',
  metric: 'malformed_failed_requests',
  description: 'One user or IP sends many malformed requests in quick succession, most answered with a 4xx or 5xx status.',
  entities: ['user', 'ip'],
  classify(actor, status) {
    return (actor.flags & ACTOR_MALFORMED) !== 0 && status >= 400 ? 1 : 0
  },
}
