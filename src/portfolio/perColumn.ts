/**
 * perColumn: a Flex option (one number, or one per column) as one value per column, resolved once before a
 * kernel's loops so the bar loops read a plain Float64Array.
 */
import { flexSelect, type Flex } from '../kernels/flexSelect';

/** A Flex option as one value per column (flexSelect for each column). */
export function perColumn(param: Flex, nCols: number): Float64Array {
  const out = new Float64Array(nCols);
  for (let col = 0; col < nCols; col++) out[col] = flexSelect(param, col);
  return out;
}
