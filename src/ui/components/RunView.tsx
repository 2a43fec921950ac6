/**
 * The whole screen, rendered from a run-progress state and the terminal width; no hooks, no work.
 * Finished chunks go into `<Static>` (printed once, scrolling above); everything else is the live
 * area below it, redrawn in place.
 */
import { Box, Static, Text } from 'ink';
import { elapsedMs, etaMs, tickersPerSecond, type FinishedChunk, type RunProgressState } from '../reduceRunProgress';
import { AggregatePanel } from './AggregatePanel';
import { ChunkHeading, ChunkRow } from './ChunkRow';
import { ErrorsPanel } from './ErrorsPanel';
import { Header } from './Header';
import { MemoryGauge } from './MemoryGauge';
import { ProgressPanel } from './ProgressPanel';
import { SummaryPanel } from './SummaryPanel';

export interface RunViewProps {
  readonly state: RunProgressState;
  /** The user pressed q or Ctrl+C; the runner stops after the current chunk. */
  readonly aborting: boolean;
  /** Terminal columns. */
  readonly width: number;
  /** Errors listed in the panel (the heading counts all). */
  readonly errorLimit?: number;
}

type StaticItem = { kind: 'heading' } | { kind: 'chunk'; chunk: FinishedChunk; index: number };

export function RunView({ state, aborting, width, errorLimit = 6 }: RunViewProps) {
  const staticItems: StaticItem[] =
    state.chunks.length === 0 ? [] : [{ kind: 'heading' }, ...state.chunks.map((chunk, index) => ({ kind: 'chunk' as const, chunk, index }))];
  const running = state.status === 'running' || state.status === 'waiting';
  return (
    <>
      <Static items={staticItems}>
        {(item) =>
          item.kind === 'heading' ? (
            <ChunkHeading key="heading" width={width} />
          ) : (
            <ChunkRow key={`${item.chunk.chunkNo}-${item.index}`} chunk={item.chunk} width={width} />
          )
        }
      </Static>
      <Box flexDirection="column" width={width} marginTop={state.chunks.length > 0 ? 1 : 0}>
        {state.start ? <Header start={state.start} /> : <Text dimColor>waiting for the run to start…</Text>}
        {running ? (
          <Box flexDirection="column" marginTop={1}>
            <ProgressPanel
              chunksDone={state.chunksDone}
              chunksTotal={state.chunksTotal}
              tickersDone={state.tickersDone}
              tickersTotal={state.tickersTotal}
              elapsedMs={elapsedMs(state)}
              etaMs={etaMs(state)}
              tickersPerSecond={tickersPerSecond(state)}
              active={state.active}
              width={width}
            />
            <MemoryGauge memory={state.memory} peakRssMb={state.peakRssMb} budgetMb={state.start?.memoryBudgetMb ?? 0} width={width} />
          </Box>
        ) : null}
        <Box marginTop={1}>
          <AggregatePanel aggregate={state.aggregate} />
        </Box>
        {state.errors.length > 0 ? (
          <Box marginTop={1}>
            <ErrorsPanel errors={state.errors} limit={errorLimit} />
          </Box>
        ) : null}
        {state.done ? (
          <Box marginTop={1}>
            <SummaryPanel
              done={state.done}
              top={state.top}
              bottom={state.bottom}
              elapsedMs={elapsedMs(state)}
              tickersPerSecond={tickersPerSecond(state)}
              peakRssMb={state.peakRssMb}
              resumed={state.start?.resumed ?? false}
              width={width}
            />
          </Box>
        ) : (
          <Box marginTop={1}>
            {aborting ? (
              <Text bold color="yellow">
                aborting after the current chunk… (the run stays resumable)
              </Text>
            ) : (
              <Text dimColor>q or Ctrl+C: stop after the current chunk (the run stays resumable)</Text>
            )}
          </Box>
        )}
      </Box>
    </>
  );
}
