/**
 * bench:csv: `vecbt strategy`'s CSV read, next to its floor, on a generated long CSV.
 *
 *   npm run bench:csv                                   # 6,000 tickers x 504 days (~205 MB), best of 3
 *   npm run bench:csv -- --tickers 1000 --days 252 --runs 1 --keep
 *
 * Writes the file into a temp dir (full-precision prices, as a vendor export has them), then times each path in
 * its own child process started with the launcher's settings (bin/vecbt.mjs's #! line, as `vecbt strategy` runs),
 * so each peak RSS (process.resourceUsage().maxRSS) is that path's alone:
 *   - floor, time: read the file's bytes through the same 1 MB stream and drop them;
 *   - floor, memory: the node + tsx process that has imported the reader, plus the matrices' own bytes
 *     (5 float64 fields and the presence byte per cell);
 *   - readOhlcvMatrix(path, { missing: 'nan' }): what `vecbt strategy` calls;
 *   - pivotOhlcv(readOhlcvCsv(path)): the rows-then-pivot path it replaced, for reference;
 *   - `vecbt strategy case.json --only stats`: the whole command (read, strategy, simulation, stats).
 * Prints figures; asserts nothing. The temp dir is removed unless --keep.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcherSettings } from './launcher';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
}

type Mode = 'bytes' | 'baseline' | 'matrix' | 'rows';

/** The measured step, in the child: prints { ms, cpuMs, rssMb } as one JSON line. */
async function child(mode: Mode, path: string): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let shape = '';
  if (mode === 'bytes') {
    const { csvFileChunks } = await import('../src/data/csvFileChunks');
    let n = 0;
    for await (const c of csvFileChunks(path)) n += c.length;
    shape = `${n} bytes`;
  } else if (mode === 'matrix') {
    const { readOhlcvMatrix } = await import('../src/data/readOhlcvMatrix');
    const m = await readOhlcvMatrix(path, { missing: 'nan' });
    shape = `${m.data.nRows} x ${m.data.nCols}`;
  } else if (mode === 'rows') {
    const { readOhlcvCsv } = await import('../src/data/csv');
    const { pivotOhlcv } = await import('../src/data/pivot');
    const m = pivotOhlcv(await readOhlcvCsv(path, { missing: 'nan' }), { source: path });
    shape = `${m.data.nRows} x ${m.data.nCols}`;
  } else {
    await import('../src/data/readOhlcvMatrix');
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, shape }) + '\n');
}

/** A long CSV, tickers grouped, dates ascending, like a vendor's export. */
function writeCsv(file: string, tickers: number, days: number): void {
  const fd = openSync(file, 'w');
  writeSync(fd, 'ticker,date,open,high,low,close,volume\n');
  const dates: string[] = [];
  for (const d = new Date(Date.UTC(2024, 11, 31)); dates.length < days; d.setUTCDate(d.getUTCDate() - 1)) {
    if (d.getUTCDay() % 6 !== 0) dates.push(d.toISOString().slice(0, 10));
  }
  dates.reverse();
  let a = 42;
  const r = () => (a = (a * 16807) % 2147483647) / 2147483647;
  for (let t = 1; t <= tickers; t++) {
    const name = 'S' + String(t).padStart(5, '0');
    let c = 10 + 200 * r();
    let s = '';
    for (const date of dates) {
      const o = c * (1 + (r() - 0.5) * 0.02);
      c *= 1 + (r() - 0.5) * 0.06;
      const h = Math.max(o, c) * (1 + r() * 0.02);
      const l = Math.min(o, c) * (1 - r() * 0.02);
      s += `${name},${date},${o.toFixed(6)},${h.toFixed(6)},${l.toFixed(6)},${c.toFixed(6)},${Math.round(1e5 + r() * 5e6)}\n`;
    }
    writeSync(fd, s);
  }
  closeSync(fd);
}

interface Figure {
  ms: number;
  cpuMs: number;
  rssMb: number;
  shape?: string;
}

async function main(): Promise<void> {
  const tickers = Number(arg('--tickers', '6000'));
  const days = Number(arg('--days', '504'));
  const runs = Number(arg('--runs', '3'));
  const keep = process.argv.includes('--keep');
  const launcher = launcherSettings();
  const env = { ...process.env, ...launcher.env, TZ: 'UTC' };
  const dir = mkdtempSync(join(tmpdir(), 'vecbt-bench-csv-'));
  try {
    const csv = join(dir, 'long.ohlcv.csv');
    const t = performance.now();
    writeCsv(csv, tickers, days);
    const size = statSync(csv).size;
    const caseFile = join(dir, 'long.strategy.json');
    writeFileSync(caseFile, JSON.stringify({ schema: 'vecbt-strategy-case/1', data: 'long.ohlcv.csv', strategy: {} }));
    console.log(`${tickers} tickers x ${days} days: ${(size / 2 ** 20).toFixed(0)} MB (${size} bytes) written in ${((performance.now() - t) / 1000).toFixed(1)} s to ${dir}`);
    console.log(`node ${process.version}, launcher: ${[...Object.entries(launcher.env).map(([k, v]) => `${k}=${v}`), ...launcher.flags].join(' ')}`);

    /** best wall of `runs`, with the highest peak RSS of them */
    const best = (one: () => Figure): Figure => {
      const all = Array.from({ length: runs }, one);
      const fastest = all.reduce((x, y) => (y.ms < x.ms ? y : x));
      return { ...fastest, rssMb: Math.max(...all.map((f) => f.rssMb)) };
    };
    const measure = (mode: Mode): Figure =>
      best(() => {
        const r = spawnSync(process.execPath, [...launcher.flags, 'bin/run-ts.mjs', 'bench/csv.ts', '--child', mode, csv], { env, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
        return JSON.parse(r.stdout.trim().split('\n').pop()!) as Figure;
      });
    const whole = (): Figure =>
      best(() => {
        const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'bin/vecbt.mjs', 'strategy', caseFile, '--only', 'stats'], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
        if (r.status !== 0) throw new Error(`vecbt strategy failed: ${r.stderr}`);
        const [e, u, s, m] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
        return { ms: e * 1000, cpuMs: (u + s) * 1000, rssMb: m / 1024 };
      });

    const cells = tickers * days;
    const arraysMb = (cells * (5 * 8 + 1)) / 2 ** 20;
    const base = measure('baseline');
    const bytes = measure('bytes');
    const matrix = measure('matrix');
    const rows = measure('rows');
    const cli = whole();
    const line = (what: string, f: Figure, extra = '') =>
      console.log(`${what.padEnd(44)} ${(f.ms / 1000).toFixed(2).padStart(6)} s wall ${(f.cpuMs / 1000).toFixed(2).padStart(6)} s cpu ${f.rssMb.toFixed(0).padStart(5)} MB peak RSS${extra}`);
    console.log(`\nbest of ${runs} (wall; peak RSS is the highest of the runs)`);
    line('floor: read the bytes', bytes, `  (${((size / 2 ** 20) / (bytes.ms / 1000)).toFixed(0)} MB/s)`);
    line('floor: process with the reader loaded', base);
    console.log(`${'floor: the matrices themselves'.padEnd(44)} ${' '.repeat(30)}${arraysMb.toFixed(0).padStart(5)} MB  -> memory floor ${(base.rssMb + arraysMb).toFixed(0)} MB`);
    line('readOhlcvMatrix (vecbt strategy)', matrix, `  ${matrix.shape}; ${(matrix.ms / bytes.ms).toFixed(1)}x the byte read, ${(matrix.rssMb / (base.rssMb + arraysMb)).toFixed(2)}x the memory floor`);
    line('pivotOhlcv(readOhlcvCsv) (before)', rows, `  ${(rows.rssMb / (base.rssMb + arraysMb)).toFixed(2)}x the memory floor`);
    line('vecbt strategy --only stats (whole process)', cli);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) {
  const i = process.argv.indexOf('--child');
  await child(process.argv[i + 1] as Mode, process.argv[i + 2]);
} else await main();
