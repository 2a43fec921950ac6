/**
 * The plain-log renderer of a `vecbt db load` / `vecbt db synth` step (stdout not a terminal: Heroku logs, CI, a
 * pipe): a line each time the input passes another tenth, a line per server phase, nothing else. No ANSI codes;
 * every line ends in "\n" and is written whole. The summary line is the command's.
 */
import type { DataProgressEvent, OnDataProgress } from '../data/dataProgress';
import { dataFraction, dataProgressText, initialDataProgress, phaseText, reduceDataProgress } from './reduceDataProgress';

/**
 * dataProgressLog(out): an `onProgress` callback that prints to `out`.
 * @example await loadOhlcvCsv(pool, path, { onProgress: dataProgressLog(process.stdout) })
 * // load  10%  10.5 MB/104.9 MB  108,400 rows  52,000 rows/s  2.1s
 */
export function dataProgressLog(out: NodeJS.WritableStream): OnDataProgress {
  let state = initialDataProgress;
  let tenths = 0;
  return (e: DataProgressEvent) => {
    state = reduceDataProgress(state, e);
    if (e.type === 'step:progress') {
      const now = Math.floor(dataFraction(state) * 10);
      if (now > tenths) {
        tenths = now;
        out.write(`${e.step.padEnd(5)} ${`${now * 10}%`.padStart(4)}  ${dataProgressText(state)}\n`);
      }
    } else if (e.type === 'step:phase') {
      if (e.phase === 'restage') tenths = 0; // the file is read again: its tenths print again
      out.write(`${e.step.padEnd(5)} ${phaseText(e.phase, e.rows)}\n`);
    }
  };
}
