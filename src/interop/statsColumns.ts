import { STAT_KINDS, type StatName, type StatsTable } from '../portfolio/metrics';
import { cell, type ColumnTable, type TableLabels } from './columnTable';

/**
 * statsColumns(stats, labels): one row per column of the stats table (per ticker), one column per stat,
 * named as vectorbt names them, after a leading `ticker` column. Start/End become dates when `labels.index`
 * is given; durations stay in days.
 * @example statsColumns(r.stats, { columns, index })['Total Return [%]']
 */
export function statsColumns(stats: StatsTable, labels: TableLabels = {}): ColumnTable {
  const out: ColumnTable = { ticker: [] };
  for (let c = 0; c < stats.nCols; c++) out.ticker.push(labels.columns?.[c] ?? String(c));
  stats.names.forEach((name, m) => {
    const isDate = STAT_KINDS[name as StatName] === 'date' && labels.index !== undefined;
    const col: (number | string | null)[] = [];
    for (let c = 0; c < stats.nCols; c++) {
      const v = stats.values[m * stats.nCols + c];
      col.push(isDate && Number.isInteger(v) ? labels.index![v] ?? null : cell(v));
    }
    out[name] = col;
  });
  return out;
}
