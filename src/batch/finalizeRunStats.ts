/**
 * finalizeRunStats: once a run is done, its per-combination figures over the universe, computed from what the
 * chunks stored and written once (vecbt_combo_stats, vecbt_windows, the run's best combination and deflated
 * Sharpe ratio). Called by whoever ends the run: the single-process runner, or the distributed worker that
 * committed the last chunk; `vecbt results` calls it for a done run that has none (a crash in between).
 *
 * - Scores: the run's select metric (default median Sharpe) per combination; robustness against the grid
 *   neighbours; ranks (1 = best; ties by combination number).
 * - Walk-forward: per window, the combination with the best in-sample score is chosen; its out-of-sample score,
 *   and the in-sample rank of the combination that was best out of sample, are stored.
 */
import type { Pool } from 'pg';
import { aggregateComboParts } from '../data/aggregateComboParts';
import { aggregateComboResults, type ComboAggregate } from '../data/aggregateComboResults';
import { getRun } from '../data/getRun';
import { listCombos } from '../data/listCombos';
import { dayToIso } from '../data/queryable';
import { readEwSeries } from '../data/readEwSeries';
import { writeRunStats, type ComboStatsRow, type WindowRow } from '../data/writeRunStats';
import type { ParamValue } from '../strategy/paramSpec';
import { deflatedSharpe, ewStats, neighbourMeans, robustness } from '../sweep/comboStats';
import { DEFAULT_SELECT, SELECT_METRICS } from '../sweep/selectMetrics';

/** The score of a row by a select metric's column. */
function scoreOf(row: ComboAggregate & Partial<ComboStatsRow>, column: string): number {
  const key = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof ComboStatsRow; // median_sharpe -> medianSharpe
  const v = row[key] as number | null | undefined;
  return v === null || v === undefined ? NaN : v;
}

/** Ranks by score descending (NaN last), ties by combination number: 1 = best. */
function ranks(rows: { comboNo: number; score: number }[]): Map<number, number> {
  const sorted = [...rows].sort((a, b) => {
    const x = a.score === a.score ? a.score : -Infinity;
    const y = b.score === b.score ? b.score : -Infinity;
    return y - x || a.comboNo - b.comboNo;
  });
  return new Map(sorted.map((r, i) => [r.comboNo, i + 1]));
}

/**
 * finalizeRunStats(pool, runId): computes and stores the run's combination figures. Safe to call again (it
 * replaces them).
 * @example await finalizeRunStats(pool, 7)
 */
export async function finalizeRunStats(pool: Pool, runId: number): Promise<void> {
  const run = await getRun(pool, runId);
  if (!run) return;
  const select = run.selectMetric ?? DEFAULT_SELECT;
  const column = SELECT_METRICS[select].column;
  const perTicker = SELECT_METRICS[select].perTicker;
  const windowed = run.kind === 'walk-forward' || run.kind === 'split';
  const aggregates = windowed ? await aggregateComboParts(pool, runId, perTicker) : await aggregateComboResults(pool, runId);
  const series = await readEwSeries(pool, runId);
  const combos = run.kind === 'single' ? [{ comboNo: 0, params: {} as Record<string, unknown> }] : await listCombos(pool, runId);
  // The swept values of each combination: the settings that differ between combinations.
  const swept = new Map(combos.map((c) => [c.comboNo, c.params as Record<string, ParamValue>]));

  const rows: ComboStatsRow[] = aggregates.map((a) => {
    const ew = series.get(`${a.windowNo}|${a.phase}|${a.comboNo}`);
    const e = ew ? ewStats(ew.sum, ew.n) : ewStats([], []);
    const row = { ...a, ...e, score: NaN, neighbourScore: NaN, robustness: NaN, rank: 0 };
    row.score = scoreOf(row, column);
    return row;
  });
  // Neighbours, robustness and ranks within each (window, phase).
  const groups = new Map<string, ComboStatsRow[]>();
  for (const r of rows) groups.set(`${r.windowNo}|${r.phase}`, [...(groups.get(`${r.windowNo}|${r.phase}`) ?? []), r]);
  for (const g of groups.values()) {
    const means = neighbourMeans(g.map((r) => swept.get(r.comboNo) ?? {}), g.map((r) => r.score));
    const rank = ranks(g);
    g.forEach((r, i) => {
      r.neighbourScore = means[i];
      r.robustness = robustness(r.score, means[i]);
      r.rank = rank.get(r.comboNo)!;
    });
  }

  let bestCombo: number | null = null;
  let dsr: number | null = null;
  const whole = groups.get('0|all');
  if (whole?.length) {
    const best = whole.find((r) => r.rank === 1)!;
    bestCombo = best.comboNo;
    dsr = deflatedSharpe({ barSharpe: best.ewBarSharpe, skew: best.ewSkew, kurtosis: best.ewKurtosis, bars: best.ewBars }, whole.map((r) => r.ewBarSharpe));
  }

  const windows: WindowRow[] = [];
  if (windowed && run.windows) {
    const iso = (row: number) => dayToIso(run.dateIndex[Math.min(row, run.dateIndex.length - 1)]);
    const nos = [...new Set(run.windows.map((w) => w.windowNo))].sort((a, b) => a - b);
    for (const no of nos) {
      const train = run.windows.find((w) => w.windowNo === no && w.phase === 'train')!;
      const test = run.windows.find((w) => w.windowNo === no && w.phase === 'test')!;
      const is = groups.get(`${no}|train`) ?? [];
      const oos = groups.get(`${no}|test`) ?? [];
      const chosen = is.find((r) => r.rank === 1);
      const oosBest = oos.find((r) => r.rank === 1);
      windows.push({
        windowNo: no,
        trainFrom: iso(train.from),
        trainTo: iso(train.to - 1),
        testFrom: iso(test.from),
        testTo: iso(test.to - 1),
        chosenCombo: chosen?.comboNo ?? null,
        isScore: chosen?.score ?? null,
        oosScore: chosen ? (oos.find((r) => r.comboNo === chosen.comboNo)?.score ?? null) : null,
        oosBestCombo: oosBest?.comboNo ?? null,
        oosBestIsRank: oosBest ? (is.find((r) => r.comboNo === oosBest.comboNo)?.rank ?? null) : null,
      });
    }
  }
  const client = await pool.connect();
  try {
    await writeRunStats(client, runId, { combos: rows, windows, bestCombo, deflatedSharpe: dsr });
  } finally {
    client.release();
  }
}
