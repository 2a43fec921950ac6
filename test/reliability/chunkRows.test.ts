/**
 * chunkRows(..., data): with the chunk's bars, a ticker with bad bars becomes a skipped row (reason, no stats,
 * no trades, listed in `skipped`), a ticker with odd bars keeps its numbers and gets the warning as reason,
 * and every other ticker's rows are exactly what chunkRows gives without the bars.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readOhlcvCsv } from '../../src/data/csv';
import { pivotOhlcv, type OhlcvMatrix } from '../../src/data/pivot';
import { isoToDay } from '../../src/data/queryable';
import { chunkRows, skipVerdicts } from '../../src/batch';
import { runStrategy } from '../../src/strategy';
import { strategies } from '../../src/strategies';

let index: string[];
let columns: string[];
let data: OhlcvMatrix;
const BAD = 3;
const STOPS = 5;

beforeAll(async () => {
  const p = pivotOhlcv(await readOhlcvCsv('data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv'));
  ({ index, columns, data } = p);
  const n = data.nRows;
  data.close[BAD * n + 100] = 0; // a zero close
  for (let r = 250; r < n; r++) for (const f of [data.open, data.high, data.low, data.close, data.volume]) f[STOPS * n + r] = NaN; // delisted
});

function rows(withBars: boolean) {
  const r = runStrategy(data, strategies.rvol_atr);
  const dateIndex = Int32Array.from(index, isoToDay);
  const barsPerCol = Int32Array.from(columns, (_, c) => data.close.subarray(c * data.nRows, (c + 1) * data.nRows).filter((x) => !Number.isNaN(x)).length);
  const verdicts = skipVerdicts(columns, dateIndex, barsPerCol, 21, { from: index[0], to: index[index.length - 1] }, withBars ? data : undefined);
  return { out: chunkRows(columns, dateIndex, barsPerCol, [{ comboNo: 0, stats: r.stats, sim: r.sim, extras: r.extras, verdicts }]), r };
}

describe('chunkRows with the chunk bars', () => {
  it('chunkRows(..., data) skips the bad ticker with the validator reason and drops its trades', () => {
    const { out, r } = rows(true);
    const t = columns[BAD];
    const reason = `close <= 0 on ${index[100]}; fix or delete those rows of ${t} in daily_market_data, or set tickers.active = false for ${t}`;
    expect(out.skipped).toEqual([{ ticker: t, reason }]);
    expect([out.results.status[BAD], out.results.reason[BAD], out.results.total_return_pct[BAD]]).toEqual(['skipped', reason, null]);
    expect(out.trades.ticker.includes(t), 'no trades of the skipped ticker').toBe(false);
    let engineTrades = 0;
    for (let i = 0; i < r.sim.trades.length; i++) if (r.sim.trades.col[i] === BAD) engineTrades++;
    expect(engineTrades, 'the engine did trade it').toBeGreaterThan(0);
    expect(out.tradeCount).toBe(r.sim.trades.length - engineTrades);
  });

  it('chunkRows(..., data) keeps the numbers of a ticker whose data stops, with the warning as reason', () => {
    const a = rows(true).out.results;
    const b = rows(false).out.results;
    expect([a.status[STOPS], a.reason[STOPS]]).toEqual([
      'ok',
      `data stops on ${index[249]}, 50 dates before the run's last date ${index[299]}: simulated as is, an open position valued at the last close`,
    ]);
    expect(a.total_return_pct[STOPS]).toBe(b.total_return_pct[STOPS]);
    expect(b.reason[STOPS], 'no bars, no validation').toBeNull();
  });

  it("chunkRows(..., data) leaves every other ticker's rows and trades as chunkRows without the bars", () => {
    const a = rows(true).out;
    const b = rows(false).out;
    for (const [k, col] of Object.entries(a.results)) {
      const other = (b.results as Record<string, unknown[]>)[k];
      columns.forEach((_, c) => {
        if (c !== BAD && c !== STOPS) expect(col[c], `${columns[c]} ${k}`).toEqual(other[c]);
      });
    }
    const keep = (i: number) => b.trades.ticker[i] !== columns[BAD];
    for (const [k, col] of Object.entries(a.trades)) expect(col, k).toEqual((b.trades as Record<string, unknown[]>)[k].filter((_, i) => keep(i)));
  });
});
