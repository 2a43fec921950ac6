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
import { isPlainMarketData } from './isPlainMarketData';
import { isoToDay } from './queryable';

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

/** One ticker's synthetic bars, column by column (rows = dates). */
export interface SynthBars {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** synthBars(n): room for `n` dates of bars. */
export function synthBars(n: number): SynthBars {
  return { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
}

/**
 * synthTickerBars(i, n, seed, out): ticker number `i`'s bars on `n` dates into `out` (prices in cents, low >= 0.01,
 * integer volumes): the numbers behind both the text rows and the binary COPY, so both write the same table.
 */
export function synthTickerBars(i: number, n: number, seed: number, out: SynthBars): void {
  const rnd = mulberry32((seed * 0x9e3779b1) ^ Math.imul(i, 0x85ebca6b));
  const gauss = () => {
    const u = 1 - rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  // Volatility regime: most names 1.5-4 % a day, a tail of small caps up to 8 %.
  const sigma = rnd() < 0.7 ? 0.015 + 0.025 * rnd() : 0.04 + 0.04 * rnd();
  const eventProb = 0.01 + 0.03 * rnd();
  const baseVol = Math.round(Math.exp(11 + 4 * rnd()));
  let close = Math.exp(Math.log(5) + (Math.log(300) - Math.log(5)) * rnd());
  let heat = 0; // decaying post-event volatility
  for (let k = 0; k < n; k++) {
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
    out.open[k] = o;
    out.high[k] = Math.max(round2(high), o, c);
    out.low[k] = Math.max(Math.min(round2(low), o, c), 0.01);
    out.close[k] = c;
    out.volume[k] = volume;
  }
}

/** The COPY text rows (`ticker\tdate\to\th\tl\tc\tv\n`) of ticker number `i`. */
export function synthTickerRows(i: number, dates: readonly string[], seed: number, prefix = 'S'): string {
  const bars = synthBars(dates.length);
  synthTickerBars(i, dates.length, seed, bars);
  const name = synthTickerName(i, prefix);
  let out = '';
  for (let k = 0; k < dates.length; k++) {
    out += `${name}\t${dates[k]}\t${bars.open[k]}\t${bars.high[k]}\t${bars.low[k]}\t${bars.close[k]}\t${bars.volume[k]}\n`;
  }
  return out;
}

const COPY_SIGNATURE = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);

/**
 * The binary COPY rows of tickers `from`..`to` (exclusive) into `buf` at `o`; returns the new offset. Binary
 * writes the doubles themselves: a row's five numbers formatted as text and parsed back were most of synth's
 * client time (String(number), string concatenation, then its garbage).
 */
function synthBinaryRows(buf: Buffer, o: number, name: Buffer, days: Int32Array, bars: SynthBars): number {
  for (let k = 0; k < days.length; k++) {
    o = buf.writeInt16BE(7, o);
    o = buf.writeInt32BE(name.length, o);
    o += name.copy(buf, o);
    o = buf.writeInt32BE(4, o);
    o = buf.writeInt32BE(days[k], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(bars.open[k], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(bars.high[k], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(bars.low[k], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(bars.close[k], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(bars.volume[k], o);
  }
  return o;
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
    const cols = 'daily_market_data (ticker, date, open, high, low, close, volume)';
    const progress = (k: number) =>
      emit({ type: 'step:progress', step: 'synth', unit: 'tickers', done: k, total: opts.tickers, rows: k * dates.length, elapsedMs: ms() });
    // Binary COPY when the table's columns are ours (float8 prices and volume); text otherwise, which the server
    // casts to whatever numeric types the user's table has. Both write the same values (synthTickerBars).
    const binary = await isPlainMarketData(client);
    const bars = synthBars(dates.length);
    const n = await copyIn(client, binary ? `COPY ${cols} FROM STDIN (FORMAT binary)` : `COPY ${cols} FROM STDIN`, function* () {
      if (binary) {
        const days = Int32Array.from(dates, isoToDay);
        const perTicker = dates.length * (2 + 4 + 6 + 8 + 60) + 64;
        const size = Math.max(1 << 20, perTicker);
        let buf = Buffer.allocUnsafe(size);
        let o = COPY_SIGNATURE.copy(buf, 0);
        for (let k = 0; k < opts.tickers; k++) {
          const name = Buffer.from(synthTickerName(first + k, prefix));
          if (o + dates.length * (2 + 4 + name.length + 8 + 60) > buf.length) {
            yield buf.subarray(0, o);
            progress(k);
            buf = Buffer.allocUnsafe(Math.max(size, dates.length * (2 + 4 + name.length + 8 + 60)));
            o = 0;
          }
          synthTickerBars(first + k, dates.length, seed, bars);
          o = synthBinaryRows(buf, o, name, days, bars);
        }
        yield buf.subarray(0, o);
        yield Buffer.from([0xff, 0xff]);
      } else {
        let buf = '';
        for (let k = 0; k < opts.tickers; k++) {
          buf += synthTickerRows(first + k, dates, seed, prefix);
          if (buf.length > 1 << 20) {
            yield Buffer.from(buf);
            buf = '';
            progress(k + 1);
          }
        }
        if (buf) yield Buffer.from(buf);
      }
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
