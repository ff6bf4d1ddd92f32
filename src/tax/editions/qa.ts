import { gccEdition } from './gcc.js';

/** Qatar: no VAT in force yet, so no default taxes; the GCC model is kept for when it comes (❓ unconfirmed). */
export const qa = /* @__PURE__ */ gccEdition({ code: 'qa', country: 'Qatar', iso: 'QA', currency: 'QAR', currencyDecimals: 2, standardRate: undefined });
