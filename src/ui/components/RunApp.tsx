/**
 * The TUI's root: subscribes (`useRunProgress`), listens for q / Ctrl+C, follows the terminal
 * width, and hands plain props to `RunView`. It exits Ink once the run is over, after the final
 * frame (summary, results or resume command) has been drawn.
 */
import { useEffect, useState } from 'react';
import { useApp, useInput, useStdin, useStdout } from 'ink';
import type { RunnerEvents } from '../../batch/events';
import { useRunProgress } from '../useRunProgress';
import { RunView } from './RunView';

export interface RunAppProps {
  readonly events: RunnerEvents;
  /** Asks the runner to stop after the current chunk; may be called more than once. */
  readonly onAbort: () => void;
  readonly now?: () => number;
}

/** Terminal size, following resizes; 80x40 when unknown. */
function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 40 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout]);
  return size;
}

export function RunApp({ events, onAbort, now }: RunAppProps) {
  const state = useRunProgress(events, now);
  const [aborting, setAborting] = useState(false);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { columns, rows } = useTerminalSize();
  const over = state.done !== undefined;

  useInput(
    (input, key) => {
      if (input === 'q' || (key.ctrl && input === 'c')) {
        setAborting(true);
        onAbort();
      }
    },
    { isActive: isRawModeSupported === true && !over },
  );

  useEffect(() => {
    if (over) exit();
  }, [over, exit]);

  return <RunView state={state} aborting={aborting} width={columns} rows={rows} keys={isRawModeSupported === true} />;
}
