import { gccEdition } from './gcc.js';

/** Kuwait: no VAT in force yet, so no default taxes; the GCC model is kept for when it comes (❓ unconfirmed). */
export const kw = /* @__PURE__ */ gccEdition({ code: 'kw', country: 'Kuwait', iso: 'KW', currency: 'KWD', currencyDecimals: 3, standardRate: undefined });
