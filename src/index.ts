export * from './errors/index.js';
export { type Clock, systemClock } from './clock.js';
export { ManualClock, type ManualClockOptions } from './manual-clock.js';
export { TypedEmitter, type EventMap, type Listener } from './events.js';
export { REGIONS, REGION_HOSTS, isRegion, regionHosts, allKnownOrigins, type Region, type RegionHosts } from './regions.js';
export type { Storage, StorageOp, StorageEntry, StorageListOptions } from './storage/storage.js';
export type { Transport, TransportRequest, TransportResponse, HttpMethod } from './transport/transport.js';
