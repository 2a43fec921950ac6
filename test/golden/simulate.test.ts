/**
 * Golden conformance: every data-fixtures/golden/*.case.json (part 1: s*, f*; part 2: d* short side, p* groups
 * with shared cash, including the cases vectorbt refuses) through the same code path as `vecbt simulate` (read,
 * simulate, encode, parse), compared with vectorbt 0.28.3's expected file to 1e-9 relative; indices, counts, sides,
 * statuses, directions and position ids exactly; a missing or an extra key fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCaseJson } from '../../src/commands/simulate';
import { compareExpected } from '../helpers/compareExpected';

const DIR = join(__dirname, '../../data-fixtures/golden');
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.case.json')).sort();

describe('vecbt simulate on the golden cases', () => {
  it('finds the golden cases', () => {
    expect(CASES.length, 'data-fixtures/golden holds the scenario and fuzz cases').toBeGreaterThanOrEqual(46);
    expect(CASES.filter((f) => f.startsWith('d')).length, 'the short-side cases').toBeGreaterThanOrEqual(12);
    expect(CASES.filter((f) => f.startsWith('p')).length, 'the grouped cases').toBeGreaterThanOrEqual(9);
  });

  for (const file of CASES) {
    const name = file.replace(/\.case\.json$/, '');
    it(`simulateCaseJson('${file}') matches ${name}.expected.json`, async () => {
      const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
      const actual = JSON.parse(await simulateCaseJson(join(DIR, file)));
      const m = compareExpected(expected, actual, { strictKeys: true });
      expect(m && `${m.path}: ${m.message}`, `${name} agrees with vectorbt, with exactly its keys`).toBeNull();
    });
  }

  it('`vecbt simulate s01` as a subprocess prints the same JSON', async () => {
    const file = join(DIR, 's01_single_trade_nofees.case.json');
    const out = execFileSync(process.execPath, [join(__dirname, '../../bin/vecbt.mjs'), 'simulate', file], { encoding: 'utf8' });
    expect(out, 'the CLI prints the library output plus a newline').toBe((await simulateCaseJson(file)) + '\n');
  });

  it('`vecbt simulate s08 --extras` adds exit_reason to every trade and nothing else', async () => {
    const file = join(DIR, 's08_open_position_at_end.case.json');
    const out = execFileSync(process.execPath, [join(__dirname, '../../bin/vecbt.mjs'), 'simulate', file, '--extras'], { encoding: 'utf8' });
    const withExtras = JSON.parse(out);
    const plain = JSON.parse(await simulateCaseJson(file));
    expect(withExtras.trades[0].map((t: { exit_reason: string }) => t.exit_reason), 'LAST_BAR_ENTRY ends open').toEqual(['open']);
    for (const col of withExtras.trades) for (const t of col) delete t.exit_reason;
    expect(withExtras, 'otherwise the plain document').toEqual(plain);
  });

  it('`vecbt simulate d10` (percent sizing on a reversal) prints vectorbt\'s error document, one line on stderr, and exits 1', () => {
    const file = join(DIR, 'd10_percent_reversal_error.case.json');
    const r = spawnSync(process.execPath, [join(__dirname, '../../bin/vecbt.mjs'), 'simulate', file], { encoding: 'utf8' });
    expect(r.status, 'a refusal is not a success').toBe(1);
    expect(JSON.parse(r.stdout), 'stdout is the expected file').toEqual(JSON.parse(readFileSync(join(DIR, 'd10_percent_reversal_error.expected.json'), 'utf8')));
    expect(r.stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(r.stderr, 'names the reason').toMatch(/refused, as vectorbt 0\.28\.3 refuses it: ValueError: SizeType\.Percent does not support position reversal using signals/);
  });

  it('`vecbt simulate p09` (targetpercent) is refused with vectorbt\'s message', () => {
    const r = spawnSync(process.execPath, [join(__dirname, '../../bin/vecbt.mjs'), 'simulate', join(DIR, 'p09_targetpercent_error.case.json')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error).toEqual({ type: 'ValueError', message: 'Only SizeType.Amount, SizeType.Value, and SizeType.Percent are supported' });
  });

  it('`vecbt simulate p01` prints the grouped document: no per-column value/stats, no stats_mean with one group', async () => {
    const doc = JSON.parse(await simulateCaseJson(join(DIR, 'p01_percent_shared_cash.case.json')));
    expect(Object.keys(doc)).toEqual(['schema', 'vectorbt_version', 'orders', 'trades', 'assets', 'groups', 'call_seq', 'group_value', 'group_cash', 'group_free_cash', 'group_stats']);
    expect(doc.call_seq[12], 'bar 12: the sell of column 2 first, then no order, then the buy of column 0').toEqual([2, 1, 0]);
  });

  it('`vecbt simulate d01` adds part 2 keys, s01 keeps part 1 keys', async () => {
    const d = JSON.parse(await simulateCaseJson(join(DIR, 'd01_short_single_trade_fees.case.json')));
    expect(Object.keys(d)).toEqual(['schema', 'vectorbt_version', 'orders', 'trades', 'value', 'cash', 'free_cash', 'assets', 'stats', 'stats_mean']);
    expect(d.trades[0][0]).toMatchObject({ direction: 'short', parent_id: 0 });
    const s = JSON.parse(await simulateCaseJson(join(DIR, 's01_single_trade_nofees.case.json')));
    expect(Object.keys(s.trades[0][0]), 'no direction/parent_id in a part 1 document').not.toContain('direction');
  });

  it('`vecbt simulate` on a malformed case exits non-zero with a one-line message', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [join(__dirname, '../../bin/vecbt.mjs'), 'simulate', join(DIR, 'README.md')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: string };
      status = err.status;
      stderr = err.stderr;
    }
    expect(status, 'malformed input is a user error').toBe(2);
    expect(stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(stderr, 'names the file and the problem').toMatch(/README\.md: not valid JSON/);
  });
});

describe('simulate command (library call)', () => {
  it('run([case], io) writes the JSON and a newline to stdout and returns 0', async () => {
    const { run } = await import('../../src/commands/simulate');
    let out = '';
    const io = { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: () => true } } as never;
    expect(await run([join(DIR, 's02_single_trade_fees.case.json')], io)).toBe(0);
    expect(JSON.parse(out).schema).toBe('vecbt-expected/1');
  });
  it('run([], io) is a UserError with the usage', async () => {
    const { run } = await import('../../src/commands/simulate');
    await expect(run([], {} as never)).rejects.toThrow(/expected exactly one case file, got 0\. usage: vecbt simulate <case\.json>/);
  });
});

describe('bit-exactness', () => {
  it('every number of every golden case, part 1 and part 2, is bit-identical to vectorbt 0.28.3 (not only within 1e-9)', async () => {
    for (const file of CASES) {
      const name = file.replace(/\.case\.json$/, '');
      const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
      const actual = JSON.parse(await simulateCaseJson(join(DIR, file)));
      const m = compareExpected(expected, actual, { rel: 0, abs: 0 });
      expect(m && `${name}: ${m.path}: ${m.message}`, 'bit-identical').toBeNull();
    }
  });
});
