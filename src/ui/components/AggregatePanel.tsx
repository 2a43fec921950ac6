/** Running figures over the tickers finished so far. */
import { Box, Text } from 'ink';
import type { RunAggregate } from '../reduceRunProgress';
import { formatPct, formatSignedPct } from '../format';

export interface AggregatePanelProps {
  readonly aggregate: Readonly<RunAggregate>;
}

const INDENT = ' '.repeat(9);

export function AggregatePanel({ aggregate: a }: AggregatePanelProps) {
  if (a.tickers === 0) return <Text dimColor>results  waiting for the first chunk…</Text>;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {'results'.padEnd(9)}tickers with trades {a.tickersWithTrades}/{a.tickers}  trades {a.trades}  mean win {formatPct(a.meanWinRatePct)}
      </Text>
      <Text wrap="truncate-end">
        {INDENT}median return {formatSignedPct(a.medianTotalReturnPct)}
        {a.worstMaxDrawdown ? `  worst max drawdown ${formatPct(a.worstMaxDrawdown.maxDrawdownPct)} (${a.worstMaxDrawdown.ticker})` : ''}
      </Text>
      <Text wrap="truncate-end">
        {INDENT}
        {a.best ? (
          <Text color="green">
            best {a.best.ticker} {formatSignedPct(a.best.totalReturnPct)}
          </Text>
        ) : null}
        {a.worst ? (
          <Text color="red">
            {'  '}worst {a.worst.ticker} {formatSignedPct(a.worst.totalReturnPct)}
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
