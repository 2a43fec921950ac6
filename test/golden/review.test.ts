/**
 * The review cases (test/golden/review/*.case.json, from a review of vecbt against vectorbt's source) through the
 * `vecbt simulate` path, with the values worked out from vectorbt's code: all-NaN close columns are flat
 * portfolios (base.py zeroes the close where shares == 0), stops of 0 / size 0 / negative fees are accepted,
 * NaN-close bars fall back to the open for low/high (numba min/max), and a single row has NaN Sharpe/Sortino.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCase } from '../../src/commands/simulate';

const DIR = join(__dirname, 'review');
const run = (name: string) => simulateCase(join(DIR, `${name}.case.json`));
const orders = (doc: Awaited<ReturnType<typeof run>>, col = 0) => doc.orders[col].map((o) => [o.idx, o.side, o.price]);
const size = 100 / 1.001 / 100; // all-cash buy at 100 with fees 0.001

describe('review cases (vectorbt 0.28.3 semantics)', () => {
  it("simulateCase('allnan_only'): value = init_cash throughout, End Value 100, returns 0 -> Sharpe/Sortino/Omega inf, Calmar NaN", async () => {
    const d = await run('allnan_only');
    expect(d.orders[0]).toEqual([]);
    expect([...d.value[0]]).toEqual([100, 100, 100, 100, 100, 100]);
    expect(d.stats[0]).toMatchObject({
      'End Value': 100, 'Total Return [%]': 0, 'Benchmark Return [%]': 0, 'Max Gross Exposure [%]': 0,
      'Sharpe Ratio': Infinity, 'Sortino Ratio': Infinity, 'Omega Ratio': Infinity,
    });
    expect(d.stats[0]['Calmar Ratio']).toBeNaN();
    expect(d.stats[0]['Max Drawdown [%]']).toBeNaN();
  });

  it("simulateCase('allnan'): the all-NaN column C1 is flat at 100 and enters stats_mean as 0 return / inf ratios", async () => {
    const d = await run('allnan');
    expect([...d.value[1]]).toEqual(new Array(10).fill(100));
    expect(d.stats_mean['End Value']).toBe(((d.stats[0]['End Value'] as number) + 100) / 2);
    expect(d.stats_mean['Max Gross Exposure [%]'], 'mean of 100 and 0').toBe(50);
    expect(d.stats_mean['Sharpe Ratio'], 'one inf makes the pandas mean inf').toBe(Infinity);
    expect(d.stats_mean['Max Drawdown [%]'], 'C1 has no drawdown: NaN skipped').toBe(d.stats[0]['Max Drawdown [%]']);
  });

  it("simulateCase('sl0_min'): sl_stop 0 sells at the entry close level on the next bar (close 100 <= 100)", async () => {
    expect(orders(await run('sl0_min'))).toEqual([[0, 'buy', 100], [1, 'sell', 100]]);
  });

  it("simulateCase('tp0'): tp_stop 0 takes profit at the first close >= the entry close 101 (102 at row 4)", async () => {
    expect(orders(await run('tp0'))).toEqual([[1, 'buy', 101], [4, 'sell', 102]]);
  });

  it("simulateCase('size0'): size 0 places no order; the value stays 100", async () => {
    const d = await run('size0');
    expect(d.orders[0]).toEqual([]);
    expect(d.trades[0]).toEqual([]);
    expect([...d.value[0]]).toEqual(new Array(10).fill(100));
  });

  it("simulateCase('negfee'): fees -0.001 buy 100 / 0.999 / 101 shares with a rebate of 100 - 100 / 0.999", async () => {
    const d = await run('negfee');
    expect(d.orders[0][0]).toEqual({ idx: 1, size: 100 / (1 - 0.001) / 101, price: 101, fees: 100 - 100 / (1 - 0.001), side: 'buy' });
    expect(d.stats[0]['Total Fees Paid'] as number).toBeLessThan(0);
  });

  it("simulateCase('sl_nanclose_lowonly'): close NaN, open 100, low 95 -> high = open 100, the SL fires at 97", async () => {
    const d = await run('sl_nanclose_lowonly');
    expect(d.orders[0][1]).toEqual({ idx: 2, size, price: 100 * (1 - 0.03), fees: size * 100 * (1 - 0.03) * 0.001, side: 'sell' });
  });

  it("simulateCase('tp_nanclose_highonly'): close NaN, open 101, high 106 -> low = open 101, the TP fires at 105", async () => {
    expect(orders(await run('tp_nanclose_highonly'))).toEqual([[0, 'buy', 100], [2, 'sell', 100 * (1 + 0.05)]]);
  });

  it("simulateCase('trail_nanclose_open'): the trailing peak moves to the open 110 on the NaN-close bar, the close 106 <= 106.7 exits", async () => {
    expect(orders(await run('trail_nanclose_open'))).toEqual([[1, 'buy', 100], [3, 'sell', 106]]);
  });

  it("simulateCase('onerow_sortino'): one row -> Sharpe and Sortino NaN, Omega 0, Calmar NaN", async () => {
    const s = (await run('onerow_sortino')).stats[0];
    expect(s['Sharpe Ratio']).toBeNaN();
    expect(s['Sortino Ratio']).toBeNaN();
    expect(s['Calmar Ratio']).toBeNaN();
    expect(s['Omega Ratio']).toBe(0);
  });
});
