/** Bars for chunks and tickers, the clock and rate, and what each running chunk is doing. */
import { Box, Text } from 'ink';
import type { ActiveChunk } from '../reduceRunProgress';
import { bar, formatDuration, formatRate } from '../format';

export interface ProgressPanelProps {
  readonly chunksDone: number;
  readonly chunksTotal: number;
  readonly tickersDone: number;
  readonly tickersTotal: number;
  readonly elapsedMs: number;
  readonly etaMs: number;
  readonly tickersPerSecond: number;
  readonly active: readonly ActiveChunk[];
  readonly width: number;
}

/** Running chunks listed at most; distributed runs may have more in flight. */
const MAX_ACTIVE_SHOWN = 4;

export function progressBarWidth(width: number): number {
  return Math.max(10, Math.min(50, width - 34));
}

function ProgressLine({ label, done, total, width }: { readonly label: string; readonly done: number; readonly total: number; readonly width: number }) {
  const fraction = total > 0 ? done / total : 0;
  const count = `${done}/${total}`;
  return (
    <Text wrap="truncate-end">
      {label.padEnd(9)}
      <Text color="green">{bar(fraction, progressBarWidth(width))}</Text> {count.padStart(11)} {`${Math.floor(fraction * 100)}%`.padStart(4)}
    </Text>
  );
}

function activeLine(c: ActiveChunk, chunksTotal: number): string {
  return (
    `chunk ${c.chunkNo}/${chunksTotal} ${c.phase}  ${c.tickers} tickers ${c.firstTicker}..${c.lastTicker}` +
    (c.attempt > 1 ? `  attempt ${c.attempt}` : '') +
    (c.worker !== undefined ? `  worker ${c.worker}` : '')
  );
}

export function ProgressPanel(p: ProgressPanelProps) {
  const shown = p.active.slice(0, MAX_ACTIVE_SHOWN);
  return (
    <Box flexDirection="column">
      <ProgressLine label="chunks" done={p.chunksDone} total={p.chunksTotal} width={p.width} />
      <ProgressLine label="tickers" done={p.tickersDone} total={p.tickersTotal} width={p.width} />
      <Text wrap="truncate-end">
        elapsed {formatDuration(p.elapsedMs)}  ETA {Number.isFinite(p.etaMs) ? formatDuration(p.etaMs) : '…'}  {Number.isFinite(p.tickersPerSecond) ? formatRate(p.tickersPerSecond) : '…'} tickers/s
      </Text>
      {shown.map((c) => (
        <Text key={c.chunkNo} wrap="truncate-end" color="cyan">
          {activeLine(c, p.chunksTotal)}
        </Text>
      ))}
      {p.active.length > shown.length ? <Text dimColor>… {p.active.length - shown.length} more chunks running</Text> : null}
    </Box>
  );
}
