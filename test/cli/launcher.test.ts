/**
 * bin/vecbt.mjs is run by its #! line (`npx vecbt`, `npm start`, the Procfile): that line carries the runtime
 * settings the batch's memory figures were measured with, and `vecbt worker --concurrency N` passes them on.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { superviseWorkers } from '../../src/distributed/superviseWorkers';

const BIN = join(__dirname, '../../bin/vecbt.mjs');
const CASE = join(__dirname, '../../data-fixtures/golden/s01_single_trade_nofees.case.json');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const procOf = (pid: number) => ({
  argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean),
  env: readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter((kv) => kv.startsWith('MALLOC_')).sort(),
});

describe('bin/vecbt.mjs', () => {
  it('bin/vecbt.mjs simulate, executed by its #! line, prints what node bin/vecbt.mjs prints', () => {
    const direct = execFileSync(BIN, ['simulate', CASE], { encoding: 'utf8' });
    expect(direct).toBe(execFileSync(process.execPath, [BIN, 'simulate', CASE], { encoding: 'utf8' }));
  });

  it('bin/vecbt.mjs worker runs node with --expose-gc --max-semi-space-size=2 and the two glibc allocator settings', async () => {
    const child = spawn(BIN, ['worker', '--name', 'launcher'], { env: { ...process.env, DATABASE_URL: db.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    try {
      for (let i = 0; i < 200 && !/waiting|ready|listening/i.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      const p = procOf(child.pid!);
      expect([p.argv.slice(1, 3), p.env]).toEqual([['--expose-gc', '--max-semi-space-size=2'], ['MALLOC_ARENA_MAX=2', 'MALLOC_MMAP_THRESHOLD_=131072']]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, out).toBe(0);
  });
});

describe('superviseWorkers', () => {
  it("superviseWorkers({ n: 2 }) starts each child with the supervisor's own node flags", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vecbt-sup-'));
    const sup = superviseWorkers({
      n: 2,
      argv: (i) => ['-e', `require('fs').writeFileSync(${JSON.stringify(join(dir, 'x'))} + ${i}, JSON.stringify(process.execArgv)); setTimeout(() => {}, 60000)`],
    });
    const read = (i: number) => {
      try {
        return JSON.parse(readFileSync(join(dir, `x${i}`), 'utf8'));
      } catch {
        return null;
      }
    };
    for (let k = 0; k < 200 && (!read(1) || !read(2)); k++) await new Promise((r) => setTimeout(r, 25));
    sup.stop('SIGTERM');
    await sup.done;
    // (node counts `-e <code>` among a child's execArgv too: it follows the inherited flags.)
    const n = process.execArgv.length;
    expect([read(1)?.slice(0, n), read(2)?.slice(0, n), read(1)?.[n]]).toEqual([process.execArgv, process.execArgv, '-e']);
  });
});
