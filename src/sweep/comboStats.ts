/**
 * The figures a sweep computes per combination once its per-ticker results are in: the equal-weight portfolio's
 * return, Sharpe and moments; the robustness of a combination's score across its grid neighbours; and the
 * deflated Sharpe ratio of the best combination given how many were tried. Pure functions of arrays.
 */
import { normCdf, normInv } from '../kernels/normal';
import type { ParamValue } from '../strategy/paramSpec';

export interface EwStats {
  /** Total return of the equal-weight portfolio, %. */
  ewReturnPct: number;
  /** Annualized Sharpe ratio (mean / std with ddof 1, times sqrt(365 / bar days)), as vectorbt annualizes. */
  ewSharpe: number;
  /** Per-bar Sharpe ratio, skewness and (non-excess) kurtosis of the returns, and how many: the DSR's inputs. */
  ewBarSharpe: number;
  ewSkew: number;
  ewKurtosis: number;
  ewBars: number;
}

/**
 * ewStats(sum, n, freqDays): the equal-weight portfolio's figures from per-bar return sums and counts (bars with
 * no account are left out).
 * @example ewStats(Float64Array.of(0.02, -0.01), Int32Array.of(2, 2)).ewReturnPct // (1.01 * 0.995 - 1) * 100
 */
export function ewStats(sum: ArrayLike<number>, n: ArrayLike<number>, freqDays = 1): EwStats {
  const r: number[] = [];
  for (let i = 0; i < sum.length; i++) if (n[i] > 0) r.push(sum[i] / n[i]);
  const T = r.length;
  let cum = 1;
  let mean = 0;
  for (const x of r) {
    cum *= 1 + x;
    mean += x;
  }
  mean = T ? mean / T : NaN;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of r) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const std = T > 1 ? Math.sqrt(m2 / (T - 1)) : NaN;
  const pop = T ? m2 / T : NaN;
  const barSharpe = std > 0 ? mean / std : NaN;
  return {
    ewReturnPct: T ? (cum - 1) * 100 : NaN,
    ewSharpe: barSharpe * Math.sqrt(365 / freqDays),
    ewBarSharpe: barSharpe,
    ewSkew: pop > 0 ? m3 / T / pop ** 1.5 : NaN,
    ewKurtosis: pop > 0 ? m4 / T / (pop * pop) : NaN,
    ewBars: T,
  };
}

/**
 * neighbourMeans(combos, scores): per combination, the mean score of its grid neighbours (the combinations that
 * differ from it in one setting only, by one step of that setting's sorted values); NaN without any. Works for
 * any set of combinations: a full grid, a sample of one, or an explicit list.
 * @example neighbourMeans([{ a: 1 }, { a: 2 }, { a: 3 }], [1, 5, 1]) // [5, 1, 5]
 */
export function neighbourMeans(combos: readonly Record<string, ParamValue>[], scores: readonly number[]): number[] {
  const keys = [...new Set(combos.flatMap((c) => Object.keys(c)))].filter((k) => new Set(combos.map((c) => String(c[k]))).size > 1);
  const order = new Map<string, Map<string, number>>();
  for (const k of keys) {
    const values = [...new Set(combos.map((c) => c[k]))].sort((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1));
    order.set(k, new Map(values.map((v, i) => [String(v), i])));
  }
  const pos = combos.map((c) => keys.map((k) => order.get(k)!.get(String(c[k]))!));
  const at = new Map(pos.map((p, i) => [p.join(','), i]));
  return pos.map((p) => {
    let s = 0;
    let m = 0;
    for (let a = 0; a < keys.length; a++) {
      for (const step of [-1, 1]) {
        const q = p.slice();
        q[a] += step;
        const j = at.get(q.join(','));
        if (j !== undefined && scores[j] === scores[j]) {
          s += scores[j];
          m++;
        }
      }
    }
    return m ? s / m : NaN;
  });
}

/** robustness = neighbour mean / score for a positive score (1: a plateau; near 0 or below: a lone bright cell). */
export function robustness(score: number, neighbourMean: number): number {
  return score > 0 && neighbourMean === neighbourMean ? neighbourMean / score : NaN;
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * deflatedSharpe(best, trialBarSharpes): Bailey and Lopez de Prado's deflated Sharpe ratio (2014): the
 * probability that the best combination's true Sharpe ratio is above what the best of N = trialBarSharpes.length
 * unskilled trials would show, given the trials' spread, the track record's length and its skewness and
 * kurtosis. Sharpe ratios per bar (not annualized). One trial: the probabilistic Sharpe ratio against 0.
 * @example deflatedSharpe({ barSharpe: 0.1, skew: 0, kurtosis: 3, bars: 504 }, [0.1, 0.02, -0.01]) // in (0, 1)
 */
export function deflatedSharpe(best: { barSharpe: number; skew: number; kurtosis: number; bars: number }, trialBarSharpes: readonly number[]): number {
  const trials = trialBarSharpes.filter((x) => Number.isFinite(x));
  const N = trials.length;
  const { barSharpe: sr, skew, kurtosis, bars: T } = best;
  if (!Number.isFinite(sr) || T < 2 || !Number.isFinite(skew) || !Number.isFinite(kurtosis)) return NaN;
  let sr0 = 0;
  if (N > 1) {
    const mean = trials.reduce((a, b) => a + b, 0) / N;
    const variance = trials.reduce((a, b) => a + (b - mean) ** 2, 0) / (N - 1);
    sr0 = Math.sqrt(variance) * ((1 - EULER_GAMMA) * normInv(1 - 1 / N) + EULER_GAMMA * normInv(1 - 1 / (N * Math.E)));
  }
  const denom = 1 - skew * sr + ((kurtosis - 1) / 4) * sr * sr;
  if (!(denom > 0)) return NaN;
  return normCdf(((sr - sr0) * Math.sqrt(T - 1)) / Math.sqrt(denom));
}
