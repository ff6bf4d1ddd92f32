// Public surface of the wire schemas: every payload that crosses the wire, typed with z.infer.
export * from './ids.js';
export * from './scalars.js';
export * from './open-enum.js';
export * from './editions.js';
export * from './tax-codes.js';
export * from './timestamps.js';
export * from './validate.js';
export * from './finance/index.js';
export * from './fsm/index.js';
export * from './known.js';
