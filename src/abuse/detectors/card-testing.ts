import { ACTOR_CARD_OPERATION, ACTOR_MALFORMED, ACTOR_VALIDATION_FAILED } from '../actor.js'
import type { EntityDetector } from '../entity-detector.js'

/**
 * 003 §2 card testing: one user, IP or card-holder name adds many different
 * cards in quick succession and most fail bank validation. Counted: card
 * operations (add_pi by default); suspect: a failed validation of a card the
 * entity had not used recently (retrying one mistyped card is not testing).
 * A malformed request is not counted at all: it fails validation because it
 * is broken, not because the card is bad, and it is fuzzing's to judge.
 */
export const cardTesting: EntityDetector = {
  kind: 'entity',
  name: 'card_testing',
  title: 'Card testing',
  metric: 'failed_new_cards',
  description: 'One user, IP or card-holder name adds many different cards in quick succession and most fail bank validation.',
  entities: ['user', 'ip', 'card_holder'],
  classify(actor, _status, novelCard) {
    if ((actor.flags & ACTOR_CARD_OPERATION) === 0 || (actor.flags & ACTOR_MALFORMED) !== 0) return -1
    return (actor.flags & ACTOR_VALIDATION_FAILED) !== 0 && novelCard ? 1 : 0
  },
}
