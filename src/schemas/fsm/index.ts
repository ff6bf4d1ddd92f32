export * from './lookup.js';
export * from './common.js';
export * from './envelope.js';
export * from './company.js';
export * from './contact.js';
export * from './service-and-part.js';
export * from './work-order.js';
export * from './process-sync.js';
