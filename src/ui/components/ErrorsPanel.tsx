/**
 * Chunk errors and skipped tickers, kept in the live area so they never scroll away. The latest
 * `limit` entries are listed; the heading counts all of them.
 */
import { Box, Text } from 'ink';
import type { RunErrorEntry } from '../reduceRunProgress';
import { errorLine } from '../attachPlainLog';

export interface ErrorsPanelProps {
  readonly errors: readonly RunErrorEntry[];
  readonly limit: number;
}

export function ErrorsPanel({ errors, limit }: ErrorsPanelProps) {
  if (errors.length === 0) return null;
  const chunkErrors = errors.filter((e) => e.kind === 'chunk').length;
  const skipped = errors.length - chunkErrors;
  const shown = errors.slice(-limit);
  return (
    <Box flexDirection="column">
      <Text bold color="red">
        errors  {chunkErrors} chunk {chunkErrors === 1 ? 'error' : 'errors'}, {skipped} skipped {skipped === 1 ? 'ticker' : 'tickers'}
        {shown.length < errors.length ? <Text dimColor>{`  (latest ${shown.length} shown)`}</Text> : null}
      </Text>
      {shown.map((e, i) => (
        <Text key={errors.length - shown.length + i} wrap="truncate-end" color={e.kind === 'chunk' ? 'red' : 'yellow'}>
          {e.kind === 'chunk' ? '✗ ' : '⚠ '}
          {errorLine(e)}
        </Text>
      ))}
    </Box>
  );
}
