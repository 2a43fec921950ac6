/**
 * Starts the Ink UI on a terminal. Ctrl+C does not kill the process: like `q` it calls
 * `onAbort` (the runner stops after the current chunk, the run stays resumable). Ink restores
 * raw mode and the cursor on unmount, including on process exit and signals.
 */
import { render } from 'ink';
import type { RunnerEvents } from '../batch/events';
import { RunApp } from './components/RunApp';

export interface RenderTuiOptions {
  onAbort: () => void;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

export interface TuiHandle {
  /** Resolves once the run is over and its last frame is drawn (or after `unmount`). */
  waitUntilExit(): Promise<void>;
  /** Tears the UI down now (call it in `finally`); safe to call twice. */
  unmount(): void;
}

/**
 * @example
 * const tui = renderTui(runner, { onAbort: () => runner.abort() });
 * try { await runner.run(); await tui.waitUntilExit(); } finally { tui.unmount(); }
 */
export function renderTui(events: RunnerEvents, opts: RenderTuiOptions): TuiHandle {
  const instance = render(<RunApp events={events} onAbort={opts.onAbort} />, {
    ...(opts.stdin ? { stdin: opts.stdin } : {}),
    ...(opts.stdout ? { stdout: opts.stdout } : {}),
    exitOnCtrlC: false,
  });
  // Ask for the exit promise now: Ink only resolves a promise that exists when it unmounts, and the
  // UI unmounts itself right after run:done, usually before the caller's `await runner.start()` resumes.
  const exited = instance.waitUntilExit().then(() => undefined);
  exited.catch(() => undefined);
  let unmounted = false;
  return {
    waitUntilExit: () => exited,
    unmount() {
      if (unmounted) return;
      unmounted = true;
      instance.unmount();
    },
  };
}
