/**
 * flexSelect: read a parameter given either as one scalar for all columns or as one value per column,
 * without materialising the broadcast (vectorbt `flex_select_auto_nb`). Resolve it once per column,
 * outside the bar loop.
 */

/** A scalar for every column, or one value per column. */
export type Flex = number | Float64Array;

/**
 * The value of `param` for column `col`.
 * @example flexSelect(0.001, 3) === 0.001; flexSelect(Float64Array.of(1, 2), 1) === 2
 */
export function flexSelect(param: Flex, col: number): number {
  if (typeof param === 'number') return param;
  if (col < 0 || col >= param.length) throw new RangeError(`flexSelect: column ${col} is outside the per-column array of length ${param.length}`);
  return param[col];
}
