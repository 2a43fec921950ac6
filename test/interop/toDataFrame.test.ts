import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { readOhlcvCsv } from '../../src/data/csv';
import { pivotOhlcv, type PivotedOhlcv } from '../../src/data/pivot';
import { STAT_NAMES } from '../../src/portfolio/metrics';
import { strategies } from '../../src/strategies';
import { runStrategy } from '../../src/strategy';
import { runGrid } from '../../src/sweep';
import { gridColumns, loadDanfo, ohlcvFromDataFrame, statsColumns, toColumns, toDataFrame, tradeColumns } from '../../src/interop';
import type { TradeRecords } from '../../src/portfolio/records';

const trades: TradeRecords = {
  length: 2,
  col: new Int32Array([0, 1]),
  entryIdx: new Int32Array([1, 0]),
  entryPrice: new Float64Array([10, 20]),
  entryFees: new Float64Array([0.0125, 0.02]),
  exitIdx: new Int32Array([2, 2]),
  exitPrice: new Float64Array([9.7, NaN]),
  exitFees: new Float64Array([0.0075, 0]),
  size: new Float64Array([9.99, 4.995]),
  pnl: new Float64Array([-3.0167, NaN]),
  ret: new Float64Array([-0.0302, NaN]),
  status: new Uint8Array([1, 0]),
  exitReason: new Uint8Array([1, 5]),
  colStart: new Int32Array([0, 1, 2]),
};

describe('tradeColumns', () => {
  it('tradeColumns(trades, { columns, index }) labels tickers, dates, status and exit reason; NaN is null', () => {
    expect(tradeColumns(trades, { columns: ['AAA', 'BBB'], index: ['2024-01-01', '2024-01-02', '2024-01-03'] })).toEqual({
      ticker: ['AAA', 'BBB'],
      entry: ['2024-01-02', '2024-01-01'],
      exit: ['2024-01-03', '2024-01-03'],
      entryPrice: [10, 20],
      exitPrice: [9.7, null],
      size: [9.99, 4.995],
      fees: [0.02, 0.02],
      pnl: [-3.0167, null],
      'return [%]': [-3.02, null],
      status: ['closed', 'open'],
      exitReason: ['stop_loss', 'open'],
    });
  });
  it('tradeColumns(trades) without labels uses column and bar numbers', () => {
    const t = tradeColumns(trades);
    expect(t.ticker).toEqual(['0', '1']);
    expect(t.entry).toEqual([1, 0]);
  });
});

describe('statsColumns', () => {
  it('statsColumns(stats, { columns, index }) has ticker then every stat; Start/End as dates', () => {
    const names = ['Start', 'End', 'Total Return [%]'];
    const t = statsColumns({ names, nCols: 2, values: new Float64Array([0, 0, 2, 2, 5.5, NaN]) }, { columns: ['A', 'B'], index: ['d0', 'd1', 'd2'] });
    expect(t).toEqual({ ticker: ['A', 'B'], Start: ['d0', 'd0'], End: ['d2', 'd2'], 'Total Return [%]': [5.5, null] });
  });
});

describe('toColumns / toDataFrame / ohlcvFromDataFrame on the u01 universe', () => {
  let u: PivotedOhlcv;
  beforeAll(async () => {
    u = pivotOhlcv(await readOhlcvCsv('data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv'));
  });

  it("toColumns(runStrategy(...), labels) is the stats table plus a column per extra (rvol_atr's stale_exits)", () => {
    const r = runStrategy(u.data, strategies.rvol_atr);
    const t = toColumns(r, { columns: u.columns, index: u.index });
    expect(Object.keys(t)).toEqual(['ticker', ...STAT_NAMES, 'stale_exits']);
    expect(t.ticker).toEqual(u.columns);
    expect(t.stale_exits).toEqual(Array.from(r.extras.stale_exits));
  });

  it('toColumns(grid) is gridColumns(grid)', () => {
    const g = runGrid(u.data, strategies.rvol_atr, { rvol_min: [1.5, 2] });
    expect(toColumns(g)).toEqual(gridColumns(g));
    expect(gridColumns(g).rvol_min).toEqual([1.5, 2]);
  });

  it('toColumns({ a, b }) rejects columns of different lengths', () => {
    expect(() => toColumns({ a: [1, 2], b: [1] })).toThrow('toDataFrame: columns have different lengths (2, 1)');
  });

  it('toDataFrame(result) sorts and filters with danfo; ohlcvFromDataFrame(df) round-trips the CSV pivot', async () => {
    const r = runStrategy(u.data, strategies.rvol_atr);
    const df = await toDataFrame(r, { columns: u.columns, index: u.index });
    expect(df.shape).toEqual([30, STAT_NAMES.length + 2]);
    const sorted = df.sortValues('Total Return [%]', { ascending: false });
    const tr = sorted.column('Total Return [%]').values as number[];
    expect(tr, 'sorted descending').toEqual([...tr].sort((a, b) => b - a));

    const dfd = await loadDanfo();
    const rows = await readOhlcvCsv('data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv');
    const prices = new dfd.DataFrame({
      ticker: rows.ticker, date: rows.date, open: Array.from(rows.open), high: Array.from(rows.high),
      low: Array.from(rows.low), close: Array.from(rows.close), volume: Array.from(rows.volume),
    });
    const p = ohlcvFromDataFrame(prices);
    expect(p.index).toEqual(u.index);
    expect(p.columns).toEqual(u.columns);
    expect(p.data.close).toEqual(u.data.close);
    expect(p.data.volume).toEqual(u.data.volume);
  });

  it('ohlcvFromDataFrame(df) names the missing columns', async () => {
    const dfd = await loadDanfo();
    expect(() => ohlcvFromDataFrame(new dfd.DataFrame({ ticker: ['A'], date: ['2024-01-01'], close: [1] }))).toThrow(
      'ohlcvFromDataFrame: missing column(s) open, high, low, volume; have ticker, date, close',
    );
  });
});

describe('src/index', () => {
  it('importing the public barrel loads neither danfojs nor tslab', () => {
    const code =
      "import './src/index.ts'; import { createRequire } from 'node:module';" +
      "const cache = Object.keys(createRequire(import.meta.url).cache);" +
      "console.log(JSON.stringify(cache.filter((k) => /node_modules\\/(danfojs|tslab|@tensorflow)\\//.test(k))));";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('[]');
  });
});
