/** A priced line, as the totals need it. */
export interface PricedLine {
  rate: number;
  quantity: number;
  /** `"10%"` or an amount. */
  discount: unknown;
  /** Member taxes of the line's tax or group (empty when untaxed). */
  taxes: Array<{ name: string; percentage: number }>;
}

/** Totals of an invoice. */
export interface InvoiceTotals {
  lineTotals: number[];
  subTotal: number;
  taxTotal: number;
  total: number;
  taxes: Array<{ tax_name: string; tax_amount: number }>;
}

const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

function discountOf(amount: number, discount: unknown): number {
  if (typeof discount === 'number') return discount;
  if (typeof discount === 'string' && discount.trim().endsWith('%')) return (amount * Number.parseFloat(discount)) / 100;
  if (typeof discount === 'string' && discount.trim() !== '') return Number.parseFloat(discount) || 0;
  return 0;
}

/**
 * Line totals, taxes and the invoice total. Exclusive tax adds to the lines; inclusive tax is
 * carved out of them (amount × p / (100 + p)), the usual arithmetic (product-rules.md §4.7).
 */
export function invoiceTotals(lines: readonly PricedLine[], inclusive: boolean): InvoiceTotals {
  const byTax = new Map<string, number>();
  const lineTotals: number[] = [];
  let taxTotal = 0;
  for (const line of lines) {
    const gross = line.rate * line.quantity;
    const lineTotal = round2(gross - discountOf(gross, line.discount));
    lineTotals.push(lineTotal);
    const pct = line.taxes.reduce((s, t) => s + t.percentage, 0);
    for (const tax of line.taxes) {
      const amount = inclusive ? (lineTotal * tax.percentage) / (100 + pct) : (lineTotal * tax.percentage) / 100;
      byTax.set(tax.name, (byTax.get(tax.name) ?? 0) + amount);
      taxTotal += amount;
    }
  }
  const subTotal = round2(lineTotals.reduce((s, n) => s + n, 0));
  taxTotal = round2(taxTotal);
  return {
    lineTotals,
    subTotal,
    taxTotal,
    total: inclusive ? subTotal : round2(subTotal + taxTotal),
    taxes: [...byTax].map(([tax_name, amount]) => ({ tax_name, tax_amount: round2(amount) })),
  };
}
