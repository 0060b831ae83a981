export { createVigilClient, type VigilClient } from './vigil-client.js'
export type { VigilClientOptions, DropReason, DropReport, DeliveryError } from './client-options.js'
export type { ClientStats } from './client-stats.js'
export type { RequestEvent } from './request-event.js'
