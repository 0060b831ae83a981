import type { Static } from 'typebox'
import type { Job as JobSchema } from '../schemas/job.js'
import type { ModelView } from '../services/model-views.js'

/** A job as the manager keeps it: the API schema's fields, with the result typed as the service's model view. */
export type Job = Omit<Static<typeof JobSchema>, 'result'> & { readonly result?: ModelView }
export type JobKind = Job['kind']
export type JobStatus = Job['status']
