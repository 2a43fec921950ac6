/** One indicator drawn in its own panel below the price, with an optional threshold line. */
export interface IndicatorPanel {
  /** Panel and trace name, e.g. "RVOL". */
  name: string;
  /** One value per bar, aligned with the x values; NaN is a gap (warm-up). */
  values: ArrayLike<number>;
  /** Drawn as a dashed horizontal line, e.g. 2 for RVOL > 2. */
  threshold?: number;
  /** Axis title; defaults to `name`. */
  yTitle?: string;
}
