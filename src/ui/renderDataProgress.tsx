/**
 * The Ink bar of a `vecbt db load` / `vecbt db synth` step on a terminal. The library's progress events go into a
 * small store (`reduceDataProgress`); the view only renders it. Unmount leaves the last frame on screen, above the
 * command's summary line.
 */
import { render } from 'ink';
import { useSyncExternalStore } from 'react';
import type { DataProgressEvent, OnDataProgress } from '../data/dataProgress';
import { DataProgressView } from './components/DataProgressView';
import { initialDataProgress, reduceDataProgress, type DataProgressState } from './reduceDataProgress';

interface Store {
  getState(): DataProgressState;
  subscribe(listener: () => void): () => void;
}

function DataProgressApp({ store, width }: { readonly store: Store; readonly width: number }) {
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  return <DataProgressView state={state} width={width} />;
}

export interface DataProgressHandle {
  /** pass as the step's `onProgress` */
  onProgress: OnDataProgress;
  /** draws the last frame and stops (call it in `finally`); safe to call twice */
  unmount(): void;
}

/**
 * renderDataProgress(stdout): start the bar.
 * @example const ui = renderDataProgress(process.stdout); try { await loadOhlcvCsv(pool, path, { onProgress: ui.onProgress }) } finally { ui.unmount() }
 */
export function renderDataProgress(stdout: NodeJS.WriteStream): DataProgressHandle {
  let state = initialDataProgress;
  const listeners = new Set<() => void>();
  const store: Store = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const instance = render(<DataProgressApp store={store} width={stdout.columns ?? 80} />, { stdout, patchConsole: false, exitOnCtrlC: true });
  let unmounted = false;
  return {
    onProgress(e: DataProgressEvent) {
      state = reduceDataProgress(state, e);
      for (const l of listeners) l();
    },
    unmount() {
      if (unmounted) return;
      unmounted = true;
      instance.unmount();
    },
  };
}
