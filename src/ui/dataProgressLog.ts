/**
 * The plain-log renderer of a `vecbt db load` / `vecbt db synth` step (not a terminal: Heroku logs, CI, a pipe):
 * a line each time the input passes another tenth, a line per server phase, nothing else. A step that ends within
 * its first second prints nothing here (the command's summary line says it all; rows/s of a blink is noise). No
 * ANSI codes; every line ends in "\n" and is written whole.
 */
import type { DataProgressEvent, OnDataProgress } from '../data/dataProgress';
import { dataFraction, dataProgressText, initialDataProgress, phaseText, reduceDataProgress } from './reduceDataProgress';

/**
 * dataProgressLog(out): an `onProgress` callback that prints to `out`.
 * @example await loadOhlcvCsv(pool, path, { onProgress: dataProgressLog(process.stdout) })
 * // load  10%  10.5 MB/104.9 MB  108,400 rows  52,000 rows/s  2.1s
 */
export function dataProgressLog(out: NodeJS.WritableStream, quietMs = QUIET_MS): OnDataProgress {
  let state = initialDataProgress;
  let tenths = 0;
  return (e: DataProgressEvent) => {
    state = reduceDataProgress(state, e);
    const speak = e.elapsedMs >= quietMs;
    if (e.type === 'step:progress') {
      const now = Math.floor(dataFraction(state) * 10);
      if (now > tenths) {
        tenths = now;
        if (speak) out.write(`${e.step.padEnd(5)} ${`${now * 10}%`.padStart(4)}  ${dataProgressText(state)}\n`);
      }
    } else if (e.type === 'step:phase') {
      if (e.phase === 'restage') tenths = 0; // the file is read again: its tenths print again
      if (speak) out.write(`${e.step.padEnd(5)} ${phaseText(e.phase, e.rows)}\n`);
    }
  };
}

/** Nothing is printed before a step has run this long. */
export const QUIET_MS = 1000;
