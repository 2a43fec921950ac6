/** The run's identity: id, masked database target, date range, parameters, chunk size. */
import { Box, Text } from 'ink';
import type { RunStartEvent } from '../../batch/events';
import { paramPairs, wrapWords } from '../format';

export interface HeaderProps {
  readonly start: Readonly<RunStartEvent>;
  readonly width: number;
}

export function Header({ start, width }: HeaderProps) {
  const lead = `chunk size ${start.chunkSize}  ${start.strategy} `;
  const paramLines = wrapWords(lead, paramPairs(start.settings), width, ' '.repeat(lead.length));
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
      {paramLines.map((line, i) => (
        <Text key={i} wrap="truncate-end" dimColor>
          {line}
        </Text>
      ))}
      {(start.warnings ?? []).map((w, i) => (
        <Text key={`w${i}`} color="yellow" wrap="truncate-end">
          {w}
        </Text>
      ))}
    </Box>
  );
}
