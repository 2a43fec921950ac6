import { describe, expect, it } from 'vitest';
import { decodeNumber, encodeJson, encodeNumber, expectedIntPath, formatFloat } from '../../src/io/encodeJson';

describe('formatFloat (Python repr)', () => {
  it.each([
    [100, '100.0'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [1.5e-5, '1.5e-05'],
    [0.0001, '0.0001'],
    [1e16, '1e+16'],
    [1234567890123456, '1234567890123456.0'],
    [-0.09990009990008275, '-0.09990009990008275'],
    [0, '0.0'],
    [-0, '-0.0'],
    [2.5e-300, '2.5e-300'],
  ])('formatFloat(%s) is %s', (x, s) => {
    expect(formatFloat(x)).toBe(s);
  });
});

describe('encodeNumber / decodeNumber', () => {
  it('NaN -> null, +inf -> "inf", -inf -> "-inf", and back', () => {
    expect(encodeNumber(NaN, false)).toBe('null');
    expect(encodeNumber(Infinity, false)).toBe('"inf"');
    expect(encodeNumber(-Infinity, true)).toBe('"-inf"');
    expect(decodeNumber(null)).toBeNaN();
    expect(decodeNumber('inf')).toBe(Infinity);
    expect(decodeNumber('-inf')).toBe(-Infinity);
    expect(() => decodeNumber('x')).toThrow(TypeError);
  });
  it('ints are written without a fraction only where the path says int', () => {
    expect(encodeNumber(3, true)).toBe('3');
    expect(encodeNumber(3, false)).toBe('3.0');
  });
});

describe('encodeJson', () => {
  it('encodeJson writes vecbt-expected/1 ints, floats and compact separators like the golden files', () => {
    const doc = { orders: [[{ idx: 3, size: 1, side: 'buy' }]], stats: [{ 'Total Trades': 1, 'End Value': 100 }], stats_mean: { 'Total Trades': 1 }, value: [Float64Array.of(NaN, 1)] };
    expect(encodeJson(doc)).toBe('{"orders":[[{"idx":3,"size":1.0,"side":"buy"}]],"stats":[{"Total Trades":1,"End Value":100.0}],"stats_mean":{"Total Trades":1.0},"value":[[null,1.0]]}');
  });
  it('encodeJson writes the part 2 ints: parent_id, group counts, group labels and columns, the call sequence', () => {
    const doc = {
      trades: [[{ parent_id: 4, pnl: 1 }]],
      groups: [{ label: 0, columns: [0, 1] }, { label: 'group', columns: [2] }],
      call_seq: [Int32Array.of(1, 0)],
      group_stats: [{ 'Total Trades': 2, 'End Value': 100 }],
      group_value: [Float64Array.of(100)],
    };
    expect(encodeJson(doc)).toBe(
      '{"trades":[[{"parent_id":4,"pnl":1.0}]],"groups":[{"label":0,"columns":[0,1]},{"label":"group","columns":[2]}],"call_seq":[[1,0]],"group_stats":[{"Total Trades":2,"End Value":100.0}],"group_value":[[100.0]]}',
    );
  });
  it('encodeJson round-trips through JSON.parse', () => {
    const doc = { a: [1.5, NaN, Infinity], b: 'x', c: true, d: null };
    expect(JSON.parse(encodeJson(doc))).toEqual({ a: [1.5, null, 'inf'], b: 'x', c: true, d: null });
  });
  it('encodeJson takes a custom int predicate for extra keys (the strategy command)', () => {
    expect(encodeJson({ entries_count: [2, 3] })).toBe('{"entries_count":[2,3]}');
    expect(encodeJson({ n: 2 }, (p) => p[0] === 'n' || expectedIntPath(p))).toBe('{"n":2}');
  });
  it('encodeJson of an empty document', () => {
    expect(encodeJson({})).toBe('{}');
    expect(encodeJson([])).toBe('[]');
  });
});
