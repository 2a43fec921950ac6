/**
 * validateBars: per ticker of a chunk, is its data fit to simulate? One of
 *   - ok                  (`reason` null),
 *   - ok with a warning   (simulated as is; `reason` says what looks odd: stored in vecbt_results.reason with status 'ok'),
 *   - skipped             (not simulated into results; `reason` names the ticker, the first offending date, how
 *                          many bars, and how to fix it).
 *
 * Policy (docs/reliability.md):
 *   skipped   +-Infinity in any of the five fields (float8 holds it; nothing computed from it means anything,
 *             and the reason names it alone: the other checks' view of an infinite bar is noise);
 *             open/high/low/close NaN, zero or negative on a bar; high < low; close outside [low, high]
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
const OHLCV = ['open', 'high', 'low', 'close', 'volume'] as const;

interface Infinities {
  /** bars with an infinite value in any field */
  count: number;
  /** the first such bar: its row, field (index into OHLCV) and value */
  row: number;
  field: number;
  value: number;
}

/**
 * Bars of one column holding +-Infinity in the fields `scan` (indices into OHLCV; a second, cheap pass: the fault
 * kernel treats Infinity as a price).
 */
function infinities1d(cols: readonly Float64Array[], scan: readonly number[]): Infinities {
  const out: Infinities = { count: 0, row: -1, field: -1, value: NaN };
  const n = cols[0].length;
  for (let i = 0; i < n; i++) {
    for (const k of scan) {
      const x = cols[k][i];
      if (x === Infinity || x === -Infinity) {
        if (out.count++ === 0) {
          out.row = i;
          out.field = k;
          out.value = x;
        }
        break;
      }
    }
  }
  return out;
}

const more = (n: number, what = '') => (n > 1 ? ` (and ${n - 1} more bar${n > 2 ? 's' : ''}${what})` : '');
/** 12.5, 0.08: at most 4 significant digits, no trailing zeros */
const num = (x: number) => String(Number(x.toPrecision(4)));

const fix = (ticker: string) => `fix or delete those rows of ${ticker} in daily_market_data, or set tickers.active = false for ${ticker}`;

/**
 * The reason of a skipped ticker, or null when its bars are usable. `asClose`: fields the run does not read,
 * checked as the close (a fault found there is the close's).
 */
function skipReason(ticker: string, f: BarFaultCounts, inf: Infinities, iso: (row: number) => string, asClose: ReadonlySet<string>): string | null {
  if (inf.count) {
    const sign = inf.value > 0 ? '+' : '-';
    return `${OHLCV[inf.field]} is ${sign}Infinity on ${iso(inf.row)}${more(inf.count, ' with an infinite value')}; ${fix(ticker)}`;
  }
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
  return `${parts.join('; ')}; ${fix(ticker)}`;
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
  // The fields read (a field checked as the close would only repeat the close's infinity under its own name).
  const scan = OHLCV.map((f, k) => (data[f].length === n ? k : -1)).filter((k) => k >= 0);
  const open = or(data.open), high = or(data.high), low = or(data.low), volume = or(data.volume);
  for (let c = 0; c < nCols; c++) {
    const a = c * nRows;
    const b = a + nRows;
    const cols = [open, high, low, data.close, volume].map((x) => x.subarray(a, b));
    const f = barFaults1d(cols[0], cols[1], cols[2], cols[3], cols[4], checks);
    const skip = skipReason(symbols[c], f, infinities1d(cols, scan), iso, asClose);
    out[c] = skip ? { status: 'skipped', reason: skip } : { status: 'ok', reason: warning(f, iso, nRows) };
  }
  return out;
}
