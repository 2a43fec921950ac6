/**
 * Issue 16 item 3: the embedded database admits more than one vecbt at a time. A second process finds the
 * server of the same data directory running (its port from postmaster.pid) and connects to it; the server
 * stops when the last vecbt process using it ends, whichever started it. Each test has its own directory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/data/openDatabase';
import { afterEach, describe, expect, it } from 'vitest';
import { cliEnv, embeddedPid, pidAlive, removeHome, tempHome, vecbt, VECBT_BIN, waitFor } from '../helpers/vecbtCli';

const RUN_TS = join(__dirname, '../../bin/run-ts.mjs');
const HOLD = join(__dirname, 'fixtures/holdEmbedded.ts');

interface Holder {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  /** Resolves with the next stdout line matching `re`. */
  line(re: RegExp, ms?: number): Promise<string>;
  exited: Promise<number | null>;
}

function hold(home: string): Holder {
  const child = spawn(process.execPath, [RUN_TS, HOLD], { cwd: home, env: cliEnv(null) });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d.toString()));
  child.stderr.on('data', (d) => (err += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  let seen = 0;
  return {
    child,
    out: () => out + err,
    async line(re, ms = 60_000) {
      let found: string | undefined;
      await waitFor(() => {
        const lines = out.split('\n').slice(seen, -1);
        const i = lines.findIndex((l) => re.test(l));
        if (i >= 0) {
          found = lines[i];
          seen += i + 1;
        }
        return found !== undefined;
      }, ms, `${re} from the holder (got: ${out}${err})`);
      return found!;
    },
    exited,
  };
}

const homes: string[] = [];
const holders: Holder[] = [];
afterEach(async () => {
  for (const h of holders.splice(0)) h.child.kill('SIGKILL');
  for (const home of homes.splice(0)) await removeHome(home);
});
function newHome(): string {
  const h = tempHome('vecbt-shared-');
  homes.push(h);
  return h;
}

describe('startEmbedded with a server already running in the same directory', () => {
  it('vecbt runs and vecbt db migrate in a second process connect to the running server (same port), exit 0, and leave it running', async () => {
    const home = newHome();
    const a = hold(home);
    holders.push(a);
    const target = (await a.line(/^ready /)).slice('ready '.length);
    const pid = embeddedPid(home);
    expect(target).toMatch(/^embedded \(127\.0\.0\.1:\d+\/vecbt\)$/);

    const runs = await vecbt(['runs'], { databaseUrl: null, cwd: home });
    expect({ code: runs.code, err: runs.err }).toEqual({ code: 0, err: '' });
    expect(runs.out).toBe('no runs yet; start one with: npx vecbt run\n');
    const migrate = await vecbt(['db', 'migrate'], { databaseUrl: null, cwd: home });
    expect(migrate.code, migrate.err).toBe(0);
    expect(migrate.out, 'the same server, found through postmaster.pid').toBe(`${target} is up to date\n`);

    expect(embeddedPid(home), 'still the first process\'s server').toBe(pid);
    expect(pidAlive(pid!)).toBe(true);
    a.child.stdin.write('query\n');
    expect(await a.line(/^(ok|error)/)).toBe('ok 42');
  });

  it('the holder ending last stops the server; the one ending first (even the starter) leaves it to the other', async () => {
    const home = newHome();
    const starter = hold(home);
    holders.push(starter);
    const target = (await starter.line(/^ready /)).slice(6);
    const pid = embeddedPid(home)!;
    const second = hold(home);
    holders.push(second);
    expect((await second.line(/^ready /)).slice(6)).toBe(target);

    starter.child.stdin.end();
    expect(await starter.exited).toBe(0);
    expect(embeddedPid(home), 'the second process still uses it').toBe(pid);
    second.child.stdin.write('query\n');
    expect(await second.line(/^(ok|error)/)).toBe('ok 42');

    second.child.stdin.end();
    expect(await second.exited).toBe(0);
    expect(embeddedPid(home), 'the last user stopped it').toBeNull();
    await waitFor(() => !pidAlive(pid), 10_000, 'the server process to exit');
  });

  it('a holder killed with SIGKILL leaves the server up; the next vecbt command to end stops it', async () => {
    const home = newHome();
    const a = hold(home);
    holders.push(a);
    await a.line(/^ready /);
    const pid = embeddedPid(home)!;
    a.child.kill('SIGKILL');
    await a.exited;
    expect(pidAlive(pid), 'the server runs detached from the killed process').toBe(true);
    const runs = await vecbt(['runs'], { databaseUrl: null, cwd: home });
    expect(runs.code, runs.err).toBe(0);
    expect(embeddedPid(home)).toBeNull();
    await waitFor(() => !pidAlive(pid), 10_000, 'the old server to exit');
  });

  it('three commands started at once on a stopped server all succeed, and the server is stopped after them', async () => {
    const home = newHome();
    const first = await vecbt(['db', 'migrate'], { databaseUrl: null, cwd: home }); // initdb once, outside the race
    expect(first.code, first.err).toBe(0);
    const all = await Promise.all([0, 1, 2].map(() => vecbt(['runs'], { databaseUrl: null, cwd: home })));
    expect(all.map((r) => [r.code, r.err])).toEqual([[0, ''], [0, ''], [0, '']]);
    expect(embeddedPid(home)).toBeNull();
  });
});

describe('a stop signal to a command on the embedded database', () => {
  it('Ctrl+C (SIGINT to the process group) of vecbt run: the chunk in progress commits, the run is aborted, exit 0, the server stopped', async () => {
    const home = newHome();
    const synth = await vecbt(['db', 'synth', '--tickers', '60', '--days', '300'], { databaseUrl: null, cwd: home });
    expect(synth.code, synth.err).toBe(0);
    // Its own process group, as a shell gives a foreground job: the terminal's SIGINT reaches the whole group.
    const child = spawn(process.execPath, [VECBT_BIN, 'run', '--no-tui', '--chunk-size', '3'], { cwd: home, env: cliEnv(null), detached: true });
    let out = '';
    let err = '';
    let sent = false;
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (!sent && /^chunk 1\//m.test(out)) {
        sent = true;
        process.kill(-child.pid!, 'SIGINT');
      }
    });
    child.stderr.on('data', (d) => (err += d.toString()));
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(code, err).toBe(0);
    expect(out).toMatch(/npx vecbt run --resume \d+/);
    expect(embeddedPid(home), 'stopped by its last user').toBeNull();
    const db = await openDatabase({ embeddedDir: join(home, '.vecbt', 'pg') });
    try {
      const { rows } = await db.pool.query(`SELECT status, tickers_done FROM vecbt_runs`);
      expect(rows).toHaveLength(1);
      expect(rows[0].status, 'aborted after the chunk in progress (the server outlived the Ctrl+C)').toBe('aborted');
      expect(rows[0].tickers_done % 3, 'whole chunks only').toBe(0);
      expect(rows[0].tickers_done).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  it('vecbt db load gets SIGINT mid-load: exit 130, the server stopped, nothing loaded', async () => {
    const home = newHome();
    const csv = join(home, 'big.csv');
    const rows = ['ticker,date,open,high,low,close,volume'];
    for (let t = 0; t < 400; t++) {
      for (let d = 0; d < 1000; d++) rows.push(`T${t},${new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10)},10,11,9,10.5,1000`);
    }
    writeFileSync(csv, rows.join('\n') + '\n');
    expect((await vecbt(['db', 'migrate'], { databaseUrl: null, cwd: home })).code).toBe(0);
    const child = spawn(process.execPath, [VECBT_BIN, 'db', 'load', csv], { cwd: home, env: cliEnv(null) });
    let err = '';
    child.stderr.on('data', (d) => (err += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    await waitFor(() => embeddedPid(home) !== null, 60_000, 'the embedded server to start');
    await new Promise((r) => setTimeout(r, 1500)); // started, migrated, loading
    child.kill('SIGINT');
    expect(await exited, err).toBe(130);
    expect(embeddedPid(home), 'its only user stopped it').toBeNull();

    const db = await openDatabase({ embeddedDir: join(home, '.vecbt', 'pg') });
    try {
      const { rows: n } = await db.pool.query('SELECT (SELECT count(*) FROM daily_market_data)::int AS bars, (SELECT count(*) FROM tickers)::int AS tickers');
      expect(n[0], 'the load was one transaction, rolled back').toEqual({ bars: 0, tickers: 0 });
    } finally {
      await db.close();
    }
  });
});
