/**
 * First-use seed of an empty database (`vecbt start`): the real stocks of `data-fixtures/real/*.csv`
 * plus a synthetic universe (seeded, deterministic) whose last bar is the real data's last date, so the
 * default two-year window holds both and the strategy has volume spikes and volatility to trade.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Pool } from 'pg';
import { loadOhlcvCsv } from './loadOhlcvCsv';
import { synthUniverse } from './synth';

export const FIXTURES_DIR = resolve('data-fixtures');

export interface SeedSummary {
  seeded: boolean;
  realTickers: number;
  realRows: number;
  synthTickers: number;
  synthRows: number;
}

/** True when `tickers` has no row. */
export async function isEmpty(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query('SELECT NOT EXISTS (SELECT 1 FROM tickers) AS empty');
  return rows[0].empty;
}

export async function seedFixtures(
  pool: Pool,
  opts: { dir?: string; synthTickers?: number; synthDays?: number; seed?: number; end?: string } = {},
): Promise<SeedSummary> {
  const dir = opts.dir ?? join(FIXTURES_DIR, 'real');
  let realRows = 0;
  let realTickers = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const s = await loadOhlcvCsv(pool, join(dir, f));
    realRows += s.rows;
    realTickers += s.tickers;
  }
  const synthTickers = opts.synthTickers ?? 300;
  const { rows } = await pool.query<{ d: string | null }>(`SELECT to_char(max(date), 'YYYY-MM-DD') AS d FROM daily_market_data`);
  const synthRows = await synthUniverse(pool, {
    tickers: synthTickers,
    days: opts.synthDays ?? 504,
    seed: opts.seed ?? 42,
    end: opts.end ?? rows[0].d ?? '2014-12-31',
  });
  return { seeded: true, realTickers, realRows, synthTickers, synthRows };
}
