/**
 * The terminal side of a batch run: it subscribes to the runner's events and renders or logs
 * them; it never does work of its own. `renderTui` for a TTY, `attachPlainLog` for anything else.
 */
export { attachPlainLog } from './attachPlainLog';
export {
  reduceRunProgress,
  initialRunProgress,
  type RunProgressState,
  type RunProgressAction,
} from './reduceRunProgress';
