import { cardTesting } from './detectors/card-testing.js'
import { ddos } from './detectors/ddos.js'
import { fuzzing } from './detectors/fuzzing.js'
import type { EntityDetector } from './entity-detector.js'

/** 003's three abuse types, registered with the regression detectors (one registry: a monitor's `detectors` names either kind). */
export const BUILT_IN_ENTITY_DETECTORS: readonly EntityDetector[] = [cardTesting, ddos, fuzzing]
