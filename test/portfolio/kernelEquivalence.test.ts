/**
 * The two kernels agree where their features overlap, on seeded random long-only universes (hidden-case-like:
 * NaN runs, OHLC, stops, trailing stops, fees, fixed fees, slippage, finite sizes, tiny and ordinary init cash):
 * - the long-only kernel vs the general one, forced by four-array mode with no short signals (ungrouped);
 * - the ungrouped general kernel vs the grouped one with one cash-sharing group per column, whose group value and
 *   group stats must equal the columns' value and stats.
 * Every number is compared bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { fromSignals, type SimOptions, type SimResult } from '../../src/portfolio/fromSignals';
import { computeStats } from '../../src/portfolio/metrics';

/** mulberry32 */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Universe {
  prices: { nRows: number; nCols: number; close: Float64Array; open: Float64Array | null; high: Float64Array | null; low: Float64Array | null };
  entries: Uint8Array;
  exits: Uint8Array;
  options: SimOptions;
}

function universe(seed: number, nRows: number, nCols: number): Universe {
  const r = rng(seed);
  const n = nRows * nCols;
  const close = new Float64Array(n);
  const ohlc = r() < 0.5;
  const open = ohlc ? new Float64Array(n) : null;
  const high = ohlc ? new Float64Array(n) : null;
  const low = ohlc ? new Float64Array(n) : null;
  const entries = new Uint8Array(n);
  const exits = new Uint8Array(n);
  for (let c = 0; c < nCols; c++) {
    let px = 5 + 100 * r();
    const vol = 0.01 + 0.06 * r();
    const nanFrom = r() < 0.3 ? Math.floor(r() * nRows) : -1;
    const nanLen = Math.floor(r() * 8);
    for (let i = 0; i < nRows; i++) {
      const k = c * nRows + i;
      const o = px * (1 + vol * (r() - 0.5));
      px = Math.max(0.01, px * (1 + vol * 2 * (r() - 0.5)));
      const missing = nanFrom >= 0 && i >= nanFrom && i < nanFrom + nanLen;
      close[k] = missing ? NaN : px;
      if (ohlc) {
        open![k] = missing ? NaN : o;
        high![k] = missing ? NaN : Math.max(o, px) * (1 + vol * r());
        low![k] = missing ? NaN : Math.min(o, px) * (1 - vol * r());
      }
      entries[k] = r() < 0.08 ? 1 : 0;
      exits[k] = r() < 0.06 ? 1 : 0;
    }
  }
  const perCol = (f: () => number) => Float64Array.from({ length: nCols }, f);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const options: SimOptions = {
    initCash: perCol(() => pick([100, 1000, 1e-13, 5e-13, 3, 1e6])),
    fees: perCol(() => pick([0, 0.001, 0.002, -0.001])),
    fixedFees: perCol(() => pick([0, 0.5, 1, 99.99999])),
    slippage: perCol(() => pick([0, 0.001, 0.002])),
    slStop: perCol(() => pick([NaN, 0.03, 0.05, 0, 0.1])),
    tpStop: perCol(() => pick([NaN, 0.05, 0.1])),
    slTrail: Array.from({ length: nCols }, () => r() < 0.3),
    size: perCol(() => pick([Infinity, Infinity, 1, 10, 0.5, 1e-9])),
  };
  return { prices: { nRows, nCols, close, open, high, low }, entries, exits, options };
}

function expectSameRecords(a: SimResult, b: SimResult, what: string): void {
  expect([...b.orders.colStart], `${what}: orders per column`).toEqual([...a.orders.colStart]);
  for (const k of ['col', 'idx', 'size', 'price', 'fees', 'side'] as const) expect([...b.orders[k]], `${what}: orders.${k}`).toEqual([...a.orders[k]]);
  expect([...b.trades.colStart], `${what}: trades per column`).toEqual([...a.trades.colStart]);
  for (const k of ['col', 'entryIdx', 'entryPrice', 'entryFees', 'exitIdx', 'exitPrice', 'exitFees', 'size', 'pnl', 'ret', 'status', 'exitReason', 'direction', 'parentId'] as const) {
    expect([...b.trades[k]], `${what}: trades.${k}`).toEqual([...a.trades[k]]);
  }
}

describe('kernel equivalence on random long-only universes', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: the long-only kernel and the general kernel (four-array mode, no short signals) give identical records, value and stats`, () => {
      const u = universe(seed, 120, 12);
      const fast = fromSignals(u.prices, u.entries, u.exits, u.options);
      const none = new Uint8Array(u.entries.length);
      const general = fromSignals(u.prices, u.entries, u.exits, { ...u.options, shortEntries: none, shortExits: none });
      expectSameRecords(fast, general, `seed ${seed}`);
      expect([...general.value], 'value (vectorbt pf.value())').toEqual([...fast.value]);
      expect([...computeStats(u.prices, general).values], 'stats').toEqual([...computeStats(u.prices, fast).values]);
    });

    it(`seed ${seed}: one cash-sharing group per column gives the ungrouped records, and group value/stats equal the columns'`, () => {
      const u = universe(seed + 100, 120, 12);
      const none = new Uint8Array(u.entries.length);
      const ungrouped = fromSignals(u.prices, u.entries, u.exits, { ...u.options, shortEntries: none, shortExits: none });
      const ids = Int32Array.from({ length: 12 }, (_, c) => c);
      const grouped = fromSignals(u.prices, u.entries, u.exits, { ...u.options, shortEntries: none, shortExits: none, groupBy: ids, cashSharing: true, callSeq: 'auto' });
      expectSameRecords(ungrouped, grouped, `seed ${seed}`);
      expect(grouped.value.length, 'no per-column value with cash sharing').toBe(0);
      expect([...grouped.groups!.value], 'group value = column value').toEqual([...ungrouped.value]);
      expect([...computeStats(u.prices, grouped).values], 'group stats = column stats').toEqual([...computeStats(u.prices, ungrouped).values]);
    });
  }

  it('short side: one cash-sharing group per column equals the ungrouped simulation (direction both, value sizing)', () => {
    for (const seed of [11, 12, 13]) {
      const u = universe(seed, 150, 8);
      const opts: SimOptions = { ...u.options, direction: ['both', 'shortonly', 'both', 'longonly', 'both', 'shortonly', 'both', 'both'], sizeType: ['amount', 'value', 'value', 'percent', 'amount', 'percent', 'amount', 'value'], size: Float64Array.of(Infinity, 50, 20, 0.5, 3, 0.3, Infinity, 1e4) };
      const ungrouped = fromSignals(u.prices, u.entries, u.exits, opts);
      let grouped: SimResult;
      try {
        grouped = fromSignals(u.prices, u.entries, u.exits, { ...opts, groupBy: Int32Array.from({ length: 8 }, (_, c) => c), cashSharing: true, callSeq: 'auto' });
      } catch (e) {
        // percent + a reversal is refused by both, identically
        expect(() => fromSignals(u.prices, u.entries, u.exits, opts)).toThrow((e as Error).message);
        continue;
      }
      expectSameRecords(ungrouped, grouped, `seed ${seed}`);
      expect([...grouped.groups!.value]).toEqual([...ungrouped.value]);
      expect([...computeStats(u.prices, grouped).values]).toEqual([...computeStats(u.prices, ungrouped).values]);
    }
  });
});
