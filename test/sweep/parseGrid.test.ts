import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { strategies } from '../../src/strategies';
import { buildGrid, parseGridFlag, rangeValues, readGridFile } from '../../src/sweep/parseGrid';

const rvolAtr = strategies.rvol_atr as never;
const maCross = strategies.ma_cross as never;

describe('rangeValues', () => {
  it('rangeValues is inclusive and decimal-exact: 0.1:0.3:0.1 is 0.1, 0.2, 0.3', () => {
    expect(rangeValues('0.1', '0.3', '0.1', 'x')).toEqual([0.1, 0.2, 0.3]);
    expect(rangeValues('5', '15', '5', 'x')).toEqual([5, 10, 15]);
    expect(rangeValues('1', '2', '0.25', 'x')).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(rangeValues('0', '0.0003', '1e-4', 'x')).toEqual([0, 0.0001, 0.0002, 0.0003]);
    expect(rangeValues('1', '1.9', '0.5', 'x'), 'the stop is an upper bound').toEqual([1, 1.5]);
  });
  it('rangeValues refuses a zero step, a reversed range and a huge one', () => {
    expect(() => rangeValues('1', '2', '0', '--grid a')).toThrow('--grid a: the step of 1:2:0 must be > 0');
    expect(() => rangeValues('2', '1', '1', '--grid a')).toThrow('--grid a: 2:1:1 is empty (stop < start)');
    expect(() => rangeValues('0', '1', '1e-9', '--grid a')).toThrow('has 1000000001 values; a grid axis takes at most 100,000');
  });
});

describe('parseGridFlag', () => {
  it('parseGridFlag reads lists, ranges and the spec words (off, all)', () => {
    expect(parseGridFlag('rvol_min=1.5,2,2.5', rvolAtr)).toEqual(['rvol_min', [1.5, 2, 2.5]]);
    expect(parseGridFlag('hold_bars=5:15:5', rvolAtr)).toEqual(['hold_bars', [5, 10, 15]]);
    expect(parseGridFlag('sl_stop=0.02,0.03,off', rvolAtr)).toEqual(['sl_stop', [0.02, 0.03, NaN]]);
    expect(parseGridFlag('exit_mode=shifted-signal,bars-after-fill', rvolAtr)).toEqual(['exit_mode', ['shifted-signal', 'bars-after-fill']]);
    expect(parseGridFlag('atr-pct-min=4,6', rvolAtr), 'a flag spelling works too').toEqual(['atr_pct_min', [4, 6]]);
  });
  const bad: [string, string][] = [
    ['rvol_min', '--grid takes name=v1,v2,... or name=start:stop:step'],
    ['nope=1,2', '--grid nope=1,2: unknown setting nope for strategy rvol_atr; known: rvol_window'],
    ['hold_bars=0,5', '--grid hold_bars=0,5: hold_bars must be an integer >= 1, got 0'],
    ['hold_bars=1.5:3:0.5', '--grid hold_bars=1.5:3:0.5: hold_bars must be an integer >= 1, got 1.5'],
    ['exit_mode=a:b:c', '--grid exit_mode=a:b:c: exit_mode is an enum; list its values instead'],
    ['rvol_min=2,2', '--grid rvol_min=2,2: a value is repeated'],
    ['sl_stop=x', '--grid sl_stop=x: sl_stop must be a number >= 0, or off, got "x"'],
  ];
  it.each(bad)('parseGridFlag(%s) is a one-line UserError', (text, message) => {
    expect(() => parseGridFlag(text, rvolAtr)).toThrow(UserError);
    expect(() => parseGridFlag(text, rvolAtr)).toThrow(message);
  });
});

describe('buildGrid', () => {
  it('buildGrid skips the combinations that break a rule and counts them (ma_cross: fast_window < slow_window)', () => {
    const g = buildGrid(maCross, { axes: { fast_window: [10, 20, 50], slow_window: [20, 50] } }, {});
    expect(g.combos).toEqual([{ fast_window: 10, slow_window: 20 }, { fast_window: 10, slow_window: 50 }, { fast_window: 20, slow_window: 50 }]);
    expect(g.describe).toEqual({ axes: { fast_window: [10, 20, 50], slow_window: [20, 50] }, product: 6, skipped: 3, skippedRules: ['fast_window < slow_window'] });
  });
  it('buildGrid(--grid-sample 3 --seed 7) keeps 3 combinations, the same ones for the same seed, in grid order', () => {
    const axes = { rvol_min: [1.5, 2, 2.5, 3], hold_bars: [5, 7, 10] };
    const a = buildGrid(rvolAtr, { axes }, {}, { n: 3, seed: 7 });
    expect(a.combos).toHaveLength(3);
    expect(buildGrid(rvolAtr, { axes }, {}, { n: 3, seed: 7 }).combos).toEqual(a.combos);
    expect(buildGrid(rvolAtr, { axes }, {}, { n: 3, seed: 8 }).combos, 'another seed, another sample').not.toEqual(a.combos);
    const all = buildGrid(rvolAtr, { axes }, {}).combos.map((c) => JSON.stringify(c));
    const idx = a.combos.map((c) => all.indexOf(JSON.stringify(c)));
    expect(idx).toEqual([...idx].sort((x, y) => x - y));
  });
  it('buildGrid refuses a grid where every combination breaks a rule', () => {
    expect(() => buildGrid(maCross, { axes: { fast_window: [50], slow_window: [20] } }, {})).toThrow('the grid has no combination left: all 1 break a rule of strategy ma_cross (fast_window < slow_window)');
  });
});

describe('readGridFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecbt-grid-'));
  const file = (name: string, doc: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return p;
  };
  it('readGridFile reads axes (lists and ranges, null = off) and explicit combinations', async () => {
    expect(await readGridFile(file('a.json', { axes: { sl_stop: [0.03, null], hold_bars: { start: 5, stop: 9, step: 2 } } }), rvolAtr)).toEqual({ axes: { sl_stop: [0.03, NaN], hold_bars: [5, 7, 9] } });
    expect(await readGridFile(file('b.json', { combos: [{ rvol_min: 2, hold_bars: 5 }, { rvol_min: 3 }] }), rvolAtr)).toEqual({ combos: [{ rvol_min: 2, hold_bars: 5 }, { rvol_min: 3 }] });
  });
  it('readGridFile refuses bad files with the file and the key', async () => {
    await expect(readGridFile(file('c.json', '{'), rvolAtr)).rejects.toThrow(/c\.json: not valid JSON .*; a grid file is \{"axes"/);
    await expect(readGridFile(file('d.json', { axes: { nope: [1] } }), rvolAtr)).rejects.toThrow(/d\.json: axes\.nope\[0\]: unknown setting nope for strategy rvol_atr/);
    await expect(readGridFile(file('e.json', { axes: {}, combos: [] }), rvolAtr)).rejects.toThrow('e.json: give exactly one of "axes" (a product) and "combos" (a list)');
    await expect(readGridFile(file('f.json', { combos: [{ hold_bars: 0 }] }), rvolAtr)).rejects.toThrow(/f\.json: combos\[0\]\.hold_bars: hold_bars must be an integer >= 1, got 0/);
    await expect(readGridFile(join(dir, 'missing.json'), rvolAtr)).rejects.toThrow(/missing\.json: no such file/);
  });
});
