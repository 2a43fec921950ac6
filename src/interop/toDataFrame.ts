import type { DataFrame } from 'danfojs';
import type { StatsTable } from '../portfolio/metrics';
import type { TradeRecords } from '../portfolio/records';
import type { GridResult } from '../sweep/runGrid';
import type { ColumnTable, TableLabels } from './columnTable';
import { gridColumns } from './gridColumns';
import { loadDanfo } from './loadDanfo';
import { statsColumns } from './statsColumns';
import { tradeColumns } from './tradeColumns';

/** A strategy run's per-ticker results: its stats and (optionally) the strategy's extras, one value per ticker. */
export interface ResultsLike {
  stats: StatsTable;
  extras?: Readonly<Record<string, Int32Array | Float64Array>>;
}

export type DataFrameSource = StatsTable | TradeRecords | ResultsLike | GridResult | ColumnTable;

/**
 * toDataFrame(source, labels): a danfo DataFrame of
 * - a stats table (one row per ticker, see `statsColumns`),
 * - trade records (one row per trade, see `tradeColumns`),
 * - a strategy result `{ stats, extras }` (the stats plus a column per extra, e.g. rvol_atr's `stale_exits`),
 * - a grid result (one row per combination, see `gridColumns`),
 * - or any `{ name: values[] }` table.
 * danfojs is imported here, lazily, on first call.
 * @example
 * const df = await toDataFrame(runStrategy(data, strategies.rvol_atr), { columns });
 * df.sortValues('Total Return [%]', { ascending: false }).head(5).print()
 */
export async function toDataFrame(source: DataFrameSource, labels: TableLabels = {}): Promise<DataFrame> {
  const dfd = await loadDanfo();
  return new dfd.DataFrame(toColumns(source, labels));
}

/** The column table `toDataFrame` builds its frame from (pure; no danfo). */
export function toColumns(source: DataFrameSource, labels: TableLabels = {}): ColumnTable {
  if ('combos' in source && 'mean' in source) return gridColumns(source as GridResult);
  if ('entryIdx' in source && 'exitReason' in source) return tradeColumns(source as TradeRecords, labels);
  if ('names' in source && 'values' in source && 'nCols' in source) return statsColumns(source as StatsTable, labels);
  if ('stats' in source && typeof source.stats === 'object' && source.stats !== null && 'names' in source.stats) {
    const r = source as ResultsLike;
    const out = statsColumns(r.stats, labels);
    for (const [k, a] of Object.entries(r.extras ?? {})) out[k] = Array.from(a);
    return out;
  }
  const table = source as ColumnTable;
  const lengths = new Set(Object.values(table).map((c) => c.length));
  if (lengths.size > 1) throw new RangeError(`toDataFrame: columns have different lengths (${[...lengths].join(', ')})`);
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k, Array.from(v)]));
}
