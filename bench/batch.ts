/**
 * Batch benchmark: `npm run bench:batch -- --tickers 6000 --days 504 [--chunk-size 500] [--seed 42] [--compare-read]
 *   [--layout ticker|date] [--node-flags "..."] [--env "A=1 ..."] [--keep]`
 *
 * Against the local PostgreSQL (VECBT_BENCH_PG, default postgres://postgres@127.0.0.1:5432): a fresh database,
 * synthesised once (timed), VACUUM ANALYZE, then the run is timed in a child process (so its peak RSS is the
 * runner's own, from process.resourceUsage().maxRSS, not the synthesiser's). The floor is `COPY (the same rows)
 * TO STDOUT` through psql into /dev/null. `--compare-read` also times the alternative read paths on one chunk
 * size (plain rows, array_agg per ticker as text, binary COPY of a row per bar) against the runner's.
 * `--layout date` rewrites the table in (date, ticker) order before timing (CLUSTER): the layout of a table that
 * grows by one row per ticker per day, where a ticker's bars sit on as many pages as it has days. The default,
 * `ticker`, is the order synth writes in (a ticker's bars on a few adjacent pages).
 * Prints figures; asserts nothing. The database is dropped at the end unless --keep.
 */
import pg from 'pg';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { migrate } from '../src/data/migrate';
import { synthUniverse } from '../src/data/synth';
import { launcherSettings } from './launcher';

const BASE = process.env.VECBT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
}

async function child(url: string, chunkSize: number): Promise<void> {
  const { BatchRunner } = await import('../src/batch');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const r = new BatchRunner({ pool, target: 'bench', chunkSize });
  let read = 0, compute = 0, write = 0, chunks = 0, maxChunkRss = 0;
  r.on('chunk:done', (e) => {
    read += e.readMs;
    compute += e.computeMs;
    write += e.writeMs;
    chunks++;
    maxChunkRss = Math.max(maxChunkRss, e.memory.rssMb);
  });
  let prepare = 0;
  r.on('run:start', () => (prepare = performance.now() - t0));
  const t0 = performance.now();
  const done = await r.start();
  const wall = performance.now() - t0;
  await pool.end();
  process.stdout.write(
    JSON.stringify({ prepare, status: done.status, runId: done.runId, tickers: done.tickersDone, wall, read, compute, write, chunks, maxChunkRss, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n',
  );
}

async function compareReads(pool: pg.Pool, chunkSize: number): Promise<void> {
  const { readChunkBars } = await import('../src/data/readChunkBars');
  const { readUnionDates } = await import('../src/data/readUnionDates');
  const { listActiveSymbols } = await import('../src/data/listActiveSymbols');
  const { dayToIso } = await import('../src/data/queryable');
  const symbols = await listActiveSymbols(pool);
  const idx = await readUnionDates(pool, '1900-01-01', '2999-12-31');
  const from = dayToIso(idx[0]), to = dayToIso(idx[idx.length - 1]);
  const client = await pool.connect();
  const time = async (name: string, fn: (chunk: string[]) => Promise<void>) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < symbols.length; i += chunkSize) await fn(symbols.slice(i, i + chunkSize));
    const { user, system } = process.cpuUsage(cpu);
    console.log(`  read path ${name.padEnd(40)} ${Math.round(performance.now() - t)} ms (node CPU ${Math.round((user + system) / 1000)} ms)`);
  };
  await time('binary COPY, a row per ticker (runner)', async (c) => void (await readChunkBars(client, c, idx, 'agg')));
  await time('binary COPY, a row per bar', async (c) => void (await readChunkBars(client, c, idx, 'rows')));
  await time('plain rows (node-postgres objects)', async (c) => {
    await client.query(
      'SELECT ticker, date, open, high, low, close, volume FROM daily_market_data WHERE ticker = ANY($1) AND date BETWEEN $2 AND $3',
      [c, from, to],
    );
  });
  await time('array_agg per ticker', async (c) => {
    await client.query(
      `SELECT ticker, array_agg(date - DATE '2000-01-01' ORDER BY date) d, array_agg(open ORDER BY date) o, array_agg(high ORDER BY date) h,
              array_agg(low ORDER BY date) l, array_agg(close ORDER BY date) c, array_agg(volume ORDER BY date) v
         FROM daily_market_data WHERE ticker = ANY($1) AND date BETWEEN $2 AND $3 GROUP BY ticker`,
      [c, from, to],
    );
  });
  client.release();
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return child(arg('--url')!, Number(arg('--chunk-size', '500')));
  const tickers = Number(arg('--tickers', '6000'));
  const days = Number(arg('--days', '504'));
  const chunkSize = Number(arg('--chunk-size', '500'));
  const seed = Number(arg('--seed', '42'));
  // The timed runner gets the settings `npm start` and `npx vecbt` run with: bin/vecbt.mjs's first line (its
  // environment assignments and node flags). --node-flags "..." / --env "A=1 B=2" replace them ("" for none).
  const launcher = launcherSettings();
  const childFlags = (arg('--node-flags')?.split(/\s+/) ?? launcher.flags).filter(Boolean);
  const childEnv = (arg('--env')?.split(/\s+/) ?? Object.entries(launcher.env).map(([k, v]) => `${k}=${v}`)).filter(Boolean);
  const name = `vecbt_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${BASE}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = `${BASE}/${name}`;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // pool.end() resolves before its idle clients' sockets close; the DROP ... WITH (FORCE) below would then
  // surface their termination as an 'error' event with no listener.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
    let t = performance.now();
    const bars = await synthUniverse(pool, { tickers, days, seed });
    console.log(`synth ${tickers} tickers x ${days} days = ${bars} bars in ${Math.round(performance.now() - t)} ms`);
    t = performance.now();
    await pool.query('VACUUM ANALYZE daily_market_data');
    await pool.query('VACUUM ANALYZE tickers');
    console.log(`vacuum analyze ${Math.round(performance.now() - t)} ms`);
    const layout = arg('--layout', 'ticker');
    if (layout === 'date') {
      t = performance.now();
      await pool.query('CLUSTER daily_market_data USING vecbt_daily_market_data_date');
      await pool.query('VACUUM ANALYZE daily_market_data');
      console.log(`layout by date (CLUSTER + VACUUM ANALYZE) ${Math.round(performance.now() - t)} ms`);
    } else if (layout !== 'ticker') throw new Error(`--layout ${layout}: use ticker or date`);
    if (process.argv.includes('--compare-read')) await compareReads(pool, chunkSize);

    // The floor: the same rows through psql's COPY TO STDOUT, discarded.
    const floorSql = (fmt: string) =>
      `COPY (SELECT d.ticker, d.date, d.open, d.high, d.low, d.close, d.volume FROM daily_market_data d JOIN tickers t ON t.symbol = d.ticker AND t.active) TO STDOUT${fmt}`;
    const floor = (fmt: string) => {
      const t0 = performance.now();
      const r = spawnSync('psql', ['-X', '-q', '-d', url, '-c', floorSql(fmt)], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (r.status !== 0) throw new Error('psql failed');
      return performance.now() - t0;
    };
    floor(''); // warm the cache like the run will find it
    const floorText = floor('');
    const floorBinary = floor(' (FORMAT binary)');

    const runs: Record<string, number>[] = [];
    for (let i = 0; i < 2; i++) {
      const out = await new Promise<string>((resolve, reject) => {
        const c = spawn(process.execPath, ['--expose-gc', ...childFlags.filter((f) => f !== '--expose-gc'), 'bin/run-ts.mjs', 'bench/batch.ts', '--child', '--url', url, '--chunk-size', String(chunkSize)], {
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, ...Object.fromEntries(childEnv.map((kv) => kv.split('=', 2))) },
        });
        let s = '';
        c.stdout.on('data', (d) => (s += d));
        c.on('close', (code) => (code === 0 ? resolve(s) : reject(new Error(`child exited ${code}`))));
      });
      runs.push(JSON.parse(out.trim().split('\n').pop()!));
    }
    const best = runs.reduce((a, b) => (b.wall < a.wall ? b : a));
    const f = (x: number) => `${Math.round(x)} ms`;
    console.log(`runner: ${[...childEnv, 'node --expose-gc', ...childFlags.filter((f) => f !== '--expose-gc')].join(' ')}`);
    console.log(`run (best of ${runs.length}, chunk size ${chunkSize}): ${f(best.wall)} wall for ${best.tickers} tickers = ${Math.round((best.tickers / best.wall) * 1000)} tickers/s`);
    console.log(`  prepare ${f(best.prepare)} (last date, union date index, symbols, run + chunk rows)`);
    console.log(`  read ${f(best.read)}  compute ${f(best.compute)}  write ${f(best.write)}  (${best.chunks} chunks; reads overlap the previous chunk's compute and write)`);
    console.log(`  peak RSS ${best.maxRssMb.toFixed(1)} MB (maxRSS of the runner process), max RSS after a chunk ${best.maxChunkRss.toFixed(1)} MB`);
    console.log(`COPY floor via psql: text ${f(floorText)}, binary ${f(floorBinary)}; run / text floor = ${(best.wall / floorText).toFixed(2)}x`);
    console.log(`all runs: ${runs.map((r) => f(r.wall)).join(', ')}`);
  } finally {
    await pool.end();
    if (!process.argv.includes('--keep')) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`kept database ${url}`);
    await admin.end();
  }
}

await main();
