import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import type { OhlcvRows } from '../../src/data/csv';
import { pivotOhlcv } from '../../src/data/pivot';

function rows(list: [string, string, number][]): OhlcvRows {
  const n = list.length;
  const close = Float64Array.from(list.map((r) => r[2]));
  return {
    length: n,
    ticker: list.map((r) => r[0]),
    date: list.map((r) => r[1]),
    open: close.map((c) => c - 0.5),
    high: close.map((c) => c + 1),
    low: close.map((c) => c - 1),
    close,
    volume: close.map((c) => c * 100),
    line: Int32Array.from(list.map((_, i) => i + 2)),
  };
}

describe('pivotOhlcv', () => {
  it('pivotOhlcv puts unsorted long rows on the sorted union date index, tickers sorted, missing = NaN', () => {
    const p = pivotOhlcv(rows([
      ['BBB', '2020-01-03', 23],
      ['AAA', '2020-01-02', 12],
      ['BBB', '2020-01-01', 21],
      ['AAA', '2020-01-03', 13],
    ]));
    expect(p.index).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
    expect(p.columns).toEqual(['AAA', 'BBB']);
    expect(p.data.nRows).toBe(3);
    expect(p.data.nCols).toBe(2);
    expect(Array.from(p.data.close), 'column-major close[col*nRows+row]').toEqual([NaN, 12, 13, 21, NaN, 23]);
    expect(Array.from(p.data.volume)).toEqual([NaN, 1200, 1300, 2100, NaN, 2300]);
    expect(Array.from(p.data.open)).toEqual([NaN, 11.5, 12.5, 20.5, NaN, 22.5]);
    expect(Array.from(p.data.high)).toEqual([NaN, 13, 14, 22, NaN, 24]);
    expect(Array.from(p.data.low)).toEqual([NaN, 11, 12, 20, NaN, 22]);
  });
  it('pivotOhlcv marks the rows a ticker has as present, an all-NaN row included (pandas keeps it)', () => {
    const p = pivotOhlcv(rows([
      ['AAA', '2020-01-01', 10],
      ['AAA', '2020-01-02', NaN],
      ['BBB', '2020-01-03', 20],
    ]));
    expect(Array.from(p.data.close)).toEqual([10, NaN, NaN, NaN, NaN, 20]);
    expect(Array.from(p.data.present!), 'AAA has a (NaN) row on 01-02; BBB none before 01-03').toEqual([1, 1, 0, 0, 0, 1]);
  });
  it('pivotOhlcv(no rows) is an empty 0x0 matrix', () => {
    const p = pivotOhlcv(rows([]));
    expect(p.index).toEqual([]);
    expect(p.columns).toEqual([]);
    expect(p.data.close.length).toBe(0);
  });
  it('pivotOhlcv of a single row is 1x1', () => {
    const p = pivotOhlcv(rows([['A', '2020-01-01', 5]]));
    expect([p.index, p.columns, Array.from(p.data.close)]).toEqual([['2020-01-01'], ['A'], [5]]);
  });
  it('pivotOhlcv rejects a duplicate (ticker, date) naming both, with lines', () => {
    const r = rows([
      ['A', '2020-01-01', 5],
      ['B', '2020-01-01', 5],
      ['A', '2020-01-01', 6],
    ]);
    expect(() => pivotOhlcv(r, { source: 'x.csv' })).toThrow(UserError);
    expect(() => pivotOhlcv(r, { source: 'x.csv' })).toThrow(
      'duplicate row for ticker A on 2020-01-01 (x.csv:2 and x.csv:4); keep one row per ticker and date',
    );
  });
});
