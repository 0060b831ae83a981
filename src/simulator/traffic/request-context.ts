import type { Rng } from '../../math/random.js'
import type { Draft } from '../draft.js'
import type { Population } from '../population.js'

/** What a request builder draws from: the traffic generator's randomness and the customers. */
export interface RequestContext {
  readonly rng: Rng
  readonly population: Population
}

/** A builder of one kind of request: the rows it writes, at `time` and shortly after. */
export type RequestBuilder = (ctx: RequestContext, time: number) => Draft[]
