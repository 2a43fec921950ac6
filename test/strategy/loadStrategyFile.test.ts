/**
 * loadStrategyFile: a user's strategy file, transpiled and evaluated, or one clear line saying what is wrong with
 * it (the file, and for a syntax error its line and column).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { loadStrategyFile, sha256, strategyFromSource } from '../../src/strategy/loadStrategyFile';
import { runStrategy, StrategyError } from '../../src/strategy/runStrategy';

const dir = mkdtempSync(join(tmpdir(), 'vecbt-strategy-file-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const GOOD = `import { defineStrategy } from 'vecbt';

/** Long when the close is above the previous close. */
export default defineStrategy({
  name: 'up_day',
  description: 'enter after an up day, exit after a down day',
  fields: ['close'],
  params: { min_move: { type: 'number', default: 0, min: 0, doc: 'smallest move that counts' } },
  warmup: () => 2,
  indicators: (d) => {
    const move = new Float64Array(d.close.length).fill(NaN);
    for (let c = 0; c < d.nCols; c++) for (let r = 1; r < d.nRows; r++) move[c * d.nRows + r] = d.close[c * d.nRows + r] - d.close[c * d.nRows + r - 1];
    return { move };
  },
  signals: (d, ind, p) => {
    const entries = new Uint8Array(d.close.length);
    const exits = new Uint8Array(d.close.length);
    for (let i = 0; i < entries.length; i++) {
      entries[i] = Number(ind.move[i] > p.min_move);
      exits[i] = Number(ind.move[i] < -p.min_move);
    }
    return { entries, exits };
  },
});
`;

const data = () => ({ nRows: 5, nCols: 1, open: new Float64Array(5), high: new Float64Array(5), low: new Float64Array(5), close: Float64Array.of(10, 11, 12, 11, 13), volume: new Float64Array(5) });

afterEach(() => {
  delete process.env.VECBT_STRATEGY_TIMEOUT_SECONDS;
});

describe('loadStrategyFile', () => {
  it('loadStrategyFile(a good .ts file) evaluates its default export, with its text and SHA-256', async () => {
    const p = file('up.ts', GOOD);
    const l = await loadStrategyFile(p);
    expect([l.strategy.name, l.source, l.sha256, l.file]).toEqual(['up_day', GOOD, sha256(GOOD), p]);
    const r = runStrategy(data(), l.strategy);
    expect(Array.from(r.signals.entries), 'entries after the up days').toEqual([0, 1, 1, 0, 1]);
    expect(Array.from(r.signals.exits)).toEqual([0, 0, 0, 1, 0]);
  });

  it('loadStrategyFile(.mjs) works the same without types', async () => {
    const l = await loadStrategyFile(file('up.mjs', GOOD.replace(/: \{ type: 'number'/, ": { type: 'number'")));
    expect(l.strategy.name).toBe('up_day');
  });

  const bad: [string, () => string, RegExp][] = [
    ['a missing file', () => join(dir, 'nope.ts'), /nope\.ts: cannot read the strategy file \(no such file\); give a built-in name/],
    ['a syntax error (file:line:col and the line)', () => file('syntax.ts', GOOD.replace('warmup: () => 2,', 'warmup: () => 2,,')), /syntax\.ts:9:19: the strategy file does not compile: Expected identifier but found "," \(in: warmup: \(\) => 2,,\)/],
    ['no default export', () => file('named.ts', GOOD.replace('export default defineStrategy', 'export const s = defineStrategy')), /named\.ts: exports no strategy; write `export default defineStrategy\(\{ \.\.\. \}\)` \(it exports s but no default\)/],
    ['an invalid spec', () => file('spec.ts', GOOD.replace("min: 0, doc: 'smallest move that counts'", "min: 0, doc: ''")), /up_day: parameter "min_move": "doc" must be a one-line description/],
    ['a default out of its range', () => file('range.ts', GOOD.replace('default: 0, min: 0', 'default: -1, min: 0')), /up_day: parameter "min_move": its default -1 is not a number >= 0/],
    ['a relative import', () => file('rel.ts', `import { helper } from './helper';\nhelper();\n${GOOD}`), /rel\.ts: imports "\.\/helper"; a strategy file must be self-contained: import only from 'vecbt'/],
    ['a throw while loading', () => file('throws.ts', `throw new Error('no data yet');\n${GOOD}`), /throws\.ts: the strategy file threw while loading: no data yet/],
    ['a default export that is not a strategy', () => file('num.ts', 'export default 42;'), /num\.ts: expected a strategy object \(made with defineStrategy\), got number/],
    ['an object without the functions', () => file('obj.ts', "export default { name: 'half', description: 'd', fields: ['close'], params: {} };"), /obj\.ts half: "warmup" must be a function/],
    ['a portfolio setting as a parameter', () => file('clash.ts', GOOD.replace('min_move', 'sl_stop').replace('p.min_move', 'p.sl_stop').replace('-p.min_move', '-p.sl_stop')), /parameter "sl_stop" is a portfolio setting every strategy gets; rename it/],
  ];
  it.each(bad)('loadStrategyFile refuses %s with one line naming the file', async (_, path, message) => {
    const err = await loadStrategyFile(path()).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message.split('\n'), 'one line').toHaveLength(1);
    expect(err.message).toMatch(message);
  });

  it('a strategy stuck in a loop is stopped after VECBT_STRATEGY_TIMEOUT_SECONDS, naming it', async () => {
    process.env.VECBT_STRATEGY_TIMEOUT_SECONDS = '0.5';
    const l = await strategyFromSource(GOOD.replace('return { entries, exits };', 'for (;;) {}'), join(dir, 'loop.ts'));
    const t = Date.now();
    expect(() => runStrategy(data(), l.strategy)).toThrow(StrategyError);
    expect(() => runStrategy(data(), l.strategy)).toThrow(/strategy up_day \(.*loop\.ts\): signals\(\) took longer than 1 s and was stopped; make it faster, or raise VECBT_STRATEGY_TIMEOUT_SECONDS/);
    expect(Date.now() - t, 'two stopped calls, each after ~0.5 s').toBeLessThan(5000);
  });

  it('a strategy that throws in signals() is named with the error', async () => {
    const l = await strategyFromSource(GOOD.replace('return { entries, exits };', "throw new TypeError('bad index');"), 'x.ts');
    expect(() => runStrategy(data(), l.strategy)).toThrow('strategy up_day: signals() threw TypeError: bad index');
  });
});
