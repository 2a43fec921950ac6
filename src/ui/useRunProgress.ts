/**
 * `useRunProgress(events)`: the runner's events as React state. Subscription only; the figures
 * come from the pure `reduceRunProgress`. While the run is active the clock ticks once a second
 * so elapsed and ETA move between chunks.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RunnerEvents } from '../batch/events';
import { createRunProgressStore } from './createRunProgressStore';
import type { RunProgressState } from './reduceRunProgress';

export const TICK_MS = 1000;

/**
 * @example
 * function App({ runner }: { runner: RunnerEvents }) {
 *   const progress = useRunProgress(runner);
 *   return <Text>{progress.chunksDone}/{progress.chunksTotal}</Text>;
 * }
 */
export function useRunProgress(events: RunnerEvents, now: () => number = Date.now): RunProgressState {
  // Created during the first render (not in an effect) so no event is missed; see createRunProgressStore.
  const [store] = useState(() => createRunProgressStore(events, now));
  useEffect(() => () => store.close(), [store]);
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const active = state.status === 'running' || state.status === 'waiting';
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => store.tick(), TICK_MS);
    return () => clearInterval(timer);
  }, [store, active]);
  return state;
}
