/**
 * `vecbt <command> --help`: usage, flags and defaults, without running anything. Each command's own
 * "unknown flag" message lists the flags its parser accepts; the help must name every one of them.
 */
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { main } from '../../src/cli';
import { settingKeys } from '../../src/strategy';
import { strategies } from '../../src/strategies';

async function vecbt(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/none'; // a help that touched the database would fail
  try {
    const code = await main(argv, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) });
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

const flagsIn = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();

describe('vecbt <command> --help', () => {
  for (const [cmd, probe] of [
    ['run', ['run', '--frobnicate']],
    ['start', ['start', '--frobnicate']],
    ['runs', ['runs', '--frobnicate']],
    ['results', ['results', '1', '--frobnicate']],
    ['worker', ['worker', '--frobnicate']],
    ['strategy', ['strategy', 'data-fixtures/golden/u01_synthetic_30x300.strategy.json', '--frobnicate']],
    ['db', ['db', 'synth', '--frobnicate']],
  ] as const) {
    it(`vecbt ${cmd} --help names every flag vecbt ${cmd} accepts, exit 0, stderr empty`, async () => {
      const help = await vecbt(cmd, '--help');
      // vecbt start shares vecbt run's parser but refuses --distributed/--detach (tested below).
      const refused = cmd === 'start' ? ['--detach', '--distributed'] : [];
      const known = flagsIn((await vecbt(...probe)).err.replace('--frobnicate', '')).filter((f) => !refused.includes(f));
      expect(known.length, `vecbt ${probe.join(' ')} lists its flags`).toBeGreaterThan(0);
      expect([help.code, help.err, help.out.startsWith(`usage: vecbt ${cmd}`)]).toEqual([0, '', true]);
      expect(known.filter((f) => !help.out.includes(f)), 'flags missing from the help').toEqual([]);
    });
  }

  it('vecbt start --distributed is refused in one line pointing at vecbt run --distributed, exit 2, no database touched', async () => {
    const r = await vecbt('start', '--distributed');
    expect([r.code, r.out, r.err]).toEqual([
      2,
      '',
      'vecbt start: vecbt start runs the batch in this process; to queue the chunks for workers use: npx vecbt run --distributed (with DATABASE_URL set)\n',
    ]);
  });

  it('vecbt run --help documents VECBT_CHUNK_TIMEOUT_SECONDS with --distributed; vecbt worker --help says it is set when the run is queued', async () => {
    const [run, worker] = await Promise.all([vecbt('run', '--help'), vecbt('worker', '--help')]);
    expect(run.out).toMatch(/--distributed \[--detach\][\s\S]*VECBT_CHUNK_TIMEOUT_SECONDS \(default 50\)/);
    expect(worker.out).toContain('VECBT_CHUNK_TIMEOUT_SECONDS for vecbt run --distributed');
  });

  it('vecbt run --help shows every setting flag of rvol_atr (and of the portfolio) with its default, from the specs', async () => {
    const { out } = await vecbt('run', '--help');
    for (const k of settingKeys(strategies.rvol_atr)) expect(out, k).toContain(`--${k.replace(/_/g, '-')} `);
    expect(out).toMatch(/--rvol-min X +entry needs rvol > rvol_min \(a number; default 2\)/);
    expect(out).toMatch(/--sl-stop X +.*\(a number >= 0, or off; default 0\.03\)/);
    expect(out).toMatch(/--tp-stop X +.*default off\)/);
    expect(out).toMatch(/--size X +.*default all\)/);
  });

  it('vecbt help db, vecbt db -h and vecbt db synth --help print the same text', async () => {
    const [a, b, c] = await Promise.all([vecbt('help', 'db'), vecbt('db', '-h'), vecbt('db', 'synth', '--help')]);
    expect([a.out === b.out, b.out === c.out, a.code, b.code, c.code]).toEqual([true, true, 0, 0, 0]);
  });

  it('vecbt --help ends by pointing at vecbt <command> --help; vecbt alone exits 2', async () => {
    const [h, none] = await Promise.all([vecbt('--help'), vecbt()]);
    expect([h.code, h.out.trimEnd().split('\n').pop(), none.code]).toEqual([0, 'vecbt <command> --help shows its flags and defaults.', 2]);
  });
});
