// Books and Invoice share one wire shape, so one set of schemas serves both.
export * from './envelope.js';
export * from './common.js';
export * from './organization.js';
export * from './contact-person.js';
export * from './contact.js';
export * from './item.js';
export * from './tax.js';
export * from './tax-group.js';
export * from './tax-authority.js';
export * from './tax-exemption.js';
export * from './invoice.js';
export * from './estimate.js';
export * from './sales-order.js';
export * from './customer-payment.js';
export * from './account.js';
export * from './payment-link.js';
