import { gccEdition } from './gcc.js';

/** United Arab Emirates: VAT 5% (Federal Decree-Law No. 8 of 2017); TRN starts with 100; place of supply is an emirate. */
export const ae = /* @__PURE__ */ gccEdition({ code: 'ae', country: 'United Arab Emirates', iso: 'AE', currency: 'AED', currencyDecimals: 2, standardRate: '5' });
