/**
 * Walk-forward and split windows as rows of a run's date index. Rolling windows: train `train` rows, then test
 * the next `test` rows, moving by `step` (default `test`) while a whole test window fits; anchored windows keep
 * the train start at row 0 (expanding). A split: train on the rows up to the split date, test on the rest.
 * Each window's test is an independent backtest that starts flat with the initial cash.
 */
import { UserError } from '../errors';
import type { EvalWindow } from './evaluateCombos';

export type WindowSpec =
  | { kind: 'rolling' | 'anchored'; train: number; test: number; step?: number }
  | { kind: 'split'; date: string };

/** Days since 2000-01-01 of a YYYY-MM-DD date. */
function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) - 10_957;
}

/**
 * windowsOf(spec, dateIndex): the train and test windows (rows `from .. to - 1`), numbered from 1.
 * @example windowsOf({ kind: 'rolling', train: 252, test: 63 }, dateIndex) // train 0..251, test 252..314, ...
 */
export function windowsOf(spec: WindowSpec, dateIndex: Int32Array): EvalWindow[] {
  const n = dateIndex.length;
  const out: EvalWindow[] = [];
  if (spec.kind === 'split') {
    const day = dayOf(spec.date);
    let k = 0;
    while (k < n && dateIndex[k] <= day) k++;
    if (k === 0 || k === n) throw new UserError(`--split ${spec.date} leaves ${k === 0 ? 'no in-sample' : 'no out-of-sample'} bars in the run's dates; pick a date inside the range`);
    out.push({ windowNo: 1, phase: 'train', from: 0, to: k }, { windowNo: 1, phase: 'test', from: k, to: n });
    return out;
  }
  const step = spec.step ?? spec.test;
  for (let start = 0, no = 1; start + spec.train + spec.test <= n; start += step, no++) {
    const trainFrom = spec.kind === 'anchored' ? 0 : start;
    out.push({ windowNo: no, phase: 'train', from: trainFrom, to: start + spec.train }, { windowNo: no, phase: 'test', from: start + spec.train, to: start + spec.train + spec.test });
  }
  if (!out.length) throw new UserError(`--walk-forward train=${spec.train},test=${spec.test} needs ${spec.train + spec.test} bars; the run's dates hold ${n}: widen --from/--to or shorten the windows`);
  return out;
}
