/**
 * validateBars / barFaults1d on small hand-made columns: each bad-bar case gets its exact verdict.
 */
import { describe, expect, it } from 'vitest';
import { validateBars } from '../../src/data/validateBars';
import { BarFault, barFaults1d } from '../../src/data/barFaults';
import { isoToDay } from '../../src/data/queryable';
import type { OhlcvMatrix } from '../../src/kernels/ohlcvMatrix';

const DATES = ['2024-03-01', '2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08'];
const dateIndex = Int32Array.from(DATES, isoToDay);
type Bar = [number, number, number, number, number] | null; // o, h, l, c, v; null = no bar that day
const GOOD: Bar = [10, 11, 9, 10.5, 1000];

/** One column per ticker, bars on DATES (null = no row). */
function matrix(cols: Bar[][]): OhlcvMatrix {
  const nRows = DATES.length;
  const nCols = cols.length;
  const m = { nRows, nCols, open: new Float64Array(nRows * nCols).fill(NaN), high: new Float64Array(nRows * nCols).fill(NaN), low: new Float64Array(nRows * nCols).fill(NaN), close: new Float64Array(nRows * nCols).fill(NaN), volume: new Float64Array(nRows * nCols).fill(NaN) };
  cols.forEach((bars, c) =>
    bars.forEach((b, r) => {
      if (!b) return;
      [m.open, m.high, m.low, m.close, m.volume].forEach((a, k) => (a[c * nRows + r] = b[k]));
    }),
  );
  return m;
}
const column = (patch: Record<number, Bar>): Bar[] => DATES.map((_, r) => (r in patch ? patch[r] : GOOD));
const verdict = (patch: Record<number, Bar>, ticker = 'AAA') => validateBars(matrix([column(patch)]), dateIndex, [ticker])[0];
const FIX = (t: string) => `; fix or delete those rows of ${t} in daily_market_data, or set tickers.active = false for ${t}`;

describe('validateBars: infinite values (issue 17: ok with a NULL drawdown before)', () => {
  it('validateBars(close +Infinity on 03-05 and 03-07) is skipped naming the field, the sign, the first date and the count', () => {
    expect(verdict({ 2: [10, 11, 9, Infinity, 1000], 4: [10, 11, 9, Infinity, 1000] })).toEqual({
      status: 'skipped',
      reason: 'close is +Infinity on 2024-03-05 (and 1 more bar with an infinite value)' + FIX('AAA'),
    });
  });
  it('validateBars(volume +Infinity) is skipped: an infinite volume makes RVOL meaningless', () => {
    expect(verdict({ 3: [10, 11, 9, 10.5, Infinity] })).toEqual({ status: 'skipped', reason: 'volume is +Infinity on 2024-03-06' + FIX('AAA') });
  });
  it('validateBars(open -Infinity, and a high < low elsewhere) names only the infinite value: what else it trips is noise', () => {
    expect(verdict({ 1: [-Infinity, 11, 9, 10.5, 1000], 3: [10, 9, 11, 10, 1000] })).toEqual({
      status: 'skipped',
      reason: 'open is -Infinity on 2024-03-04' + FIX('AAA'),
    });
  });
  it('validateBars(high +Infinity with a good neighbour column) skips only that ticker', () => {
    const v = validateBars(matrix([column({ 5: [10, Infinity, 9, 10.5, 1000] }), column({})]), dateIndex, ['INF', 'OK']);
    expect(v).toEqual([
      { status: 'skipped', reason: 'high is +Infinity on 2024-03-08' + FIX('INF') },
      { status: 'ok', reason: null },
    ]);
  });
});

describe('validateBars: skipped', () => {
  it('validateBars(close 0 on 03-05, close -1 on 03-07, open NaN on 03-08) is skipped naming the first date and the count', () => {
    expect(verdict({ 2: [10, 11, 9, 0, 1000], 4: [10, 11, 9, -1, 1000], 5: [NaN, 11, 9, 10, 1000] })).toEqual({
      status: 'skipped',
      reason: 'close <= 0 on 2024-03-05 (and 2 more bars with a price missing or <= 0)' + FIX('AAA'),
    });
  });
  it('validateBars(a NULL high on a bar) is skipped: high is missing', () => {
    expect(verdict({ 1: [10, NaN, 9, 10, 1000] })).toEqual({ status: 'skipped', reason: 'high is missing (NULL or NaN) on 2024-03-04' + FIX('AAA') });
  });
  it('validateBars(a bar with every price NULL but a volume) is skipped: open is missing', () => {
    expect(verdict({ 3: [NaN, NaN, NaN, NaN, 5] }).reason).toBe('open is missing (NULL or NaN) on 2024-03-06' + FIX('AAA'));
  });
  it('validateBars(high < low) is skipped', () => {
    expect(verdict({ 3: [10, 9, 11, 10, 1000], 4: [10, 9, 11, 10, 1000] })).toEqual({ status: 'skipped', reason: 'high < low on 2024-03-06 (and 1 more bar)' + FIX('AAA') });
  });
  it('validateBars(close above high, close below low) is skipped as close outside [low, high]', () => {
    expect(verdict({ 1: [10, 11, 9, 11.5, 1000], 2: [10, 11, 9, 8.9, 1000] })).toEqual({
      status: 'skipped',
      reason: 'close outside [low, high] on 2024-03-04 (and 1 more bar)' + FIX('AAA'),
    });
  });
  it('validateBars(close above high by 1e-7 relative) is ok: within the rounding tolerance', () => {
    expect(verdict({ 1: [10, 11, 9, 11 * (1 + 1e-7), 1000] })).toEqual({ status: 'ok', reason: null });
  });
  it('validateBars(negative volume) is skipped', () => {
    expect(verdict({ 5: [10, 11, 9, 10.5, -3] })).toEqual({ status: 'skipped', reason: 'volume < 0 on 2024-03-08' + FIX('AAA') });
  });
  it('validateBars(two kinds of fault) lists both, one fix', () => {
    expect(verdict({ 0: [10, 9, 11, 10, 1000], 5: [10, 11, 9, 10.5, -3] }).reason).toBe('high < low on 2024-03-01; volume < 0 on 2024-03-08' + FIX('AAA'));
  });
  it("validateBars names a hostile ticker verbatim", () => {
    expect(verdict({ 5: [10, 11, 9, 10.5, -3] }, "O'Reilly").reason).toBe('volume < 0 on 2024-03-08' + FIX("O'Reilly"));
  });
});

describe('validateBars: ok, with or without a warning', () => {
  it('validateBars(clean bars) is ok with no reason', () => {
    expect(verdict({})).toEqual({ status: 'ok', reason: null });
  });
  it('validateBars(zero volume: a halted day) is ok with no reason', () => {
    expect(verdict({ 2: [10, 11, 9, 10.5, 0], 3: [10, 11, 9, 10.5, 0] })).toEqual({ status: 'ok', reason: null });
  });
  it('validateBars(no bar on some dates, the last one present) is ok with no reason', () => {
    expect(verdict({ 0: null, 2: null })).toEqual({ status: 'ok', reason: null });
  });
  it('validateBars(data stopping 2 dates before the end) is ok with a warning', () => {
    expect(verdict({ 4: null, 5: null })).toEqual({
      status: 'ok',
      reason: "data stops on 2024-03-06, 2 dates before the run's last date 2024-03-08: simulated as is, an open position valued at the last close",
    });
  });
  it('validateBars(a x12 close jump, then /12 back) is ok with a split warning', () => {
    expect(verdict({ 3: [120, 130, 110, 126, 1000] })).toEqual({
      status: 'ok',
      reason: 'close jumps x12 (10.5 -> 126) on 2024-03-06 (and 1 more bar): an unadjusted split? load split-adjusted prices',
    });
  });
  it('validateBars(a x9.9 close move) is ok with no reason: below the x10 threshold', () => {
    const c = 10.5 * 9.9;
    expect(verdict({ 3: [c, c, c, c, 1000], 4: [c, c, c, c, 1000], 5: [c, c, c, c, 1000] })).toEqual({ status: 'ok', reason: null });
  });
  it('validateBars(a NULL volume on a bar with prices) is ok with a warning', () => {
    expect(verdict({ 1: [10, 11, 9, 10.5, NaN] })).toEqual({ status: 'ok', reason: 'volume missing on 2024-03-04: no entry while it is in the RVOL window' });
  });
  it('validateBars(a stop and a jump) joins both warnings', () => {
    expect(verdict({ 1: [1, 1.1, 0.9, 1, 1000], 5: null }).reason).toBe(
      "data stops on 2024-03-07, 1 date before the run's last date 2024-03-08: simulated as is, an open position valued at the last close; " +
        'close jumps x0.09524 (10.5 -> 1) on 2024-03-04 (and 1 more bar): an unadjusted split? load split-adjusted prices',
    );
  });
  it('validateBars(a ticker with no bar at all) is ok with no reason (the warm-up check skips it)', () => {
    expect(verdict({ 0: null, 1: null, 2: null, 3: null, 4: null, 5: null })).toEqual({ status: 'ok', reason: null });
  });
  it('validateBars(3 columns) judges each column on its own', () => {
    const m = matrix([column({}), column({ 2: [10, 11, 9, 0, 1] }), column({ 5: null })]);
    expect(validateBars(m, dateIndex, ['A', 'B', 'C']).map((v) => v.status)).toEqual(['ok', 'skipped', 'ok']);
  });
  it('validateBars(0 columns) is []', () => {
    expect(validateBars(matrix([]), dateIndex, [])).toEqual([]);
  });
});

describe('barFaults1d', () => {
  const col = (bars: Bar[]) => {
    const m = matrix([bars]);
    return barFaults1d(m.open, m.high, m.low, m.close, m.volume);
  };
  it('barFaults1d(empty columns) has no bar and no fault', () => {
    const e = new Float64Array(0);
    const f = barFaults1d(e, e, e, e, e);
    expect([f.bars, f.firstBar, f.lastBar, [...f.count]]).toEqual([0, -1, -1, [0, 0, 0, 0, 0, 0]]);
  });
  it('barFaults1d counts bars, first/last bar rows, and the first row of each fault', () => {
    const f = col([null, GOOD, [10, 11, 9, 0, 1], [10, 11, 9, 10.5, -1], GOOD, null]);
    expect(f.bars).toBe(4);
    expect([f.firstBar, f.lastBar]).toEqual([1, 4]);
    expect(f.count[BarFault.BadPrice]).toBe(1);
    expect(f.first[BarFault.BadPrice]).toBe(2);
    expect([f.badField, f.badValue]).toEqual([3, 0]);
    expect(f.first[BarFault.NegativeVolume]).toBe(3);
  });
  it('barFaults1d compares a jump with the previous valid close, skipping a bad bar between', () => {
    const f = col([GOOD, [10, 11, 9, 0, 1], [200, 220, 190, 210, 1], null, null, null]);
    expect([f.count[BarFault.PriceJump], f.first[BarFault.PriceJump], f.jumpFrom, f.jumpTo]).toEqual([1, 2, 10.5, 210]);
  });
});
