/** The Ink view of a `vecbt db load` / `vecbt db synth` step: a bar over the input, its figures, the server phase. */
import { Box, Text } from 'ink';
import { bar } from '../format';
import { dataFraction, dataProgressText, phaseText, type DataProgressState } from '../reduceDataProgress';

export interface DataProgressViewProps {
  readonly state: DataProgressState;
  readonly width: number;
}

export function DataProgressView({ state, width }: DataProgressViewProps) {
  const fraction = dataFraction(state);
  const label = state.step ?? 'load';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {label.padEnd(6)}
        <Text color="green">{bar(fraction, Math.max(10, Math.min(50, width - 14)))}</Text> {`${Math.floor(fraction * 100)}%`.padStart(4)}
      </Text>
      <Text wrap="truncate-end">{'      ' + dataProgressText(state)}</Text>
      {state.phase !== null ? <Text wrap="truncate-end" color="yellow">{'      ' + phaseText(state.phase, state.rows)}</Text> : null}
    </Box>
  );
}
