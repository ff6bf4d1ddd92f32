// GSTIN state codes (the first two digits) and the letter codes Zoho uses for place of supply
// (tax-codes.ts INDIAN_STATE_CODES). 28 is undivided Andhra Pradesh, still on old registrations;
// 97 is "Other Territory", 99 the Centre Jurisdiction. Zod-free on purpose (browser entry).

/** GSTIN state number → Zoho's state / union-territory letter code (`undefined` for 97 and 99). */
export const GST_STATE_NUMBERS: Readonly<Record<string, string | undefined>> = {
  '01': 'JK', '02': 'HP', '03': 'PB', '04': 'CH', '05': 'UT', '06': 'HR', '07': 'DL', '08': 'RJ', '09': 'UP',
  '10': 'BR', '11': 'SK', '12': 'AR', '13': 'NL', '14': 'MN', '15': 'MZ', '16': 'TR', '17': 'ML', '18': 'AS',
  '19': 'WB', '20': 'JH', '21': 'OR', '22': 'CT', '23': 'MP', '24': 'GJ', '25': 'DD', '26': 'DN', '27': 'MH',
  '28': 'AP', '29': 'KA', '30': 'GA', '31': 'LD', '32': 'KL', '33': 'TN', '34': 'PY', '35': 'AN', '36': 'TG',
  '37': 'AP', '38': 'LA', '97': undefined, '99': undefined,
};

/** The letter code of a GSTIN's state number, e.g. `'29'` → `'KA'`. */
export function stateOfGstNumber(number: string): string | undefined {
  return GST_STATE_NUMBERS[number];
}
