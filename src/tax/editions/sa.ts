import { gccEdition } from './gcc.js';

/** Saudi Arabia: VAT 15% since 1 July 2020 (ZATCA); the VAT number starts and ends with 3. */
export const sa = /* @__PURE__ */ gccEdition({ code: 'sa', country: 'Saudi Arabia', iso: 'SA', currency: 'SAR', currencyDecimals: 2, standardRate: '15' });
