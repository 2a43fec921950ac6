/**
 * The whole screen, rendered from a run-progress state and the terminal size; no hooks, no work.
 * Finished chunks go into `<Static>` (printed once, scrolling above); progress, memory, aggregate
 * and errors are the live area below it, redrawn in place. Once the run is over the final block
 * (header, aggregate, errors, summary) is appended to `<Static>` too and the live area empties,
 * so a long summary never has to be redrawn taller than the terminal.
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
  /** Terminal rows: the live area stays shorter (Ink redraws the whole screen otherwise). */
  readonly rows?: number;
  /** False when stdin is not a terminal: q and Ctrl+C cannot be read, signals still stop the run. */
  readonly keys?: boolean;
}

/** Below this many rows the live area drops its blank separator lines. */
export const COMPACT_ROWS = 30;

type StaticItem = { kind: 'heading' } | { kind: 'chunk'; chunk: FinishedChunk; index: number } | { kind: 'final' };

/** Errors listed in the live panel: six, fewer on short terminals (the heading counts all). */
export function errorLimit(rows: number): number {
  return Math.max(1, Math.min(6, rows - 24));
}

export function RunView({ state, aborting, width, rows = 40, keys = true }: RunViewProps) {
  const over = state.done !== undefined;
  const gap = rows >= COMPACT_ROWS ? 1 : 0;
  const staticItems: StaticItem[] = [
    ...(state.chunks.length > 0 ? [{ kind: 'heading' as const }] : []),
    ...state.chunks.map((chunk, index) => ({ kind: 'chunk' as const, chunk, index })),
    ...(over ? [{ kind: 'final' as const }] : []),
  ];
  const header = state.start ? <Header start={state.start} width={width} /> : <Text dimColor>waiting for the run to start…</Text>;
  const aggregate = <AggregatePanel aggregate={state.aggregate} />;
  const errors = state.errors.length > 0 ? <ErrorsPanel errors={state.errors} limit={over ? 20 : errorLimit(rows)} /> : null;
  return (
    <>
      <Static items={staticItems}>
        {(item) =>
          item.kind === 'heading' ? (
            <ChunkHeading key="heading" width={width} />
          ) : item.kind === 'chunk' ? (
            <ChunkRow key={`${item.chunk.chunkNo}-${item.index}`} chunk={item.chunk} width={width} />
          ) : (
            <Box key="final" flexDirection="column" width={width} marginTop={state.chunks.length > 0 ? 1 : 0}>
              {header}
              <Box marginTop={1}>{aggregate}</Box>
              {errors ? <Box marginTop={1}>{errors}</Box> : null}
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
              ) : null}
            </Box>
          )
        }
      </Static>
      {over ? null : (
        <Box flexDirection="column" width={width} marginTop={state.chunks.length > 0 ? gap : 0}>
          {header}
          <Box flexDirection="column" marginTop={gap}>
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
          <Box marginTop={gap}>{aggregate}</Box>
          {errors ? <Box marginTop={gap}>{errors}</Box> : null}
          <Box marginTop={gap}>
            {aborting ? (
              <Text bold color="yellow">
                aborting after the current chunk… (the run stays resumable)
              </Text>
            ) : keys ? (
              <Text dimColor>q or Ctrl+C: stop after the current chunk (the run stays resumable)</Text>
            ) : (
              <Text dimColor>stdin is not a terminal: SIGINT or SIGTERM stops after the current chunk (the run stays resumable)</Text>
            )}
          </Box>
        </Box>
      )}
    </>
  );
}
