/**
 * The terminal side of a batch run: it subscribes to the runner's events and renders or logs
 * them; it never does work of its own. `renderTui` for a TTY, `attachPlainLog` for anything else.
 */
export { attachPlainLog } from './attachPlainLog';
export { renderTui, type RenderTuiOptions, type TuiHandle } from './renderTui';
export { useRunProgress } from './useRunProgress';
export { createRunProgressStore, type RunProgressStore } from './createRunProgressStore';
export {
  reduceRunProgress,
  initialRunProgress,
  type RunProgressState,
  type RunProgressAction,
} from './reduceRunProgress';
export { RunApp, type RunAppProps } from './components/RunApp';
export { RunView, type RunViewProps } from './components/RunView';
