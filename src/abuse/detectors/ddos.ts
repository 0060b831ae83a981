import { ACTOR_COSTLY } from '../actor.js'
import type { EntityDetector } from '../entity-detector.js'

/** 003 §2 D/DoS: one user or IP sends many costly calls (PSD2 sessions, which write to the database, by default). */
export const ddos: EntityDetector = {
  kind: 'entity',
  name: 'ddos',
  title: 'DDoS',
  metric: 'costly_requests',
  description: "One user or IP sends many costly requests (the monitor's entities.costly_operations, psd2_session by default).",
  entities: ['user', 'ip'],
  classify(actor) {
    return (actor.flags & ACTOR_COSTLY) !== 0 ? 1 : 0
  },
}
