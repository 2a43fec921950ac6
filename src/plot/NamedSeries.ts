/** A labelled series: one value per bar (equity curves) or per item (histogram samples). */
export interface NamedSeries {
  name: string;
  values: ArrayLike<number>;
}
