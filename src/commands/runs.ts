/** `vecbt runs [--limit N]`: the most recent runs, newest first. */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { intFlag, parseFlags } from './flags';
import { withDatabase } from './withDatabase';
import { listRuns } from '../data/listRuns';
import { formatRunWorkers, listRunWorkers } from '../distributed/data/listRunWorkers';
import { listWorkers } from '../distributed/data/listWorkers';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags, positional } = parseFlags('vecbt runs', args, { '--limit': true });
  if (positional.length) throw new UserError(`unexpected argument '${positional[0]}'; usage: vecbt runs [--limit N]`);
  const limit = intFlag(flags, '--limit', 1) ?? 50;
  return withDatabase(async (db) => {
    const runs = await listRuns(db.pool, limit);
    if (!runs.length) {
      io.stdout.write('no runs yet; start one with: npx vecbt run\n');
      return 0;
    }
    const workers = await listRunWorkers(db.pool, runs.map((r) => r.id));
    const rows = runs.map((r) => [
      String(r.id),
      r.status,
      r.strategyFile ? `${r.strategy} (${r.strategyFile})` : r.strategy,
      r.createdAt.toISOString().slice(0, 19).replace('T', ' '),
      `${r.dateFrom}..${r.dateTo}`,
      `${r.tickersDone}/${r.tickersTotal}`,
      String(r.chunkSize),
      r.elapsedMs == null ? '' : `${(r.elapsedMs / 1000).toFixed(1)}s`,
      r.peakRssMb == null ? '' : `${Math.round(r.peakRssMb)}MB`,
      formatRunWorkers(workers.get(r.id)),
      r.error ?? '',
    ]);
    io.stdout.write(table(['id', 'status', 'strategy', 'created (UTC)', 'dates', 'tickers', 'chunk', 'elapsed', 'peak rss', 'workers', 'error'], rows));
    const live = (await listWorkers(db.pool, 30)).filter((w) => !w.stoppedAt);
    if (live.length) {
      const describe = (w: (typeof live)[number]) =>
        `${w.name} ${w.rssMb == null ? '?' : `${Math.round(w.rssMb)}MB`}${w.runId ? ` on run ${w.runId} chunk ${w.chunkNo}` : ' idle'}`;
      io.stdout.write(`live workers: ${live.map(describe).join(', ')}\n`);
    }
    return 0;
  }, { readOnly: true });
}

export function table(header: string[], rows: string[][], rightAlign: (i: number) => boolean = () => false): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (rightAlign(i) ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
