/** The indicators of every golden strategy case (vectorbt 0.28.3 + TA-Lib) to 1e-9 relative, NaN positions exact. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOhlcvCsv } from '../../src/data/csv';
import { pivotOhlcv } from '../../src/data/pivot';
import { atrPct, presentRows, rvol } from '../../src/indicators';

const DIR = join(__dirname, '../../data-fixtures/golden');
const RTOL = 1e-9;
const cases = readdirSync(DIR).filter((f) => f.endsWith('.strategy.json')).map((f) => f.replace(/\.strategy\.json$/, ''));

describe.each(cases)('golden indicators %s', (name) => {
  it(`rvol(volume, nRows, nCols, 20, present) and atrPct(..., 14, present) match ${name}.expected.json indicators`, async () => {
    const spec = JSON.parse(readFileSync(join(DIR, `${name}.strategy.json`), 'utf8'));
    const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
    const { index, columns, data: d } = pivotOhlcv(await readOhlcvCsv(join(DIR, spec.data)));
    expect(index).toEqual(expected.index);
    expect(columns).toEqual(expected.columns);
    const present = presentRows([d.open, d.high, d.low, d.close, d.volume], d.nRows, d.nCols);
    const got = {
      rvol: rvol(d.volume, d.nRows, d.nCols, spec.strategy.rvol_window, present),
      atr_pct: atrPct(d.high, d.low, d.close, d.nRows, d.nCols, spec.strategy.atr_window, present),
    };
    for (const key of ['rvol', 'atr_pct'] as const) {
      const exp: (number | null)[][] = expected.indicators[key];
      exp.forEach((col, c) =>
        col.forEach((x, r) => {
          const y = got[key][c * d.nRows + r];
          const at = `${key} ${columns[c]} ${index[r]}`;
          if (x === null) expect(y, at).toBeNaN();
          else expect(Math.abs(y - x), at).toBeLessThanOrEqual(RTOL * Math.abs(x));
        }),
      );
    }
  });
});
