/**
 * Plotly figure specs as plain JSON-able objects.
 *
 * Builders in src/plot return a `Figure` ({ data, layout }) and never touch the DOM, so they run
 * anywhere (tests, batch, notebooks); `show` and `writeHtml` are the only places that render.
 * Series inputs are `ArrayLike<number>` (typed arrays welcome); builders copy them into plain
 * arrays with `NaN` turned into `null`, which Plotly draws as a gap.
 */

/** One Plotly trace. Only the keys the builders set are typed; anything else passes through. */
export interface Trace {
  type: 'scatter' | 'bar' | 'histogram' | 'heatmap';
  name?: string;
  x?: ReadonlyArray<unknown>;
  y?: ReadonlyArray<unknown>;
  z?: ReadonlyArray<ReadonlyArray<number | null>>;
  mode?: string;
  xaxis?: string;
  yaxis?: string;
  [key: string]: unknown;
}

/** A Plotly layout; builders set title, axes, shapes and annotations. */
export interface Layout {
  title?: { text: string };
  shapes?: Record<string, unknown>[];
  annotations?: Record<string, unknown>[];
  [key: string]: unknown;
}

/** A Plotly figure spec, ready for `Plotly.newPlot(div, figure.data, figure.layout)`. */
export interface Figure {
  data: Trace[];
  layout: Layout;
}

/** Values for a date/row axis: ISO date strings, epoch milliseconds or row numbers. */
export type AxisValues = ArrayLike<string | number>;
