/**
 * Distributed benchmark: `npm run bench:distributed -- --tickers 24000 --days 504 --workers 1,2 [--chunk-size 500] [--seed 42] [--keep] [--db URL] [--no-single]`
 *
 * Against the local PostgreSQL (VECBT_BENCH_PG, default postgres://postgres@127.0.0.1:5432): a fresh database
 * synthesised once (`vecbt db synth` logic), VACUUM ANALYZE, then
 * - the single-process runner (`vecbt run`'s BatchRunner, prefetching) in a child process, for reference;
 * - for each N of --workers: `vecbt worker --concurrency N` (N worker processes) started and idle first
 *   (their boot is not timed), then one distributed run created, enqueued and followed from this process
 *   until done.
 * Wall time is from creating the run to the run being done. Peak RSS is each process's own high-water mark
 * from the OS (VmHWM in /proc/PID/status, read before the worker is stopped; maxRSS for the single runner).
 * Every process runs with the settings of bin/vecbt.mjs's #! line (node flags, allocator environment), as
 * users' processes do: the workers are started through it, the single runner with what it reads.
 * Prints figures; asserts nothing. The database is dropped at the end unless --keep; `--db URL` reuses a kept one
 * (no synth, not dropped); `--no-single` skips the single-process reference.
 */
import pg from 'pg';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { migrate } from '../src/data/migrate';
import { synthUniverse } from '../src/data/synth';
import { launcherSettings } from './launcher';

const launcher = launcherSettings();

const BASE = process.env.VECBT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
}

const f = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function singleChild(url: string, chunkSize: number): Promise<void> {
  const { BatchRunner } = await import('../src/batch');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const t0 = performance.now();
  const done = await new BatchRunner({ pool, target: 'bench', chunkSize }).start();
  const wall = performance.now() - t0;
  await pool.end();
  const ru = process.resourceUsage();
  const cpu = (ru.userCPUTime + ru.systemCPUTime) / 1e6;
  process.stdout.write(JSON.stringify({ status: done.status, tickers: done.tickersDone, wall, cpu, maxRssMb: ru.maxRSS / 1024 }) + '\n');
}

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat (0 when it is gone). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (CLK_TCK = 100)
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the server processes serving this database (their connections persist across a run). */
async function serverCpu(pool: pg.Pool): Promise<Map<number, number>> {
  const { rows } = await pool.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  return new Map(rows.map((r) => [r.pid as number, cpuSeconds(r.pid)]));
}

function serverCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, c] of after) s += c - (before.get(pid) ?? 0);
  return s;
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function single(url: string, chunkSize: number) {
  const out = await new Promise<string>((resolve, reject) => {
    const c = spawn(process.execPath, [...launcher.flags, 'bin/run-ts.mjs', 'bench/distributed.ts', '--child-single', '--url', url, '--chunk-size', String(chunkSize)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...launcher.env },
    });
    let s = '';
    c.stdout.on('data', (d) => (s += d));
    c.on('close', (code) => (code === 0 ? resolve(s) : reject(new Error(`single runner exited ${code}`))));
  });
  return JSON.parse(out.trim().split('\n').pop()!) as { status: string; tickers: number; wall: number; cpu: number; maxRssMb: number };
}

async function distributed(pool: pg.Pool, url: string, n: number, chunkSize: number) {
  const { DistributedRun } = await import('../src/distributed');
  const base = `bench${n}`;
  // Started as users start it (bin/vecbt.mjs by its #! line); the supervisor passes its node flags and
  // environment on to the worker processes.
  const sup = spawn('bin/vecbt.mjs', ['worker', '--concurrency', String(n), '--name', base, '--poll-ms', '50'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve) =>
    sup.stdout.on('data', (d) => {
      out += d;
      if ((out.match(/waiting for chunk jobs/g) ?? []).length >= n) resolve();
    }),
  );
  const exited = new Promise<number | null>((resolve) => sup.on('exit', (code) => resolve(code)));
  const procsQuery = `SELECT name, pid FROM vecbt_workers WHERE stopped_at IS NULL AND (name = $1 OR name LIKE $2) ORDER BY name`;
  const { rows: procs } = await pool.query(procsQuery, [base, `${base}.%`]);
  const workerCpu0 = procs.map((p) => cpuSeconds(p.pid));
  const server0 = await serverCpu(pool);
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  const run = new DistributedRun({ pool, target: 'bench', chunkSize, pollMs: 100 });
  const done = await run.follow();
  const wall = performance.now() - t0;
  const self = process.cpuUsage(self0);
  const cpu = {
    workers: procs.reduce((a, p, k) => a + cpuSeconds(p.pid) - workerCpu0[k], 0),
    server: serverCpuDelta(server0, await serverCpu(pool)),
    follower: (self.user + self.system) / 1e6,
  };
  const rss = procs.map((p) => peakRssMb(p.pid));
  sup.kill('SIGTERM');
  await exited;
  const { rows } = await pool.query(
    `SELECT worker, count(*)::int AS chunks, sum(read_ms) AS read, sum(compute_ms) AS compute, sum(write_ms) AS write
       FROM vecbt_chunks WHERE run_id = $1 GROUP BY worker ORDER BY worker`,
    [done.runId],
  );
  return { status: done.status, tickers: done.tickersDone, wall, rss, cpu, perWorker: rows as { worker: string; chunks: number; read: number; compute: number; write: number }[] };
}

async function main(): Promise<void> {
  if (process.argv.includes('--child-single')) return singleChild(arg('--url')!, Number(arg('--chunk-size', '500')));
  const tickers = Number(arg('--tickers', '24000'));
  const days = Number(arg('--days', '504'));
  const chunkSize = Number(arg('--chunk-size', '500'));
  const seed = Number(arg('--seed', '42'));
  const counts = (arg('--workers', '1,2') ?? '1,2').split(',').map(Number);
  const reuse = arg('--db');
  const name = `vecbt_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${BASE}/postgres` });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = reuse ?? `${BASE}/${name}`;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // pool.end() resolves before its idle clients' sockets close; the DROP ... WITH (FORCE) below would then
  // surface their termination as an 'error' event with no listener.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
    if (!reuse) {
      const t = performance.now();
      const bars = await synthUniverse(pool, { tickers, days, seed });
      console.log(`synth ${tickers} tickers x ${days} days = ${bars} bars in ${f(performance.now() - t)}`);
      await pool.query('VACUUM ANALYZE daily_market_data');
      await pool.query('VACUUM ANALYZE tickers');
    }
    console.log(`load average before the runs: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')} (${(await import('node:os')).cpus().length} cores)`);
    // Warm the cache as the runs will find it, then the single-process reference.
    let sb = { status: 'skipped', tickers: 0, wall: NaN, cpu: NaN, maxRssMb: NaN };
    if (!process.argv.includes('--no-single')) {
      const s = await single(url, chunkSize);
      const s2 = await single(url, chunkSize);
      sb = s2.wall < s.wall ? s2 : s;
      console.log(`single-process runner (vecbt run, best of 2): ${f(sb.wall)} for ${sb.tickers} tickers, peak RSS ${sb.maxRssMb.toFixed(0)} MB, CPU of the runner process ${sb.cpu.toFixed(1)} s (tsx start included) [${sb.status}]`);
    }
    const rows: string[] = [];
    let oneWall = NaN;
    for (const n of counts) {
      const r = await distributed(pool, url, n, chunkSize);
      if (n === 1) oneWall = r.wall;
      console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
      console.log(`--distributed, ${n} worker process(es): ${f(r.wall)} for ${r.tickers} tickers [${r.status}]; per-worker peak RSS ${r.rss.map((x) => `${x.toFixed(0)} MB`).join(', ')}`);
      const total = r.cpu.workers + r.cpu.server + r.cpu.follower;
      console.log(
        `  CPU: workers ${r.cpu.workers.toFixed(1)} s, postgres ${r.cpu.server.toFixed(1)} s, follower ${r.cpu.follower.toFixed(1)} s = ${total.toFixed(1)} s ` +
          `in ${f(r.wall)} wall: the run got ${((total * 1000) / r.wall).toFixed(2)} of ${(await import('node:os')).cpus().length} cores`,
      );
      for (const w of r.perWorker) {
        console.log(`  ${w.worker}: ${w.chunks} chunks, read ${f(w.read)} compute ${f(w.compute)} write ${f(w.write)} (summed over its chunks)`);
      }
      rows.push(`| ${n} worker${n > 1 ? 's' : ''} | ${f(r.wall)} | ${Number.isNaN(oneWall) ? '' : `${(oneWall / r.wall).toFixed(2)}x`} | ${Math.max(...r.rss).toFixed(0)} MB |`);
    }
    console.log('\n| run | wall | speed-up vs 1 worker | peak RSS per process (max) |\n|---|---|---|---|');
    console.log(`| single process (vecbt run) | ${f(sb.wall)} | | ${sb.maxRssMb.toFixed(0)} MB |`);
    for (const r of rows) console.log(r);
  } finally {
    await pool.end();
    if (reuse) undefined;
    else if (!process.argv.includes('--keep')) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`kept database ${url}`);
    await admin.end();
  }
}

await main();
