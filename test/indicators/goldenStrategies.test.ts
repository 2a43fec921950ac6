/**
 * The indicators of every vecbt-strategy-case/2 golden case (data-fixtures/golden/strategies), computed by the
 * case's built-in strategy on the pivoted union-index frames, against vectorbt 0.28.3's: the same output names,
 * NaN at exactly the same rows, every value within 1e-9 relative. For vectorbt's own indicator classes (MA, RSI,
 * BBANDS, MACD and the rolling max/min), whose running-sum order we follow, every value must be bit-identical
 * (the golden README: the generator's numpy recomputation is bit-identical to vectorbt's too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOhlcvCsv } from '../../src/data/csv';
import { pivotOhlcv } from '../../src/data/pivot';
import { getStrategy } from '../../src/strategies';
import { resolveSettings } from '../../src/strategy/resolveSettings';
import { parseStrategyCase } from '../../src/strategy/strategyCase';

const V2 = join(__dirname, '../../data-fixtures/golden/strategies');
const RTOL = 1e-9;
const CASES = readdirSync(V2).filter((f) => f.endsWith('.strategy.json')).map((f) => f.replace(/\.strategy\.json$/, '')).sort();

describe.each(CASES)('golden v2 indicators %s', (name) => {
  it(`strategy.indicators(data, params) matches ${name}.expected.json indicators`, async () => {
    const file = join(V2, `${name}.strategy.json`);
    const c = parseStrategyCase(JSON.parse(readFileSync(file, 'utf8')), file);
    const expected = JSON.parse(readFileSync(join(V2, `${name}.expected.json`), 'utf8'));
    const strategy = getStrategy(c.strategyRef);
    const { params } = resolveSettings(strategy, c.settings);
    const { index, columns, data } = pivotOhlcv(await readOhlcvCsv(c.dataPath, { missing: 'nan' }));
    expect(index, 'the union date index').toEqual(expected.index);
    expect(columns, 'sorted tickers').toEqual(expected.columns);
    const got = strategy.indicators(data, params as never);
    expect(Object.keys(got).sort(), 'the indicator names of the README').toEqual(Object.keys(expected.indicators).sort());
    const bitExact = strategy.name !== 'rvol_atr';
    for (const [key, cols] of Object.entries(expected.indicators as Record<string, (number | null)[][]>)) {
      let notIdentical = 0;
      cols.forEach((col, c) =>
        col.forEach((x, r) => {
          const y = got[key][c * data.nRows + r];
          const at = `${key} ${columns[c]} ${index[r]}`;
          if (x === null) {
            if (y === y) expect(y, `${at}: NaN in vectorbt`).toBeNaN();
          } else {
            if (!(Math.abs(y - x) <= RTOL * Math.abs(x))) expect(y, `${at}: within 1e-9 of vectorbt`).toBe(x);
            if (y !== x) notIdentical++;
          }
        }),
      );
      if (bitExact) expect(notIdentical, `${key}: values not bit-identical to vectorbt's`).toBe(0);
    }
  });
});
