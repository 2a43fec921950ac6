/**
 * parseCase / readCaseFile: a valid case becomes column-major inputs; every malformed case is a UserError whose
 * one-line message names the file and the field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { parseCase, parseFreqDays, readCaseFile } from '../../src/io/readCase';

function valid(): Record<string, any> {
  return {
    schema: 'vecbt-case/1',
    name: 't',
    description: 'd',
    index: ['2021-01-01', '2021-01-02', '2021-01-03'],
    columns: ['A', 'B'],
    close: [
      [10, null, 12],
      [20, 21, 22],
    ],
    entries: [
      [true, false, false],
      [false, true, false],
    ],
    exits: [
      [false, false, true],
      [false, false, false],
    ],
    params: { init_cash: 100, fees: 0.001, fixed_fees: 0, slippage: 0, sl_stop: 0.03, sl_trail: false, tp_stop: null, size: null, direction: 'longonly', accumulate: false, freq: '1D' },
  };
}

function errorOf(doc: unknown): string {
  try {
    parseCase(doc, 'x.case.json');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const msg = (e as Error).message;
    expect(msg.includes('\n'), 'one line').toBe(false);
    return msg;
  }
  throw new Error('expected a UserError');
}

describe('parseCase', () => {
  it('parseCase(valid) gives column-major prices and signals, NaN for null, resolved options', () => {
    const c = parseCase(valid(), 'x.case.json');
    expect(c.prices.nRows).toBe(3);
    expect(c.prices.nCols).toBe(2);
    expect([...c.prices.close]).toEqual([10, NaN, 12, 20, 21, 22]);
    expect([...c.entries]).toEqual([1, 0, 0, 0, 1, 0]);
    expect(c.prices.open).toBeNull();
    expect(c.options).toMatchObject({ initCash: 100, fees: 0.001, slStop: 0.03, tpStop: NaN, size: Infinity, slTrail: false });
    expect(c.freqDays).toBe(1);
  });

  it('params may be omitted (vectorbt defaults) or given per column', () => {
    const d = valid();
    d.params = { fees: [0.001, 0.002] };
    const c = parseCase(d, 'x');
    expect([...(c.options.fees as Float64Array)]).toEqual([0.001, 0.002]);
    expect(c.options.slStop).toBeUndefined();
  });

  it('a missing field is named', () => {
    const d = valid();
    delete d.close;
    expect(errorOf(d)).toBe('x.case.json: missing required field "close"');
  });

  it('a wrong schema is named with what was found', () => {
    expect(errorOf({ ...valid(), schema: 'vecbt-case/2' })).toMatch(/"schema" must be "vecbt-case\/1", got "vecbt-case\/2"/);
    expect(errorOf([])).toMatch(/expected a JSON object/);
  });

  it('a column of the wrong length names the column and the expected length', () => {
    const d = valid();
    d.close[1] = [1, 2];
    expect(errorOf(d)).toBe('x.case.json: close[1] has 2 values, expected 3 (one per date of "index")');
  });

  it('a wrong number of columns explains the layout', () => {
    const d = valid();
    d.entries = [[true, false, false]];
    expect(errorOf(d)).toMatch(/"entries" has 1 columns, expected 2 .*entries\[column\]\[row\]/);
  });

  it('a non-number price and a non-boolean signal are located by [column][row]', () => {
    const d = valid();
    d.close[0][2] = '12';
    expect(errorOf(d)).toMatch(/close\[0\]\[2\] must be a number or null/);
    const e = valid();
    e.exits[1][0] = 'yes';
    expect(errorOf(e)).toMatch(/exits\[1\]\[0\] must be true or false/);
  });

  it('an unknown param or field is rejected with the allowed list', () => {
    const d = valid();
    d.params.sl_stp = 0.03;
    expect(errorOf(d)).toMatch(/unknown param "params.sl_stp"; allowed: init_cash/);
    expect(errorOf({ ...valid(), Close: [] })).toMatch(/unknown field "Close"/);
  });

  it('unsupported modes and bad values are explained', () => {
    const d = valid();
    d.params.upon_long_conflict = 'exit';
    expect(errorOf(d)).toMatch(/params.upon_long_conflict "exit" is not supported: vecbt simulates upon_long_conflict="ignore" only/);
    const dir = valid();
    dir.params.direction = 'sideways';
    expect(errorOf(dir)).toMatch(/params.direction must be one of "longonly", "shortonly", "both", got string "sideways"/);
    const e = valid();
    e.params.slippage = -0.001;
    expect(errorOf(e)).toMatch(/params.slippage must be >= 0, got -0.001/);
    const f = valid();
    f.params.sl_stop = 'x';
    expect(errorOf(f)).toMatch(/params.sl_stop must be a finite number or null/);
    const g = valid();
    g.index[1] = '2021/01/02';
    expect(errorOf(g)).toMatch(/index\[1\] must be a date "YYYY-MM-DD"/);
  });

  it('parseCase accepts what vectorbt accepts: sl_stop 0, tp_stop 0, size 0, negative (rebate) fees and fixed fees', () => {
    const d = valid();
    Object.assign(d.params, { sl_stop: 0, tp_stop: 0, size: 0, fees: -0.001, fixed_fees: -1 });
    expect(parseCase(d, 'x.case.json').options).toMatchObject({ slStop: 0, tpStop: 0, size: 0, fees: -0.001, fixedFees: -1 });
    const tiny = valid();
    tiny.params.size = -1e-13;
    expect(parseCase(tiny, 'x.case.json').options.size, 'is_less_nb(-1e-13, 0) is false: close to 0').toBe(-1e-13);
  });

  it('parseCase rejects what vectorbt raises for: a negative stop, a negative size, negative slippage, non-finite fees', () => {
    const cases: [string, unknown, RegExp][] = [
      ['sl_stop', -0.01, /^x\.case\.json: params\.sl_stop must be >= 0 \(null = no stop-loss\), got -0\.01$/],
      ['tp_stop', -0.05, /^x\.case\.json: params\.tp_stop must be >= 0 \(null = no take-profit\), got -0\.05$/],
      ['size', -1, /^x\.case\.json: params\.size must be >= 0 \(vectorbt allows no negative size; null = all the cash\), got -1$/],
      ['slippage', -0.002, /^x\.case\.json: params\.slippage must be >= 0, got -0\.002$/],
      ['fees', 'inf', /^x\.case\.json: params\.fees must be a finite number, got string "inf"$/],
      ['fixed_fees', null, /^x\.case\.json: params\.fixed_fees must be a finite number, got null$/],
    ];
    for (const [key, v, re] of cases) {
      const d = valid();
      d.params[key] = v;
      expect(errorOf(d), `${key} = ${JSON.stringify(v)}`).toMatch(re);
    }
  });

  it('parseCase(part 1 case) is not part2: its document keeps part 1 keys', () => {
    expect(parseCase(valid(), 'x').part2).toBe(false);
  });

  it('parseCase reads part 2: direction and size_type per column, sl_trail per column, short signals', () => {
    const d = valid();
    Object.assign(d.params, { direction: ['shortonly', 'both'], size_type: ['percent', 'value'], sl_trail: [true, false], upon_long_conflict: 'ignore' });
    const c = parseCase(d, 'x');
    expect(c.part2).toBe(true);
    expect(c.options).toMatchObject({ direction: ['shortonly', 'both'], sizeType: ['percent', 'value'], slTrail: [true, false] });
    const ls = valid();
    ls.short_entries = [
      [false, true, false],
      [false, false, false],
    ];
    ls.params.direction = null;
    const l = parseCase(ls, 'x');
    expect([...l.options.shortEntries!], 'column-major').toEqual([0, 1, 0, 0, 0, 0]);
    expect([...l.options.shortExits!], 'an absent short_exits is all false').toEqual([0, 0, 0, 0, 0, 0]);
    expect(l.options.direction, 'four-array mode: direction is not passed').toBeUndefined();
    expect(l.part2).toBe(true);
  });

  it('parseCase reads groups: group_by true or ids, cash_sharing, call_seq, init_cash per group', () => {
    const d = valid();
    Object.assign(d.params, { group_by: [3, 3], cash_sharing: true, call_seq: 'auto', init_cash: [150] });
    const c = parseCase(d, 'x');
    expect([...(c.options.groupBy as Int32Array)]).toEqual([3, 3]);
    expect(c.options).toMatchObject({ cashSharing: true, callSeq: 'auto' });
    expect([...(c.options.initCash as Float64Array)]).toEqual([150]);
    const e = valid();
    Object.assign(e.params, { group_by: true, cash_sharing: true, init_cash: [100, 200] });
    expect(errorOf(e)).toMatch(/params.init_cash has 2 values, expected one number or 1 \(one per group: cash_sharing is on\)/);
    const f = valid();
    f.columns = ['A', 'B', 'C'];
    f.close.push([1, 2, 3]);
    f.entries.push([false, false, false]);
    f.exits.push([false, false, false]);
    f.params.group_by = [0, 1, 0];
    expect(errorOf(f)).toMatch(/the columns of group 0 are not consecutive \(column 2\)/);
    const g = valid();
    g.params.cash_sharing = true;
    expect(errorOf(g)).toMatch(/params.cash_sharing needs params.group_by/);
  });

  it('parseCase accepts size_type "targetpercent" so that the engine refuses it as vectorbt does', () => {
    const d = valid();
    d.params.size_type = 'targetpercent';
    expect(parseCase(d, 'x').options.sizeType).toBe('targetpercent');
  });

  it('parseFreqDays("1D") is 1, "7D" is 7, "1H" is an error', () => {
    expect(parseFreqDays('1D', 'f')).toBe(1);
    expect(parseFreqDays('7D', 'f')).toBe(7);
    expect(() => parseFreqDays('1H', 'f')).toThrow(UserError);
  });
});

describe('readCaseFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecbt-case-'));
  it('readCaseFile on a missing file is a UserError naming the path', async () => {
    await expect(readCaseFile(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: cannot read the case file \(ENOENT\)/);
  });
  it('readCaseFile on invalid JSON is a UserError naming the path', async () => {
    const p = join(dir, 'bad.json');
    writeFileSync(p, '{"schema": ');
    await expect(readCaseFile(p)).rejects.toThrow(/bad\.json: not valid JSON/);
  });
  it('readCaseFile reads a valid case', async () => {
    const p = join(dir, 'ok.json');
    writeFileSync(p, JSON.stringify(valid()));
    expect((await readCaseFile(p)).columns).toEqual(['A', 'B']);
  });
});
