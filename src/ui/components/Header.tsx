/** The run's identity: id, masked database target, date range, parameters, chunk size. */
import { Box, Text } from 'ink';
import type { RunStartEvent } from '../../runner/events';
import { formatParams } from '../format';

export interface HeaderProps {
  readonly start: Readonly<RunStartEvent>;
}

export function Header({ start }: HeaderProps) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color="cyan">
          vecbt run {start.runId}
        </Text>
        {start.resumed ? <Text color="yellow"> (resumed)</Text> : null}
        {'  '}
        {start.target}
        {'  '}
        {start.dateFrom}..{start.dateTo}
      </Text>
      <Text wrap="wrap" dimColor>
        chunk size {start.chunkSize}  params {formatParams(start.params)}
      </Text>
    </Box>
  );
}
