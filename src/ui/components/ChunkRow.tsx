/** One finished chunk as a table row (the `<Static>` log), and the table's heading. */
import { Text } from 'ink';
import type { FinishedChunk } from '../reduceRunProgress';
import { formatMb, formatMs, formatPct } from '../format';

/** From this width on, rows also show the chunk's ticker range and worker. */
export const WIDE_COLUMNS = 110;

export interface ChunkRowProps {
  readonly chunk: Readonly<FinishedChunk>;
  readonly width: number;
}

const cells = (values: readonly string[]) =>
  values[0].padStart(10) + values[1].padStart(8) + values.slice(2).map((v) => v.padStart(8)).join('');

export function ChunkHeading({ width }: { readonly width: number }) {
  const head = cells(['chunk', 'tickers', 'read', 'sim', 'write', 'rss', 'trades', 'win']);
  return (
    <Text bold wrap="truncate-end">
      {head}
      {width >= WIDE_COLUMNS ? '  range' : ''}
    </Text>
  );
}

export function ChunkRow({ chunk: c, width }: ChunkRowProps) {
  const row = cells([
    `${c.chunkNo}/${c.chunksTotal}`,
    String(c.tickers),
    formatMs(c.readMs),
    formatMs(c.computeMs),
    formatMs(c.writeMs),
    formatMb(c.rssMb),
    String(c.trades),
    formatPct(c.meanWinRatePct),
  ]);
  const range = c.firstTicker !== undefined ? `${c.firstTicker}..${c.lastTicker}` : '';
  return (
    <Text wrap="truncate-end">
      {row}
      {c.skipped > 0 ? <Text color="yellow">{`  ${c.skipped} skipped`}</Text> : null}
      {width >= WIDE_COLUMNS ? `  ${range}${c.worker !== undefined ? `  ${c.worker}` : ''}` : ''}
    </Text>
  );
}
