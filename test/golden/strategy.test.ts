/**
 * Golden conformance of the strategy: every data-fixtures/golden/*.strategy.json through the same code path as
 * `vecbt strategy` (read case + CSV, pivot, indicators, signals, simulate, encode, parse), compared with
 * vectorbt 0.28.3's expected file to 1e-9 relative (index, columns, entries_count, indicators, orders, trades,
 * value, stats, stats_mean), with exactly the expected file's keys; our extra keys (exit_reason, stale_exits) come
 * only with `extras`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strategyCaseJson } from '../../src/commands/strategy';
import { compareExpected } from '../helpers/compareExpected';

const DIR = join(__dirname, '../../data-fixtures/golden');
const V2 = join(DIR, 'strategies');
const BIN = join(__dirname, '../../bin/vecbt.mjs');
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.strategy.json')).sort();
/** Every vecbt-strategy-case/2 case: one or more per built-in strategy. */
const V2_CASES = readdirSync(V2).filter((f) => f.endsWith('.strategy.json')).sort();

function cli(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: execFileSync(process.execPath, [BIN, 'strategy', ...args], { encoding: 'utf8', stdio: 'pipe' }), stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('vecbt strategy on the golden strategy cases', () => {
  it('finds the golden strategy cases', () => {
    expect(CASES.length, 'u01 and r02 at least').toBeGreaterThanOrEqual(2);
  });

  for (const file of CASES) {
    const name = file.replace(/\.strategy\.json$/, '');
    it(`strategyCaseJson('${file}') matches ${name}.expected.json`, async () => {
      const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
      const actual = JSON.parse(await strategyCaseJson(join(DIR, file)));
      const m = compareExpected(expected, actual, { strictKeys: true });
      expect(m && `${m.path}: ${m.message}`, `${name} agrees with vectorbt, with exactly its keys`).toBeNull();
    });
  }

  for (const file of V2_CASES) {
    const name = file.replace(/\.strategy\.json$/, '');
    it(`strategyCaseJson('strategies/${file}') matches ${name}.expected.json (vecbt-strategy-case/2)`, async () => {
      const expected = JSON.parse(readFileSync(join(V2, `${name}.expected.json`), 'utf8'));
      const actual = JSON.parse(await strategyCaseJson(join(V2, file)));
      const m = compareExpected(expected, actual, { strictKeys: true });
      expect(m && `${m.path}: ${m.message}`, `${name} agrees with vectorbt, with exactly its keys`).toBeNull();
    });
  }

  it("strategyCaseJson(u01, {}, undefined, { extras: true }) adds stale_exits per column and each trade's exit_reason", async () => {
    const file = join(DIR, 'u01_synthetic_30x300.strategy.json');
    const extras = JSON.parse(await strategyCaseJson(file, {}, undefined, { extras: true }));
    const plain = JSON.parse(await strategyCaseJson(file));
    expect(extras.stale_exits, 'one stale-exit count per column').toHaveLength(plain.columns.length);
    expect(extras.trades.flat().every((t: { exit_reason?: string }) => typeof t.exit_reason === 'string')).toBe(true);
    expect(Object.keys(extras), 'the expected-file keys plus stale_exits').toEqual([...Object.keys(plain), 'stale_exits']);
  });

  it('`vecbt strategy r02 --extras` prints the library output with extras', async () => {
    const file = join(DIR, 'r02_goog_2004_2013.strategy.json');
    const r = cli([file, '--extras']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe((await strategyCaseJson(file, {}, undefined, { extras: true })) + '\n');
  });

  it("strategyCaseJson(u01, {}, 'stats') holds only stats and stats_mean, equal to the full run's", async () => {
    const file = join(DIR, 'u01_synthetic_30x300.strategy.json');
    const only = JSON.parse(await strategyCaseJson(file, {}, 'stats'));
    expect(Object.keys(only)).toEqual(['stats', 'stats_mean']);
    const full = JSON.parse(await strategyCaseJson(file));
    expect(only.stats).toEqual(full.stats);
  });

  it("strategyCaseJson(u01, { exit_mode: 'bars-after-fill' }) has no stale exits and differs from the seed", async () => {
    const file = join(DIR, 'u01_synthetic_30x300.strategy.json');
    const seed = JSON.parse(await strategyCaseJson(file, {}, undefined, { extras: true }));
    const timed = JSON.parse(await strategyCaseJson(file, { exit_mode: 'bars-after-fill' }, undefined, { extras: true }));
    expect(timed.stale_exits.every((x: number) => x === 0)).toBe(true);
    expect(timed.entries_count, 'same entries').toEqual(seed.entries_count);
    const staleTotal = seed.stale_exits.reduce((s: number, x: number) => s + x, 0);
    expect(staleTotal, 'the seed has stale exits on this universe').toBeGreaterThan(0);
    expect(timed.trades, 'different exits').not.toEqual(seed.trades);
  });

  it('`vecbt strategy r02 --only stats` as a subprocess prints the library output', async () => {
    const file = join(DIR, 'r02_goog_2004_2013.strategy.json');
    const r = cli([file, '--only', 'stats']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe((await strategyCaseJson(file, {}, 'stats')) + '\n');
  });

  it('`vecbt strategy u01 --exit-mode bars-after-fill --hold-bars 5 --only stats` applies the flags', async () => {
    const file = join(DIR, 'u01_synthetic_30x300.strategy.json');
    const r = cli([file, '--exit-mode', 'bars-after-fill', '--hold-bars', '5', '--only', 'stats']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe((await strategyCaseJson(file, { exit_mode: 'bars-after-fill', hold_bars: 5 }, 'stats')) + '\n');
  });

  describe('malformed input: exit code 2, one line naming the problem', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'vecbt-strategy-'));
    const write = (name: string, text: string) => {
      const p = join(tmp, name);
      writeFileSync(p, text);
      return p;
    };
    const good = { schema: 'vecbt-strategy-case/1', name: 'x', description: '', data: 'x.ohlcv.csv', strategy: { hold_bars: 7 } };
    const cases: [string, () => string[], RegExp][] = [
      ['not JSON', () => [write('a.json', '{')], /a\.json: not valid JSON/],
      ['a wrong schema', () => [write('b.json', JSON.stringify({ ...good, schema: 'vecbt-case/1' }))], /"schema" must be "vecbt-strategy-case\/2" \(or "vecbt-strategy-case\/1"\)/],
      ['an unknown strategy key', () => [write('c.json', JSON.stringify({ ...good, strategy: { hold_bar: 7 } }))], /c\.json: unknown key "strategy\.hold_bar" for strategy rvol_atr; allowed: rvol_window/],
      ['a bad strategy value', () => [write('d.json', JSON.stringify({ ...good, strategy: { sl_stop: -1 } }))], /d\.json: sl_stop must be a number >= 0, or off, got -1/],
      ['an unknown top-level field', () => [write('e.json', JSON.stringify({ ...good, extra: 1 }))], /e\.json: unknown field "extra"/],
      ['a missing CSV', () => [write('f.json', JSON.stringify({ ...good, data: 'missing.csv' }))], /missing\.csv: no such file/],
      ['a bad CSV value', () => {
        write('bad.csv', 'ticker,date,open,high,low,close,volume\nA,2020-01-01,1,2,0.5,1,10\nA,2020-01-02,1,2,0.5,oops,10\n');
        return [write('g.json', JSON.stringify({ ...good, data: 'bad.csv' }))];
      }, /bad\.csv:3: column "close" value "oops" is not a finite decimal number \(ticker A, date 2020-01-02\)/],
      ['a duplicate row', () => {
        write('dup.csv', 'ticker,date,open,high,low,close,volume\nA,2020-01-01,1,2,0.5,1,10\nA,2020-01-01,1,2,0.5,1,10\n');
        return [write('h.json', JSON.stringify({ ...good, data: 'dup.csv' }))];
      }, /duplicate row for ticker A on 2020-01-01 \(.*dup\.csv:2 and .*dup\.csv:3\)/],
      ['a header-only CSV', () => {
        write('empty.csv', 'ticker,date,open,high,low,close,volume\r\n');
        return [write('i.json', JSON.stringify({ ...good, data: 'empty.csv' }))];
      }, /empty\.csv: no data rows after the header/],
      ['an unknown flag', () => [join(DIR, CASES[0]), '--hold', '3'], /unknown flag --hold for strategy rvol_atr/],
      ['a bad --only', () => [join(DIR, CASES[0]), '--only', 'trades'], /--only takes "stats"/],
      ['no case file', () => [], /expected exactly one strategy case file \(\.json\) or OHLCV CSV, got 0/],
      ['an unknown --strategy', () => [join(DIR, CASES[0]), '--strategy', 'nope'], /unknown strategy "nope"; built-ins: rvol_atr/],
    ];
    it.each(cases)('%s', (_, args, message) => {
      const r = cli(args());
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n'), 'one line').toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  });
});
