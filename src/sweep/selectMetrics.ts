/**
 * The metrics a sweep ranks its combinations by (`--select`, `--sort`) and walk-forward selects with, each an
 * aggregate over the universe of one per-ticker stat. Sharpe aggregates skip tickers whose Sharpe is not finite
 * (vectorbt gives +inf to an account that never trades: it would swamp any mean or median).
 */
export const SELECT_METRICS = Object.freeze({
  median_sharpe: { column: 'median_sharpe', doc: 'median over the tickers of the Sharpe ratio (finite ones)', perTicker: 'Sharpe Ratio' },
  mean_sharpe: { column: 'mean_sharpe', doc: 'mean over the tickers of the Sharpe ratio (finite ones)', perTicker: null },
  median_return: { column: 'median_return_pct', doc: 'median total return [%] over the tickers', perTicker: 'Total Return [%]' },
  mean_return: { column: 'mean_return_pct', doc: 'mean total return [%] over the tickers', perTicker: null },
  pct_profitable: { column: 'pct_profitable', doc: '% of tickers with a positive total return', perTicker: null },
  mean_win_rate: { column: 'mean_win_rate_pct', doc: 'mean win rate [%] over the tickers with a closed trade', perTicker: null },
  ew_sharpe: { column: 'ew_sharpe', doc: 'Sharpe ratio of the equal-weight portfolio of the tickers', perTicker: null },
  ew_return: { column: 'ew_return_pct', doc: 'total return [%] of the equal-weight portfolio of the tickers', perTicker: null },
} as const);

export type SelectMetric = keyof typeof SELECT_METRICS;
export const DEFAULT_SELECT: SelectMetric = 'median_sharpe';

export function isSelectMetric(s: string): s is SelectMetric {
  return Object.prototype.hasOwnProperty.call(SELECT_METRICS, s);
}
