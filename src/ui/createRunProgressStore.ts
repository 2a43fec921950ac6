/**
 * A run-progress store: subscribes to the runner's events the moment it is created and folds
 * them through `reduceRunProgress`. It exists so the TUI cannot miss an event emitted between
 * `renderTui()` and React's first effect: `useRunProgress` creates it during the first render,
 * which Ink's legacy root runs synchronously inside `render()`.
 */
import type { RunnerEventMap, RunnerEventName, RunnerEvents } from '../batch/events';
import { initialRunProgress, reduceRunProgress, type RunnerAction, type RunProgressState } from './reduceRunProgress';

export const RUNNER_EVENT_NAMES: readonly RunnerEventName[] = [
  'run:start',
  'chunk:start',
  'chunk:phase',
  'chunk:done',
  'chunk:error',
  'memory',
  'run:done',
];

export interface RunProgressStore {
  getState(): RunProgressState;
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Moves the clock (elapsed, ETA) without an event. */
  tick(): void;
  /** Stops listening to the runner. */
  close(): void;
}

/**
 * @example
 * const store = createRunProgressStore(runner);
 * store.subscribe(() => console.log(store.getState().chunksDone));
 */
export function createRunProgressStore(events: RunnerEvents, now: () => number = Date.now): RunProgressStore {
  let state = initialRunProgress;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of listeners) l();
  };
  const detach = RUNNER_EVENT_NAMES.map((type) => {
    const listener = (payload: RunnerEventMap[typeof type]) => {
      state = reduceRunProgress(state, { type, payload, at: now() } as RunnerAction);
      notify();
    };
    events.on(type, listener);
    return () => events.off(type, listener);
  });
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tick() {
      state = reduceRunProgress(state, { type: 'tick', at: now() });
      notify();
    },
    close() {
      for (const off of detach) off();
      listeners.clear();
    },
  };
}
