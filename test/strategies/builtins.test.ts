/**
 * The built-in strategies as a library: the registry, each one's contract exactly as the golden README's table
 * (parameter names and defaults, indicator names), the fields it reads, its warm-up against the golden data, the
 * look-ahead check on every golden case, and the kernels a user's strategy file imports from 'vecbt'.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strategyView } from '../../src/batch/runChunk';
import { readOhlcvCsv } from '../../src/data/csv';
import { pivotOhlcv } from '../../src/data/pivot';
import { shift } from '../../src/kernels/shift';
import { getStrategy, strategies } from '../../src/strategies';
import { checkLookahead } from '../../src/strategy/checkLookahead';
import { defineStrategy, type Strategy } from '../../src/strategy/defineStrategy';
import { strategyFromSource } from '../../src/strategy/loadStrategyFile';
import { defaultsOf } from '../../src/strategy/paramSpec';
import { resolveSettings } from '../../src/strategy/resolveSettings';
import { strategySignals } from '../../src/strategy/runStrategy';
import { parseStrategyCase } from '../../src/strategy/strategyCase';
import { matrix } from './matrix';

const V2 = join(__dirname, '../../data-fixtures/golden/strategies');
const CASES = readdirSync(V2).filter((f) => f.endsWith('.strategy.json')).sort();

/** The golden README's strategy table: parameters with their defaults, and the indicator names. */
const TABLE: Record<string, { params: Record<string, number | boolean>; indicators: string[]; fields: string[] }> = {
  ma_cross: { params: { fast_window: 10, slow_window: 50, ewm: false }, indicators: ['fast_ma', 'slow_ma'], fields: ['close'] },
  rsi_reversion: { params: { window: 14, lower: 30, upper: 70 }, indicators: ['rsi'], fields: ['close'] },
  bb_breakout: { params: { window: 20, alpha: 2 }, indicators: ['upper', 'middle', 'lower'], fields: ['close'] },
  macd_cross: { params: { fast_window: 12, slow_window: 26, signal_window: 9, macd_ewm: false, signal_ewm: false }, indicators: ['macd', 'signal'], fields: ['close'] },
  donchian_breakout: { params: { entry_window: 20, exit_window: 10 }, indicators: ['upper', 'lower'], fields: ['high', 'low', 'close'] },
};

async function loadCase(file: string) {
  const path = join(V2, file);
  const c = parseStrategyCase(JSON.parse(readFileSync(path, 'utf8')), path);
  const strategy = getStrategy(c.strategyRef);
  const { params } = resolveSettings(strategy, c.settings);
  const { data } = pivotOhlcv(await readOhlcvCsv(c.dataPath, { missing: 'nan' }));
  return { strategy, params, data };
}

describe('the built-in strategies', () => {
  it('strategies lists rvol_atr and the five vectorbt-indicator strategies', () => {
    expect(Object.keys(strategies)).toEqual(['rvol_atr', 'ma_cross', 'rsi_reversion', 'bb_breakout', 'macd_cross', 'donchian_breakout']);
  });

  for (const [name, want] of Object.entries(TABLE)) {
    describe(name, () => {
      const s = getStrategy(name) as unknown as Strategy;
      it(`getStrategy('${name}') has the README's parameters and defaults, each with a one-line doc`, () => {
        expect(s.name).toBe(name);
        expect(s.description.length, 'a description for --help').toBeGreaterThan(20);
        expect(defaultsOf(s.params)).toEqual(want.params);
        expect(Object.keys(s.params), 'in the README order').toEqual(Object.keys(want.params));
        for (const [p, spec] of Object.entries(s.params)) expect(spec.doc, `${p}: one line`).toMatch(/^[^\n]{10,}$/);
      });
      it(`${name} declares the fields ${want.fields.join(', ')} and reads no other`, () => {
        expect([...s.fields]).toEqual(want.fields);
        const n = 40;
        const walk = Array.from({ length: n }, (_, i) => 10 + Math.sin(i / 3) * 3 + i / 10);
        const full = matrix(n, 1, { open: walk, high: walk.map((x) => x + 1), low: walk.map((x) => x - 1), close: walk, volume: walk.map(() => 1000) });
        // The chunk read skips undeclared fields; the batch's view throws on reading one.
        const read = { ...full, ...Object.fromEntries((['open', 'high', 'low', 'close', 'volume'] as const).filter((f) => !s.fields.includes(f)).map((f) => [f, new Float64Array(0)])) };
        const small = { fast_window: 2, slow_window: 5, signal_window: 3, window: 5, entry_window: 5, exit_window: 3 };
        const params = resolveSettings(s, Object.fromEntries(Object.entries(small).filter(([k]) => k in s.params))).params;
        const { indicators } = strategySignals(s, strategyView(read, name), params);
        expect(Object.keys(indicators), "the README's indicator names").toEqual(want.indicators);
      });
    });
  }

  describe.each(CASES)('on the golden case %s', (file) => {
    it('no signal before the strategy\'s warm-up: warmup(p) <= bars from the first valid close to the first entry', async () => {
      const { strategy, params, data } = await loadCase(file);
      const { signals } = strategySignals(strategy, data, params);
      const warm = strategy.warmup(params as never);
      for (let c = 0; c < data.nCols; c++) {
        const base = c * data.nRows;
        let f = 0;
        while (f < data.nRows && data.close[base + f] !== data.close[base + f]) f++;
        let e = f;
        while (e < data.nRows && !signals.entries[base + e]) e++;
        if (e < data.nRows) expect(e - f + 1, `column ${c}: first entry on bar ${e - f + 1} of the listing`).toBeGreaterThanOrEqual(warm);
      }
    });
    it('checkLookahead(data, strategy, params) finds nothing: no output changes when later bars are removed', async () => {
      const { strategy, params, data } = await loadCase(file);
      const report = checkLookahead(data, strategy, params as never, { cuts: 12 });
      expect(report.findings, `${strategy.name} reads no future bar`).toEqual([]);
      expect(report.count).toBe(0);
    });
  });

  it('checkLookahead catches a strategy that peeks at the next close with a backward shift (shift(-1))', async () => {
    const { data } = await loadCase('ma_cross_synth_s32.strategy.json');
    const peek = defineStrategy({
      name: 'peek_next_close',
      description: 'enters when tomorrow closes higher (biased on purpose)',
      fields: ['close'],
      params: {},
      warmup: () => 2,
      indicators: (d) => ({ next_close: shift(d.close, d.nRows, d.nCols, -1, NaN) }),
      signals: (d, ind) => {
        const entries = new Uint8Array(d.close.length);
        for (let i = 0; i < entries.length; i++) entries[i] = Number(ind.next_close[i] > d.close[i]);
        return { entries, exits: new Uint8Array(d.close.length) };
      },
    });
    const report = checkLookahead(data, peek, {}, { cuts: 5 });
    expect(report.count, 'the last kept row of every cut changes').toBeGreaterThan(0);
    expect(report.findings[0].row, 'the finding is at the cut row: it read the bar after it').toBe(report.findings[0].cut);
  });

  it("a strategy file imports the kernels and indicators from 'vecbt' (a Donchian breakout on its own)", async () => {
    const source = `
      import { defineStrategy, rollingMax, rollingMin, fshift, greaterThan, lessThan } from 'vecbt';
      export default defineStrategy({
        name: 'my_breakout', description: 'close above the previous highest high', fields: ['high', 'low', 'close'],
        params: { window: { type: 'integer', default: 20, min: 1, doc: 'lookback bars' } },
        warmup: (p) => p.window + 1,
        indicators: (d, p) => ({
          upper: fshift(rollingMax(d.high, d.nRows, d.nCols, p.window), d.nRows, d.nCols),
          lower: fshift(rollingMin(d.low, d.nRows, d.nCols, p.window), d.nRows, d.nCols),
        }),
        signals: (d, ind) => ({ entries: greaterThan(d.close, ind.upper), exits: lessThan(d.close, ind.lower) }),
      });`;
    const { strategy } = await strategyFromSource(source, 'my-breakout.ts');
    const { data } = await loadCase('donchian_breakout_synth_s36.strategy.json');
    const mine = strategySignals(strategy, data, { window: 15 } as never);
    const builtin = strategySignals(strategies.donchian_breakout, data, { entry_window: 15, exit_window: 15 });
    expect([...mine.signals.entries], 'the same entries as donchian_breakout').toEqual([...builtin.signals.entries]);
    expect([...mine.indicators.lower]).toEqual([...builtin.indicators.lower]);
  });
});
