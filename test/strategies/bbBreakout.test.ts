import { describe, expect, it } from 'vitest';
import { bbBreakout } from '../../src/strategies/bbBreakout';
import { defaultsOf } from '../../src/strategy/paramSpec';
import { matrix, signalRows } from './matrix';

const P = { window: 2, alpha: 0.5 };

describe('bb_breakout', () => {
  it('indicators are the bands; signals: close crosses above upper (entry), below middle (exit)', () => {
    const d = matrix(5, 1, { close: [2, 1, 1, 3, 1] });
    const ind = bbBreakout.indicators(d, P);
    expect({ upper: [...ind.upper], middle: [...ind.middle], lower: [...ind.lower] }).toEqual({
      upper: [NaN, 1.75, 1, 2.5, 2.5],
      middle: [NaN, 1.5, 1, 2, 2],
      lower: [NaN, 1.25, 1, 1.5, 1.5],
    });
    const s = bbBreakout.signals(d, ind, P);
    expect(signalRows(s.entries, 5, 1), 'below, equal, above the upper band: entry on row 3').toEqual([[3]]);
    expect(signalRows(s.exits, 5, 1), 'from above the middle to below it on row 4').toEqual([[4]]);
  });
  it('warmup(p) = window + 1 bars: the first entry can fall on that bar', () => {
    expect(bbBreakout.warmup(P)).toBe(3);
    expect(bbBreakout.warmup(defaultsOf(bbBreakout.params))).toBe(21);
    const d = matrix(3, 1, { close: [2, 1, 3] });
    expect(signalRows(bbBreakout.signals(d, bbBreakout.indicators(d, P), P).entries, 3, 1)).toEqual([[2]]);
  });
});
