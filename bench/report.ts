/**
 * How a bench reports: it prints its own table for a person, and hands each headline figure to
 * `recordFigure`, which the runner (bench/run.ts) collects into one table and bench/results.md.
 * Run alone, a bench just prints; the runner sets BENCH_FIGURES to the file figures go to.
 */
import { appendFileSync } from 'node:fs';

/** One headline figure of a bench. */
export interface Figure {
  /** What was measured, e.g. `client / bare fetch (HTTP)`. */
  label: string;
  /** The number (or a short text when a number says nothing, e.g. `0 of 1,000`). */
  value: number | string;
  /** `ms`, `records/s`, `×`, `s`... */
  unit?: string;
  /** Digits after the point when `value` is a number. Default: 0, or 2 below 10. */
  digits?: number;
}

/** Formats a number for a table: thousands separators, `digits` after the point. */
export function formatNumber(value: number, digits = Math.abs(value) < 10 && !Number.isInteger(value) ? 2 : 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A figure as the runner's table shows it. */
export function formatFigure(figure: Figure): string {
  const value = typeof figure.value === 'number' ? formatNumber(figure.value, figure.digits) : figure.value;
  return figure.unit ? `${value} ${figure.unit}` : value;
}

/** Records a headline figure for the runner (a no-op when the bench runs alone). */
export function recordFigure(figure: Figure): void {
  const file = process.env.BENCH_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify(figure)}\n`);
}

/** A plain-text table: the header, a rule, the rows; columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The median of some timings (benches repeat a measurement and report its median). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
