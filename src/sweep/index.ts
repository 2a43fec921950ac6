/** Parameter sweeps: a grid of strategy parameters as columns of one simulation. */
export { runGrid } from './runGrid';
export type { GridAxes, GridCombo, GridResult } from './runGrid';
export { gridSurface } from './gridSurface';
export type { GridSurface } from './gridSurface';
