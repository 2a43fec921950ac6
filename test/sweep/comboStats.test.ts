import { describe, expect, it } from 'vitest';
import { normCdf } from '../../src/kernels/normal';
import { deflatedSharpe, ewStats, neighbourMeans, robustness } from '../../src/sweep/comboStats';

describe('ewStats', () => {
  it('ewStats(sums, counts) is the equal-weight return series: total return, Sharpe (ddof 1, sqrt 365), moments', () => {
    const e = ewStats(Float64Array.of(0.02, -0.02, 0.06, 0), Int32Array.of(2, 2, 2, 0));
    // returns 0.01, -0.01, 0.03 (the bar with no account is left out)
    expect(e.ewBars).toBe(3);
    expect(e.ewReturnPct).toBeCloseTo((1.01 * 0.99 * 1.03 - 1) * 100, 12);
    const mean = 0.01;
    const std = Math.sqrt((0 + 0.0004 + 0.0004) / 2);
    expect(e.ewBarSharpe).toBeCloseTo(mean / std, 12);
    expect(e.ewSharpe).toBeCloseTo((mean / std) * Math.sqrt(365), 10);
    expect(e.ewSkew).toBeCloseTo(0, 12);
    expect(e.ewKurtosis).toBeCloseTo(1.5, 12);
  });
  it('ewStats of nothing is NaN', () => {
    expect(ewStats([], []).ewReturnPct).toBeNaN();
  });
});

describe('neighbourMeans and robustness', () => {
  it('neighbourMeans averages the one-step neighbours along each axis', () => {
    const combos = [{ a: 1, b: 'x' }, { a: 2, b: 'x' }, { a: 3, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'y' }, { a: 3, b: 'y' }];
    const scores = [1, 2, 3, 4, 5, NaN];
    expect(neighbourMeans(combos, scores)).toEqual([(2 + 4) / 2, (1 + 3 + 5) / 3, (2) / 1, (1 + 5) / 2, (4 + 2) / 2, (5 + 3) / 2]);
  });
  it('neighbourMeans ignores settings that do not vary and orders numbers numerically', () => {
    expect(neighbourMeans([{ a: 10, c: 1 }, { a: 9, c: 1 }, { a: 100, c: 1 }], [1, 2, 3])).toEqual([(2 + 3) / 2, 1, 1]);
  });
  it('robustness is the neighbour mean over a positive score, NaN otherwise', () => {
    expect([robustness(2, 1), robustness(2, 2), robustness(-1, 1), robustness(1, NaN)]).toEqual([0.5, 1, NaN, NaN]);
  });
});

describe('deflatedSharpe', () => {
  it('deflatedSharpe with one trial is the probabilistic Sharpe ratio against 0', () => {
    const best = { barSharpe: 0.1, skew: -0.5, kurtosis: 4, bars: 253 };
    const psr = normCdf((0.1 * Math.sqrt(252)) / Math.sqrt(1 + 0.5 * 0.1 + (3 / 4) * 0.01));
    expect(deflatedSharpe(best, [0.1])).toBeCloseTo(psr, 14);
  });
  it('deflatedSharpe falls as more trials (and more spread among them) are tried', () => {
    const best = { barSharpe: 0.1, skew: 0, kurtosis: 3, bars: 504 };
    const few = deflatedSharpe(best, [0.1, 0.05, 0.02]);
    const many = deflatedSharpe(best, Array.from({ length: 100 }, (_, i) => 0.1 - i * 0.002));
    expect(few).toBeGreaterThan(many);
    expect(many).toBeGreaterThan(0);
    expect(few).toBeLessThan(deflatedSharpe(best, [0.1]));
  });
  it('deflatedSharpe is NaN without a track record', () => {
    expect(deflatedSharpe({ barSharpe: NaN, skew: 0, kurtosis: 3, bars: 10 }, [0.1])).toBeNaN();
  });
});
