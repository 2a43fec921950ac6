/**
 * A deterministic synthetic universe: `tickers` names S00001.., `days` business days (Mon-Fri) ending at
 * `end`, a random walk per ticker with its own volatility regime, plus event days (a volume spike with a
 * wide range and a large move) so the RVOL/ATR% strategy has something to trade.
 *
 * Deterministic: ticker i's bars depend only on (seed, i, days, end), never on how many tickers are asked
 * for, so a 24,000-ticker universe starts with the 6,000-ticker one. Written with text COPY (the server
 * casts to whatever numeric types the user's `daily_market_data` has) in one transaction that first
 * deletes those tickers' rows: running it twice leaves the same table. A universe of at least a quarter of
 * the table rebuilds our date index once after the COPY instead of row by row (`deferDateIndex`: 3x faster on
 * 6,000 x 504), and the table is vacuumed afterwards.
 */
import type { Pool } from 'pg';
import { UserError } from '../errors';
import { copyIn } from './copy';
import type { OnDataProgress } from './dataProgress';
import { deferDateIndex } from './deferDateIndex';

export interface SynthOptions {
  tickers: number;
  days: number;
  seed?: number;
  /** Last business day, YYYY-MM-DD (default 2024-12-31). */
  end?: string;
  /** First ticker number (default 1). */
  first?: number;
  /** Name prefix (default 'S'). */
  prefix?: string;
  /** progress events (`step: 'synth'`, input in tickers generated) */
  onProgress?: OnDataProgress;
}

/**
 * The largest universe synthUniverse makes: at most 1,000,000 tickers (their names are held in memory and sent in
 * one statement), 100,000 business days (about 380 years back), and 200,000,000 bars (about 20 GB of PostgreSQL
 * table and indexes at ~100 bytes a bar). Beyond, a typo (`--tickers 100000000`) would run for hours and grew to
 * 5 GB before a single row was written.
 */
export const SYNTH_LIMITS = { tickers: 1_000_000, days: 100_000, bars: 200_000_000 } as const;

const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * synthSizeProblem(tickers, days): why that universe is refused (a sentence naming the flags), or null.
 * @example synthSizeProblem(6000, 504) // null
 */
export function synthSizeProblem(tickers: number, days: number): string | null {
  if (tickers * days > SYNTH_LIMITS.bars) {
    return `--tickers ${tickers} x --days ${days} is ${thousands(tickers * days)} bars, more than the ${thousands(SYNTH_LIMITS.bars)} that db synth makes (about 20 GB in PostgreSQL); ask for fewer tickers or days`;
  }
  if (tickers > SYNTH_LIMITS.tickers) return `--tickers ${tickers} is more than the ${thousands(SYNTH_LIMITS.tickers)} tickers db synth makes; ask for fewer`;
  if (days > SYNTH_LIMITS.days) return `--days ${days} is more than the ${thousands(SYNTH_LIMITS.days)} business days (about 380 years) db synth makes; ask for fewer`;
  return null;
}

/** mulberry32: a small, fast, seedable PRNG (uniform [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `days` business days (Mon-Fri) ending at or before `end`, ascending, YYYY-MM-DD. */
export function businessDays(days: number, end: string): string[] {
  const out: string[] = [];
  const d = new Date(`${end}T00:00:00Z`);
  while (out.length < days) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return out.reverse();
}

export function synthTickerName(i: number, prefix = 'S'): string {
  return `${prefix}${String(i).padStart(5, '0')}`;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The COPY text rows (`ticker\tdate\to\th\tl\tc\tv\n`) of ticker number `i`. */
export function synthTickerRows(i: number, dates: readonly string[], seed: number, prefix = 'S'): string {
  const rnd = mulberry32((seed * 0x9e3779b1) ^ Math.imul(i, 0x85ebca6b));
  const gauss = () => {
    const u = 1 - rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const name = synthTickerName(i, prefix);
  // Volatility regime: most names 1.5-4 % a day, a tail of small caps up to 8 %.
  const sigma = rnd() < 0.7 ? 0.015 + 0.025 * rnd() : 0.04 + 0.04 * rnd();
  const eventProb = 0.01 + 0.03 * rnd();
  const baseVol = Math.round(Math.exp(11 + 4 * rnd()));
  let close = Math.exp(Math.log(5) + (Math.log(300) - Math.log(5)) * rnd());
  let heat = 0; // decaying post-event volatility
  let out = '';
  for (const date of dates) {
    const event = rnd() < eventProb;
    const s = sigma * (1 + heat);
    const open = Math.max(0.01, close * (1 + (gauss() * s) / 3));
    const ret = event ? gauss() * s * 4 + (rnd() < 0.5 ? -1 : 1) * s * 2 : gauss() * s + 0.0002;
    const next = Math.max(0.01, close * Math.exp(ret));
    const wick = event ? 2.5 : 0.6;
    const high = Math.max(open, next) * (1 + Math.abs(gauss()) * s * wick);
    const low = Math.max(0.005, Math.min(open, next) * (1 - Math.min(0.9, Math.abs(gauss()) * s * wick)));
    const volume = Math.round(baseVol * Math.exp(0.35 * gauss()) * (event ? 3 + 6 * rnd() : 1 + heat));
    heat = event ? 1.5 : heat * 0.8;
    close = next;
    const o = round2(open), c = round2(close);
    const h = Math.max(round2(high), o, c), l = Math.min(round2(low), o, c);
    out += `${name}\t${date}\t${o}\t${h}\t${Math.max(l, 0.01)}\t${c}\t${volume}\n`;
  }
  return out;
}

/** Writes the universe; returns the number of bars written. */
export async function synthUniverse(pool: Pool, opts: SynthOptions): Promise<number> {
  const tooBig = synthSizeProblem(opts.tickers, opts.days);
  if (tooBig !== null) throw new UserError(tooBig);
  const seed = opts.seed ?? 42;
  const first = opts.first ?? 1;
  const prefix = opts.prefix ?? 'S';
  const dates = businessDays(opts.days, opts.end ?? '2024-12-31');
  const names = Array.from({ length: opts.tickers }, (_, k) => synthTickerName(first + k, prefix));
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  const emit = opts.onProgress ?? (() => undefined);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const fresh = await client.query('INSERT INTO tickers (symbol) SELECT unnest($1::text[]) ON CONFLICT (symbol) DO NOTHING', [names]);
    const { rows: existing } = await client.query('SELECT EXISTS (SELECT 1 FROM daily_market_data WHERE ticker = ANY($1::text[])) AS e', [names]);
    if (existing[0].e) await client.query('DELETE FROM daily_market_data WHERE ticker = ANY($1::text[])', [names]);
    const rebuild = await deferDateIndex(client, opts.tickers * dates.length);
    // Text COPY, not binary: the server casts text to whatever numeric types the user's table has.
    const cols = 'daily_market_data (ticker, date, open, high, low, close, volume)';
    const n = await copyIn(client, `COPY ${cols} FROM STDIN`, function* () {
      let buf = '';
      const progress = (k: number) =>
        emit({ type: 'step:progress', step: 'synth', unit: 'tickers', done: k, total: opts.tickers, rows: k * dates.length, elapsedMs: ms() });
      for (let k = 0; k < opts.tickers; k++) {
        buf += synthTickerRows(first + k, dates, seed, prefix);
        if (buf.length > 1 << 20) {
          yield Buffer.from(buf);
          buf = '';
          progress(k + 1);
        }
      }
      if (buf) yield Buffer.from(buf);
      progress(opts.tickers);
    });
    if (rebuild) {
      emit({ type: 'step:phase', step: 'synth', phase: 'index', rows: n, elapsedMs: ms() });
      await rebuild();
    }
    await client.query('COMMIT');
    // Fresh bulk-loaded rows: without statistics the planner guesses, and without a vacuum the first
    // reader pays for setting every row's hint bits (the first batch run was 3x slower).
    emit({ type: 'step:phase', step: 'synth', phase: 'vacuum', rows: n, elapsedMs: ms() });
    await client.query('VACUUM (ANALYZE) daily_market_data');
    await client.query('ANALYZE tickers');
    emit({ type: 'step:done', step: 'synth', rows: n, tickers: opts.tickers, newTickers: fresh.rowCount ?? 0, elapsedMs: ms() });
    return n;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
