/**
 * Sweeps and walk-forward as batch runs on a real PostgreSQL: every (combination, ticker) row equals the same
 * combination run alone; the combination figures are stored; walk-forward windows never see a bar after their
 * end; a distributed sweep gives the single-process rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { BatchRunner } from '../../src/batch';
import { DistributedRun } from '../../src/distributed';
import { strategies } from '../../src/strategies';
import { buildGrid } from '../../src/sweep/parseGrid';
import { startWorker, stopWorker } from '../distributed/helpers';

let db: TestDatabase;
const COMPACT = 'combo_no, ticker, status, reason, bars, end_value, total_return_pct, max_gross_exposure_pct, max_drawdown_pct, total_trades, win_rate_pct, profit_factor, expectancy, sharpe_ratio, sortino_ratio';

beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 30, days: 300, seed: 21, end: '2024-06-28' });
});
afterAll(() => db?.drop());

const axes = { rvol_min: [1.5, 2, 3], hold_bars: [5, 10], sl_stop: [0.03, NaN] };
const rows = async (runId: number, combo?: number) =>
  (await db.pool.query(`SELECT ${COMPACT} FROM vecbt_results WHERE run_id = $1 AND ($2::int IS NULL OR combo_no = $2) ORDER BY combo_no, ticker COLLATE "C"`, [runId, combo ?? null])).rows;

describe('a sweep run', () => {
  let sweep = 0;

  it('runs every combination of the grid on every ticker and stores the combinations and their figures', async () => {
    const grid = buildGrid(strategies.rvol_atr as never, { axes }, {});
    const done = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 7, grid }).start();
    expect(done.status, done.error).toBe('done');
    sweep = done.runId;
    const { rows: r } = await db.pool.query('SELECT kind, combos_total, best_combo, deflated_sharpe, (SELECT count(*)::int FROM vecbt_results WHERE run_id = $1) AS results, (SELECT count(*)::int FROM vecbt_trades WHERE run_id = $1) AS trades FROM vecbt_runs WHERE id = $1', [sweep]);
    expect(r[0]).toMatchObject({ kind: 'sweep', combos_total: 12, results: 12 * 30, trades: 0 });
    expect(r[0].deflated_sharpe).toBeGreaterThanOrEqual(0);
    expect(r[0].deflated_sharpe).toBeLessThanOrEqual(1);
    const { rows: combos } = await db.pool.query('SELECT combo_no, params FROM vecbt_combos WHERE run_id = $1 ORDER BY combo_no', [sweep]);
    expect(combos.map((c) => [c.params.rvol_min, c.params.hold_bars, c.params.sl_stop])).toEqual(grid.combos.map((c) => [c.rvol_min, c.hold_bars, Number.isNaN(c.sl_stop) ? null : c.sl_stop]));
    const { rows: stats } = await db.pool.query('SELECT combo_no, rank, tickers, score, median_sharpe FROM vecbt_combo_stats WHERE run_id = $1 ORDER BY rank', [sweep]);
    expect(stats.map((s) => s.rank)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(stats[0].combo_no, 'the best combination is rank 1').toBe(r[0].best_combo);
    expect(stats.every((s) => s.score === s.median_sharpe), 'scored by the default select metric').toBe(true);
  });

  it('every combination equals the same settings run alone, to the last digit', async () => {
    const grid = buildGrid(strategies.rvol_atr as never, { axes }, {});
    for (const k of [0, 5, 11]) {
      const single = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 30, settings: grid.combos[k] }).start();
      const alone = (await rows(single.runId, 0)).map((x) => ({ ...x, combo_no: k }));
      expect(await rows(sweep, k), `combination ${k}`).toEqual(alone);
    }
  });

  it('a distributed sweep (2 workers) stores exactly the single-process rows and figures', async () => {
    const workers = [1, 2].map((i) => startWorker(db.url, 'cli', ['--name', `s${i}`, '--poll-ms', '50']));
    try {
      await Promise.all(workers.map((w) => w.waitFor(/waiting for chunk jobs/)));
      const run = new DistributedRun({ pool: db.pool, target: 'test', chunkSize: 7, pollMs: 100, grid: buildGrid(strategies.rvol_atr as never, { axes }, {}) });
      const done = await run.follow();
      expect(done.status, done.error).toBe('done');
      expect(await rows(done.runId)).toEqual(await rows(sweep));
      const fig = (id: number) => db.pool.query('SELECT combo_no, rank, score, robustness, ew_return_pct FROM vecbt_combo_stats WHERE run_id = $1 ORDER BY combo_no', [id]).then((q) => q.rows);
      expect(await fig(done.runId)).toEqual(await fig(sweep));
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w)));
    }
  });
});

describe('a walk-forward run', () => {
  const wfAxes = { rvol_min: [1.5, 2.5], hold_bars: [5, 10] };
  const windowsOf = (id: number) => db.pool.query('SELECT * FROM vecbt_windows WHERE run_id = $1 ORDER BY window_no', [id]).then((q) => q.rows.map(({ run_id: _r, ...w }) => w));
  const partsOf = (id: number, windowNo: number) =>
    db.pool.query(`SELECT phase, combo_no, sum(tickers)::int AS t, sum(sum_return) AS r, sum(trades)::int AS n FROM vecbt_combo_parts WHERE run_id = $1 AND window_no = $2 GROUP BY 1, 2 ORDER BY 1, 2`, [id, windowNo]).then((q) => q.rows);

  it('chooses a combination in each train window, tests it on the next rows, and never sees a bar after a window', async () => {
    const opts = { pool: db.pool, target: 'test', chunkSize: 10, grid: buildGrid(strategies.rvol_atr as never, { axes: wfAxes }, {}), windows: { kind: 'rolling' as const, train: 100, test: 50 }, from: '2023-01-01', to: '2024-06-28' };
    const a = await new BatchRunner(opts).start();
    expect(a.status, a.error).toBe('done');
    const wa = await windowsOf(a.runId);
    expect(wa.length).toBe(4);
    expect(wa.every((w) => w.chosen_combo !== null && w.oos_best_is_rank >= 1)).toBe(true);
    const { rows: n } = await db.pool.query('SELECT count(*)::int AS n FROM vecbt_results WHERE run_id = $1', [a.runId]);
    expect(n[0].n, 'a walk-forward keeps no per-ticker rows').toBe(0);

    // Change every bar after window 1's test end: window 1 must not move.
    const end = wa[0].test_to;
    await db.pool.query(`UPDATE daily_market_data SET close = close * 1.7, high = high * 1.7, low = low * 0.6, volume = volume * 9 WHERE date > $1`, [end]);
    try {
      const b = await new BatchRunner(opts).start();
      const wb = await windowsOf(b.runId);
      expect(wb[0], 'window 1 sees nothing after its end').toEqual(wa[0]);
      expect(await partsOf(b.runId, 1)).toEqual(await partsOf(a.runId, 1));
      expect(await partsOf(b.runId, 4), 'a later window does see the change').not.toEqual(await partsOf(a.runId, 4));
    } finally {
      await db.pool.query(`UPDATE daily_market_data SET close = close / 1.7, high = high / 1.7, low = low / 0.6, volume = volume / 9 WHERE date > $1`, [end]);
    }
  });
});
