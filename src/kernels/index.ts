/**
 * Numeric kernels: pure functions over flat typed arrays. They import nothing else of ours.
 *
 * Layout (stated once, used everywhere): a matrix of `nRows` bars x `nCols` columns is one flat array in
 * column-major order, `a[col * nRows + row]`, so `a.subarray(col * nRows, (col + 1) * nRows)` hands a 1-D
 * kernel one column without a copy. 1-D kernels are named `xxx1d`, their column loops `xxx`.
 * Missing values are `NaN`; every kernel states how it treats them.
 */
export { flexSelect, type Flex } from './flexSelect';
export { isClose, isCloseOrLess, isLess, addSnap, REL_TOL, ABS_TOL } from './isClose';
export { shift1d, shift } from './shift';
export { fshift1d, fshift } from './fshift';
export { rollingMean1d, rollingMean } from './rollingMean';
export { rollingStd1d, rollingStd } from './rollingStd';
export { ewmMean1d, ewmMean } from './ewmMean';
export { rollingMax1d, rollingMax } from './rollingMax';
export { rollingMin1d, rollingMin } from './rollingMin';
export { crossedAbove1d, crossedAbove, type SeriesOrLevel } from './crossedAbove';
export { crossedBelow1d, crossedBelow } from './crossedBelow';
export { greaterThan } from './greaterThan';
export { lessThan } from './lessThan';
export { ffill1d, bfill1d, ffill, bfill, fillClose1d } from './fill';
export { nansum1d, nanmean1d, nanstd1d, nanmin1d, nanmax1d, fsum1d, pairwiseSum1d } from './reduce';
export { accuratePow } from './accuratePow';
export { emptyOhlcv, type OhlcvMatrix } from './ohlcvMatrix';
