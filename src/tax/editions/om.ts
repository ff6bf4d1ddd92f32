import { gccEdition } from './gcc.js';

/** Oman (Books only, not an FSM edition): VAT 5% since 16 April 2021. */
export const om = /* @__PURE__ */ gccEdition({ code: 'om', country: 'Oman', iso: 'OM', currency: 'OMR', currencyDecimals: 3, standardRate: '5' });
