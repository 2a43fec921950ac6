/**
 * validateBars: per ticker of a chunk, is its data fit to simulate? One of
 *   - ok                  (`reason` null),
 *   - ok with a warning   (simulated as is; `reason` says what looks odd: stored in vecbt_results.reason with status 'ok'),
 *   - skipped             (not simulated into results; `reason` names the ticker, the first offending date, how
 *                          many bars, and how to fix it).
 *
 * Policy (docs/reliability.md):
 *   skipped   open/high/low/close NaN, zero or negative on a bar; high < low; close outside [low, high]
 *             (relative tolerance BAR_CHECKS.rangeRelTol); negative volume.
 *   warning   the ticker's data stops before the run's last date (positions are valued at the last close,
 *             as vectorbt does); a close-to-close jump beyond BAR_CHECKS.jumpRatio either way (an unadjusted
 *             split?); a missing (NULL) volume on a bar with prices (RVOL is NaN there: no entry).
 *   fine      zero volume (a halted day: RVOL's window mean may be 0, RVOL NaN, the strategy does not enter);
 *             dates without a bar (NaN in all five fields).
 * Duplicate (ticker, date) cannot reach here (the table's primary key; the CSV loader rejects them), and the
 * date index is sorted by construction.
 *
 * Layout: the chunk's column-major matrices, `a[col * nRows + row]`, on `dateIndex` (days since 2000-01-01).
 */
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { dayToIso } from './queryable';
import { BAR_CHECKS, BarFault, barFaults1d, type BarFaultCounts } from './barFaults';

export interface BarVerdict {
  status: 'ok' | 'skipped';
  /** skipped: why and how to fix; ok: a warning, or null */
  reason: string | null;
}

const FIELDS = ['open', 'high', 'low', 'close'] as const;

const more = (n: number, what = '') => (n > 1 ? ` (and ${n - 1} more bar${n > 2 ? 's' : ''}${what})` : '');
/** 12.5, 0.08: at most 4 significant digits, no trailing zeros */
const num = (x: number) => String(Number(x.toPrecision(4)));

/** The reason of a skipped ticker, or null when its bars are usable. `asClose`: fields checked as the close. */
function skipReason(ticker: string, f: BarFaultCounts, iso: (row: number) => string, asClose: ReadonlySet<string>): string | null {
  const parts: string[] = [];
  const { count, first } = f;
  if (count[BarFault.BadPrice]) {
    const what = Number.isNaN(f.badValue) ? 'is missing (NULL or NaN)' : '<= 0';
    const field = asClose.has(FIELDS[f.badField]) ? 'close' : FIELDS[f.badField];
    parts.push(`${field} ${what} on ${iso(first[BarFault.BadPrice])}${more(count[BarFault.BadPrice], ' with a price missing or <= 0')}`);
  }
  if (count[BarFault.HighBelowLow]) parts.push(`high < low on ${iso(first[BarFault.HighBelowLow])}${more(count[BarFault.HighBelowLow])}`);
  if (count[BarFault.CloseOutsideRange]) parts.push(`close outside [low, high] on ${iso(first[BarFault.CloseOutsideRange])}${more(count[BarFault.CloseOutsideRange])}`);
  if (count[BarFault.NegativeVolume]) parts.push(`volume < 0 on ${iso(first[BarFault.NegativeVolume])}${more(count[BarFault.NegativeVolume])}`);
  if (!parts.length) return null;
  return `${parts.join('; ')}; fix or delete those rows of ${ticker} in daily_market_data, or set tickers.active = false for ${ticker}`;
}

/** The warning of a simulated ticker, or null. */
function warning(f: BarFaultCounts, iso: (row: number) => string, nRows: number): string | null {
  const parts: string[] = [];
  const { count, first } = f;
  if (f.lastBar >= 0 && f.lastBar < nRows - 1) {
    const gap = nRows - 1 - f.lastBar;
    parts.push(
      `data stops on ${iso(f.lastBar)}, ${gap} date${gap > 1 ? 's' : ''} before the run's last date ${iso(nRows - 1)}: ` +
        'simulated as is, an open position valued at the last close',
    );
  }
  if (count[BarFault.PriceJump]) {
    const j = first[BarFault.PriceJump];
    const ratio = f.jumpTo / f.jumpFrom;
    parts.push(
      `close jumps x${num(ratio)} (${num(f.jumpFrom)} -> ${num(f.jumpTo)}) on ${iso(j)}${more(count[BarFault.PriceJump])}: ` +
        'an unadjusted split? load split-adjusted prices',
    );
  }
  if (count[BarFault.MissingVolume]) {
    parts.push(`volume missing on ${iso(first[BarFault.MissingVolume])}${more(count[BarFault.MissingVolume])}: no entry while it is in the RVOL window`);
  }
  return parts.length ? parts.join('; ') : null;
}

/**
 * validateBars(data, dateIndex, symbols): one verdict per column.
 * @example
 * validateBars(bars.data, run.dateIndex, ['AAA'])[0]
 * // { status: 'skipped', reason: 'close <= 0 on 2024-03-05 (and 2 more bars with a price missing or <= 0); fix or delete those rows of AAA in daily_market_data, or set tickers.active = false for AAA' }
 */
export function validateBars(
  data: OhlcvMatrix,
  dateIndex: Int32Array,
  symbols: readonly string[],
  checks: Readonly<typeof BAR_CHECKS> = BAR_CHECKS,
): BarVerdict[] {
  const { nRows, nCols } = data;
  const iso = (row: number) => dayToIso(dateIndex[row]);
  const out: BarVerdict[] = new Array(nCols);
  // A field the chunk read skipped (an empty array: the strategy does not use it) is checked as the close:
  // that passes every check the close passes, and a date without a bar stays all-NaN.
  const n = nRows * nCols;
  const asClose = new Set((['open', 'high', 'low'] as const).filter((k) => data[k].length !== n));
  const or = (a: Float64Array) => (a.length === n ? a : data.close);
  const open = or(data.open), high = or(data.high), low = or(data.low), volume = or(data.volume);
  for (let c = 0; c < nCols; c++) {
    const a = c * nRows;
    const b = a + nRows;
    const f = barFaults1d(
      open.subarray(a, b),
      high.subarray(a, b),
      low.subarray(a, b),
      data.close.subarray(a, b),
      volume.subarray(a, b),
      checks,
    );
    const skip = skipReason(symbols[c], f, iso, asClose);
    out[c] = skip ? { status: 'skipped', reason: skip } : { status: 'ok', reason: warning(f, iso, nRows) };
  }
  return out;
}
