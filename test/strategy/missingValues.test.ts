/**
 * `vecbt strategy` on a CSV with missing values, read as NaN like pandas `read_csv`: the indicators follow the
 * seed's pandas / TA-Lib code (a NaN in the RVOL window makes RVOL NaN; a NaN high poisons TA-Lib's ATR recursion),
 * and a NaN close is a NaN bar for the simulation (signals there are dropped, the value carries the last close).
 *
 * Every ticker has flat bars (open 10, high 11, low 9, close 10, volume 100: TR 2, ATR 2, ATR% 20 > 8) over 32
 * dates and a volume spike of 300 at row 22 (RVOL 3 > 2), so a clean ticker enters at 22 and exits at 29.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStrategyCase, strategyCaseJson } from '../../src/commands/strategy';

const R = 32;
const dates = Array.from({ length: R }, (_, i) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10));

/** CSV rows of one ticker; `edit(row, fields)` may blank fields (fields = [open, high, low, close, volume]). */
function ticker(name: string, edit: (row: number, f: string[]) => void = () => {}): string[] {
  return dates.map((d, i) => {
    const f = ['10', '11', '9', '10', i === 22 ? '300' : '100'];
    edit(i, f);
    return [name, d, ...f].join(',');
  });
}

function writeCase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecbt-missing-'));
  const rows = [
    // RVOLNAN: empty volume at row 5 -> RVOL NaN while row 5 is in the 20-bar window (rows 20..25): no entry at 22.
    ...ticker('RVOLNAN', (i, f) => i === 5 && (f[4] = '')),
    // NANCLOSE: close "nan" at row 24 (after the entry at 22): a NaN bar, the position is held to the exit at 29.
    ...ticker('NANCLOSE', (i, f) => i === 24 && (f[3] = 'nan')),
    // HIGHNAN: high "NaN" at row 10 -> TR NaN there -> TA-Lib's ATR (seeded at row 14 with it) NaN from then on.
    ...ticker('HIGHNAN', (i, f) => i === 10 && (f[1] = 'NaN')),
  ];
  writeFileSync(join(dir, 'm.ohlcv.csv'), ['ticker,date,open,high,low,close,volume', ...rows].join('\n') + '\n');
  const strategy = { rvol_window: 20, rvol_min: 2.0, atr_window: 14, atr_pct_min: 8.0, hold_bars: 7, sl_stop: 0.03, fees: 0.001, init_cash: 100, freq: '1D' };
  const file = join(dir, 'm.strategy.json');
  writeFileSync(file, JSON.stringify({ schema: 'vecbt-strategy-case/1', name: 'm', description: '', data: 'm.ohlcv.csv', strategy }));
  return file;
}

describe('vecbt strategy with missing CSV values (pandas NaN)', () => {
  const file = writeCase();

  it('runStrategyCase(empty volume at row 5): RVOL is NaN while the window holds it (pandas rolling mean), so the spike at 22 does not enter', async () => {
    const { columns, result } = await runStrategyCase(file);
    const c = columns.indexOf('RVOLNAN');
    const rvol = Array.from(result.indicators.rvol.subarray(c * R, (c + 1) * R));
    expect(rvol.slice(0, 26).every((x) => Number.isNaN(x)), 'rows 0..19 have no full window, 20..25 hold row 5').toBe(true);
    expect(rvol[26], 'window rows 6..25 holds the spike: mean (19 * 100 + 300) / 20 = 110').toBe(100 / 110);
    expect(result.sim.orders.colStart[c + 1] - result.sim.orders.colStart[c], 'no entry').toBe(0);
  });

  it('runStrategyCase(close "nan" at row 24): a NaN bar inside the trade 22 -> 29; the value carries the close 10', async () => {
    const { columns, result } = await runStrategyCase(file);
    const c = columns.indexOf('NANCLOSE');
    const o = result.sim.orders;
    const k = o.colStart[c];
    const size = 100 / 1.001 / 10;
    expect([o.colStart[c + 1] - k, o.idx[k], o.idx[k + 1]], 'buy at the spike, sell at entries.shift(7)').toEqual([2, 22, 29]);
    expect([o.size[k], o.price[k], o.fees[k]]).toEqual([size, 10, 100 - 100 / 1.001]);
    expect([o.size[k + 1], o.price[k + 1], o.fees[k + 1]]).toEqual([size, 10, size * 10 * 0.001]);
    expect(result.sim.value[c * R + 24], 'NaN close: value = position * last close (ffill)').toBe(size * 10);
    const atrPct = result.indicators.atr_pct.subarray(c * R, (c + 1) * R);
    expect(atrPct[22]).toBe(20);
    expect(atrPct[24], '100 * ATR / NaN close').toBeNaN();
  });

  it('runStrategyCase(high "NaN" at row 10): TA-Lib ATR propagates the NaN true range, ATR% is NaN throughout, no entry', async () => {
    const { columns, result } = await runStrategyCase(file);
    const c = columns.indexOf('HIGHNAN');
    expect(Array.from(result.indicators.atr_pct.subarray(c * R, (c + 1) * R)).every((x) => Number.isNaN(x))).toBe(true);
    expect(result.indicators.rvol[c * R + 22], 'RVOL is unaffected').toBe(3);
    expect(result.sim.orders.colStart[c + 1] - result.sim.orders.colStart[c]).toBe(0);
  });

  it('strategyCaseJson(case with missing values) prints exactly the strategy expected-file keys', async () => {
    const doc = JSON.parse(await strategyCaseJson(file));
    expect(Object.keys(doc)).toEqual(['schema', 'vectorbt_version', 'orders', 'trades', 'value', 'stats', 'stats_mean', 'index', 'columns', 'entries_count', 'indicators']);
    expect(doc.columns).toEqual(['HIGHNAN', 'NANCLOSE', 'RVOLNAN']);
    expect(doc.entries_count).toEqual([0, 1, 0]);
  });

  // Known divergence, outside this module (src/indicators/trueRange.ts): TA-Lib's TRANGE takes the greatest of
  // high - low, |close[t-1] - high|, |close[t-1] - low| with `if (val > greatest)`, so a NaN previous close leaves
  // high - low (2 here) and the ATR goes on; Math.max makes it NaN and the ATR stays NaN for the rest of the series.
  it('atr_pct after a NaN close continues like TA-Lib (TR = high - low when the previous close is NaN)', async () => {
    const { columns, result } = await runStrategyCase(file);
    const c = columns.indexOf('NANCLOSE');
    expect(result.indicators.atr_pct[c * R + 25], 'TA-Lib: TR[25] = 11 - 9 = 2, ATR 2, ATR% 20').toBe(20);
  });
});
