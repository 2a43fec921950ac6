/** The end of a run: status line, top/bottom tickers (done runs), and the command to run next. */
import { Box, Text } from 'ink';
import type { RunDoneEvent, TickerSummary } from '../../batch/events';
import { formatDuration, formatMb, formatPct, formatRate, formatSignedPct } from '../format';

export interface SummaryPanelProps {
  readonly done: Readonly<RunDoneEvent>;
  readonly top: readonly TickerSummary[];
  readonly bottom: readonly TickerSummary[];
  readonly elapsedMs: number;
  readonly tickersPerSecond: number;
  readonly peakRssMb: number;
  /** A resumed run's tables cover only this session's tickers. */
  readonly resumed: boolean;
  readonly width: number;
}

const STATUS_COLOR = { done: 'green', aborted: 'yellow', failed: 'red' } as const;

/** From this width on, the top and bottom tables sit side by side. */
export const SIDE_BY_SIDE_COLUMNS = 100;

function TickerTable({ title, rows, tickerWidth }: { readonly title: string; readonly rows: readonly TickerSummary[]; readonly tickerWidth: number }) {
  return (
    <Box flexDirection="column" marginRight={4}>
      <Text bold>{title}</Text>
      <Text dimColor>{` #  ${'ticker'.padEnd(tickerWidth)}  ${'return'.padStart(9)}  ${'win'.padStart(6)}  ${'maxdd'.padStart(6)}  trades`}</Text>
      {rows.map((r, i) => (
        <Text key={r.ticker}>
          {String(i + 1).padStart(2)}  {r.ticker.padEnd(tickerWidth)}  <Text color={r.totalReturnPct >= 0 ? 'green' : 'red'}>{formatSignedPct(r.totalReturnPct).padStart(9)}</Text>
          {'  '}
          {formatPct(r.winRatePct).padStart(6)}  {formatPct(r.maxDrawdownPct).padStart(6)}  {String(r.totalTrades).padStart(6)}
        </Text>
      ))}
    </Box>
  );
}

export function SummaryPanel(p: SummaryPanelProps) {
  const d = p.done;
  const tickerWidth = Math.max(6, ...p.top.map((r) => r.ticker.length), ...p.bottom.map((r) => r.ticker.length));
  const scope = p.resumed ? ' (this session)' : '';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={STATUS_COLOR[d.status]}>
          run {d.runId} {d.status}
        </Text>
        {'  '}elapsed {formatDuration(p.elapsedMs)}  {d.tickersDone}/{d.tickersTotal} tickers  {formatRate(p.tickersPerSecond)} tickers/s  peak rss{' '}
        {formatMb(p.peakRssMb)}
      </Text>
      {d.error ? (
        <Text wrap="wrap" color={STATUS_COLOR[d.status]}>
          {d.status === 'failed' ? 'error' : 'reason'}: {d.error}
        </Text>
      ) : null}
      {d.status === 'done' && p.top.length > 0 ? (
        <Box flexDirection={p.width >= SIDE_BY_SIDE_COLUMNS ? 'row' : 'column'} marginTop={1}>
          <TickerTable title={`top ${p.top.length} by total return${scope}`} rows={p.top} tickerWidth={tickerWidth} />
          {p.bottom.length > 0 ? <TickerTable title={`bottom ${p.bottom.length} by total return${scope}`} rows={p.bottom} tickerWidth={tickerWidth} /> : null}
        </Box>
      ) : null}
      {d.resultsCommand ? (
        <Text>
          all results: <Text bold>{d.resultsCommand}</Text>
        </Text>
      ) : null}
      {d.resumeCommand ? (
        <Text>
          the run is resumable; continue it with: <Text bold>{d.resumeCommand}</Text>
        </Text>
      ) : null}
    </Box>
  );
}
