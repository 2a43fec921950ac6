/**
 * bench:load: `vecbt db load` next to psql's `\copy` of the same file into the same table, and `vecbt db synth`
 * next to psql's `\copy` of the rows it makes.
 *
 *   npm run bench:load                                  # 100 MB and 1,000 MB files, synth 6,000 x 504
 *   npm run bench:load -- --sizes 100 --synth 6000x504 --keep
 *
 * Against the local PostgreSQL (VECBT_BENCH_PG, default postgres://postgres@127.0.0.1:5432). Each measurement gets
 * a fresh database with the migrations applied (daily_market_data with its primary key and our date index), so
 * both sides write into the same empty table with the same indexes. The files are generated in a temp dir (long
 * format, full-precision prices, 2,000 dates per ticker). `vecbt` runs as users start it (bin/vecbt.mjs, its #!
 * settings), timed from spawn to exit; its peak RSS is /usr/bin/time's. psql's side is `\copy ... csv header`
 * (load) or `\copy ... ` of the tab-separated rows synth wrote, dumped from its table (synth), timed the same way.
 * Prints figures and ratios; asserts nothing. The temp dir and databases are removed unless --keep.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = process.env.VECBT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
}

/** A long-format CSV of at least `mb` MiB (tickers L00000.., 2,000 dates each, full-precision prices). */
function writeCsv(file: string, mb: number): number {
  const fd = openSync(file, 'w');
  writeSync(fd, 'ticker,date,open,high,low,close,volume\n');
  const day0 = Date.UTC(2000, 0, 3);
  const days = Array.from({ length: 2000 }, (_, i) => new Date(day0 + i * 86_400_000).toISOString().slice(0, 10));
  let bytes = 0;
  let rows = 0;
  for (let t = 0; bytes < mb * 2 ** 20; t++) {
    const ticker = 'L' + String(t).padStart(5, '0');
    let s = '';
    for (let i = 0; i < days.length; i++) {
      const c = 10 + t / 7 + Math.sin(i / 9) * 3;
      s += `${ticker},${days[i]},${c * 0.999},${c * 1.01},${c * 0.98},${c},${1000 + i * 37}\n`;
    }
    rows += days.length;
    bytes += writeSync(fd, s);
  }
  closeSync(fd);
  return rows;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; out: string; err: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, out: r.stdout, err: r.stderr };
}

const psql = (url: string, ...cmds: string[]) => run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...cmds.flatMap((c) => ['-c', c])]);

/** A fresh migrated database; returns its URL and a drop function. */
function freshDb(keep: boolean): { url: string; drop: () => void } {
  const name = `vecbt_bench_load_${randomBytes(4).toString('hex')}`;
  psql(`${BASE}/postgres`, `CREATE DATABASE ${name}`);
  const url = `${BASE}/${name}`;
  run(process.execPath, ['bin/vecbt.mjs', 'db', 'migrate'], { ...process.env, DATABASE_URL: url });
  return { url, drop: () => (keep ? undefined : void psql(`${BASE}/postgres`, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/** `vecbt args` against url through /usr/bin/time: wall ms and peak RSS MB. */
function vecbt(url: string, args: string[]): { ms: number; rssMb: number; out: string } {
  const r = run('/usr/bin/time', ['-f', 'peak %M', 'bin/vecbt.mjs', ...args], { ...process.env, DATABASE_URL: url, TZ: 'UTC' });
  const peak = /peak (\d+)/.exec(r.err);
  return { ms: r.ms, rssMb: peak ? Number(peak[1]) / 1024 : NaN, out: r.out.trim() };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const sizes = arg('--sizes', '100,1000').split(',').filter(Boolean).map(Number);
  const [tickers, days] = arg('--synth', '6000x504').split('x').map(Number);
  const keep = process.argv.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'vecbt-bench-load-'));
  console.log(`node ${process.version}; ${psql(`${BASE}/postgres`, 'SELECT 1').ms.toFixed(0)} ms psql round trip; files in ${dir}`);
  try {
    for (const mb of sizes) {
      const file = join(dir, `long-${mb}mb.csv`);
      const t = performance.now();
      const rows = writeCsv(file, mb);
      const bytes = statSync(file).size;
      console.log(`\n${mb} MB file: ${bytes} bytes, ${rows} rows, written in ${s(performance.now() - t)}`);
      const a = freshDb(keep);
      const floor = psql(a.url, `\\copy daily_market_data (ticker, date, open, high, low, close, volume) FROM '${file}' WITH (FORMAT csv, HEADER true)`);
      a.drop();
      const b = freshDb(keep);
      const load = vecbt(b.url, ['db', 'load', file]);
      b.drop();
      console.log(`  psql \\copy (floor)       ${s(floor.ms).padStart(8)}  ${(bytes / 2 ** 20 / (floor.ms / 1000)).toFixed(1)} MB/s`);
      console.log(`  vecbt db load            ${s(load.ms).padStart(8)}  ${(bytes / 2 ** 20 / (load.ms / 1000)).toFixed(1)} MB/s, peak RSS ${load.rssMb.toFixed(0)} MB: ${(load.ms / floor.ms).toFixed(2)}x the floor`);
      console.log(`    ${load.out}`);
      if (!keep) rmSync(file);
    }

    console.log(`\nsynth ${tickers} tickers x ${days} days`);
    const c = freshDb(keep);
    const synth = vecbt(c.url, ['db', 'synth', '--tickers', String(tickers), '--days', String(days)]);
    const tsv = join(dir, 'synth.tsv');
    psql(c.url, `\\copy (SELECT ticker, date, open, high, low, close, volume FROM daily_market_data ORDER BY ticker, date) TO '${tsv}'`);
    c.drop();
    const d = freshDb(keep);
    const floor = psql(d.url, `\\copy daily_market_data (ticker, date, open, high, low, close, volume) FROM '${tsv}'`, 'VACUUM (ANALYZE) daily_market_data');
    d.drop();
    console.log(`  psql \\copy of its rows + VACUUM ANALYZE (floor) ${s(floor.ms).padStart(8)}`);
    console.log(`  vecbt db synth                                  ${s(synth.ms).padStart(8)}  peak RSS ${synth.rssMb.toFixed(0)} MB: ${(synth.ms / floor.ms).toFixed(2)}x the floor (target <= 8 s)`);
    console.log(`    ${synth.out.split('\n').pop()}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
