-- Parameter sweeps and walk-forward runs. A run is a grid of combinations (a plain run: one, combo 0); every
-- (combination, ticker) result is a row of vecbt_results keyed (run_id, combo_no, ticker).
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'single'
  CHECK (kind IN ('single', 'sweep', 'walk-forward', 'split'));
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS combos_total integer NOT NULL DEFAULT 1;
-- The grid as given (axes and their values, the sample, the rules skipped) and the walk-forward windows, for
-- the report and for `vecbt results`; the combinations themselves are rows of vecbt_combos.
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS grid jsonb;
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS windows jsonb;
-- The metric a sweep ranks its combinations by (and walk-forward selects with), e.g. median_sharpe.
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS select_metric text;
-- Trades of the best K combinations of a sweep, written after it (null: none; a plain run keeps all its trades).
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS keep_trades integer;

-- Every swept and fixed setting of each combination, by spec name (null: off / all).
CREATE TABLE IF NOT EXISTS vecbt_combos (
  run_id bigint NOT NULL REFERENCES vecbt_runs (id) ON DELETE CASCADE,
  combo_no integer NOT NULL,
  params jsonb NOT NULL,
  PRIMARY KEY (run_id, combo_no)
);

ALTER TABLE vecbt_results ADD COLUMN IF NOT EXISTS combo_no integer NOT NULL DEFAULT 0;
ALTER TABLE vecbt_results DROP CONSTRAINT IF EXISTS vecbt_results_pkey;
ALTER TABLE vecbt_results ADD PRIMARY KEY (run_id, combo_no, ticker);
ALTER TABLE vecbt_trades ADD COLUMN IF NOT EXISTS combo_no integer NOT NULL DEFAULT 0;
ALTER TABLE vecbt_trades DROP CONSTRAINT IF EXISTS vecbt_trades_pkey;
ALTER TABLE vecbt_trades ADD PRIMARY KEY (run_id, combo_no, ticker, trade_no);

-- What each chunk adds to each (window, phase, combination), written in the chunk's transaction:
-- - the equal-weight portfolio of the chunk's tickers, as per-bar sums of their accounts' returns and how
--   many tickers had a return that bar (summed over chunks and divided: the universe's equal-weight returns);
--   rows `bar_from ..` of the run's date index;
-- - for walk-forward windows (whose per-ticker results are not stored), the sums behind the window's
--   aggregates and the per-ticker values of the run's select metric (for its median).
-- window_no 0 / phase 'all' is the whole date range (sweeps and plain runs).
CREATE TABLE IF NOT EXISTS vecbt_combo_parts (
  run_id bigint NOT NULL,
  chunk_no integer NOT NULL,
  window_no integer NOT NULL DEFAULT 0,
  phase text NOT NULL DEFAULT 'all' CHECK (phase IN ('all', 'train', 'test')),
  combo_no integer NOT NULL,
  bar_from integer NOT NULL DEFAULT 0,
  ew_sum double precision[] NOT NULL,
  ew_n integer[] NOT NULL,
  tickers integer,
  sum_return double precision,
  n_profitable integer,
  sum_win_rate double precision,
  n_win_rate integer,
  trades integer,
  sum_sharpe double precision,
  n_sharpe integer,
  worst_drawdown double precision,
  select_values double precision[],
  PRIMARY KEY (run_id, window_no, phase, combo_no, chunk_no)
);

-- Per combination (and walk-forward window and phase), over the universe: computed once when the run is done.
CREATE TABLE IF NOT EXISTS vecbt_combo_stats (
  run_id bigint NOT NULL REFERENCES vecbt_runs (id) ON DELETE CASCADE,
  window_no integer NOT NULL DEFAULT 0,
  phase text NOT NULL DEFAULT 'all',
  combo_no integer NOT NULL,
  tickers integer,
  mean_return_pct double precision,
  median_return_pct double precision,
  q1_return_pct double precision,
  q3_return_pct double precision,
  mean_win_rate_pct double precision,
  pct_profitable double precision,
  total_trades bigint,
  mean_sharpe double precision,
  median_sharpe double precision,
  worst_drawdown_pct double precision,
  -- The equal-weight portfolio of the universe's accounts: its total return, annualized Sharpe, and the moments
  -- the deflated Sharpe ratio needs (per-bar Sharpe, skewness, kurtosis, number of returns).
  ew_return_pct double precision,
  ew_sharpe double precision,
  ew_bar_sharpe double precision,
  ew_skew double precision,
  ew_kurtosis double precision,
  ew_bars integer,
  -- The select metric, the mean of it over the combination's grid neighbours (one step along one axis), and
  -- robustness = neighbour mean / score (1: a plateau; near 0 or below: a lone bright cell).
  score double precision,
  neighbour_score double precision,
  robustness double precision,
  rank integer,
  PRIMARY KEY (run_id, window_no, phase, combo_no)
);

-- Walk-forward windows: dates, the combination chosen in-sample, its in- and out-of-sample aggregates, and the
-- in-sample rank of the combination that was best out of sample.
CREATE TABLE IF NOT EXISTS vecbt_windows (
  run_id bigint NOT NULL REFERENCES vecbt_runs (id) ON DELETE CASCADE,
  window_no integer NOT NULL,
  train_from date NOT NULL,
  train_to date NOT NULL,
  test_from date NOT NULL,
  test_to date NOT NULL,
  chosen_combo integer,
  is_score double precision,
  oos_score double precision,
  oos_best_combo integer,
  oos_best_is_rank integer,
  PRIMARY KEY (run_id, window_no)
);

-- The best combination of a sweep and its deflated Sharpe ratio (Bailey and Lopez de Prado) given the number of
-- combinations tried.
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS best_combo integer;
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS deflated_sharpe double precision;
