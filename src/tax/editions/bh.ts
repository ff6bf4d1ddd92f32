import { gccEdition } from './gcc.js';

/** Bahrain (Books only, not an FSM edition): VAT 10% since 1 January 2022 (one old page says 5%). */
export const bh = /* @__PURE__ */ gccEdition({ code: 'bh', country: 'Bahrain', iso: 'BH', currency: 'BHD', currencyDecimals: 3, standardRate: '10' });
