-- Our own tables, prefixed vecbt_ so they never clobber the user's.
CREATE TABLE IF NOT EXISTS vecbt_runs (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'aborted')),
  params jsonb NOT NULL,
  date_from date NOT NULL,
  date_to date NOT NULL,
  chunk_size integer NOT NULL CHECK (chunk_size > 0),
  tickers_total integer NOT NULL DEFAULT 0,
  tickers_done integer NOT NULL DEFAULT 0,
  chunks_total integer NOT NULL DEFAULT 0,
  -- The run's union date index (days since 2000-01-01), fixed at creation: every chunk is simulated on
  -- it, so chunking never changes a number and a resumed run sees the same rows.
  date_index integer[] NOT NULL DEFAULT '{}',
  peak_rss_mb double precision,
  elapsed_ms double precision,
  error text
);

-- One row per chunk of a run; `tickers` is the chunk's symbol list, fixed when the run is created, so
-- a resumed run cuts exactly the same chunks even if `tickers.active` changed in between.
CREATE TABLE IF NOT EXISTS vecbt_chunks (
  run_id bigint NOT NULL REFERENCES vecbt_runs (id) ON DELETE CASCADE,
  chunk_no integer NOT NULL,
  tickers text[] NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  started_at timestamptz,
  finished_at timestamptz,
  bars integer,
  read_ms double precision,
  compute_ms double precision,
  write_ms double precision,
  rss_mb double precision,
  heap_mb double precision,
  array_buffers_mb double precision,
  error text,
  PRIMARY KEY (run_id, chunk_no)
);

-- One row per (run, ticker): the vectorbt stats (NaN stored as NULL, +-inf as +-Infinity; durations in
-- days), or status 'skipped' with the reason and NULL stats.
-- No foreign key on run_id in vecbt_results/vecbt_trades: the per-row trigger check was a fifth of the
-- write time for 50k trades, and only the runner writes these rows, for a run it has just read.
CREATE TABLE IF NOT EXISTS vecbt_results (
  run_id bigint NOT NULL,
  ticker text NOT NULL,
  chunk_no integer NOT NULL,
  status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'skipped')),
  reason text,
  bars integer NOT NULL DEFAULT 0,
  start_date date,
  end_date date,
  period_days double precision,
  start_value double precision,
  end_value double precision,
  total_return_pct double precision,
  benchmark_return_pct double precision,
  max_gross_exposure_pct double precision,
  total_fees_paid double precision,
  max_drawdown_pct double precision,
  max_drawdown_duration_days double precision,
  total_trades integer,
  closed_trades integer,
  open_trades integer,
  open_trade_pnl double precision,
  win_rate_pct double precision,
  best_trade_pct double precision,
  worst_trade_pct double precision,
  avg_winning_trade_pct double precision,
  avg_losing_trade_pct double precision,
  avg_winning_trade_duration_days double precision,
  avg_losing_trade_duration_days double precision,
  profit_factor double precision,
  expectancy double precision,
  sharpe_ratio double precision,
  calmar_ratio double precision,
  omega_ratio double precision,
  sortino_ratio double precision,
  stale_exits integer,
  PRIMARY KEY (run_id, ticker)
);

CREATE TABLE IF NOT EXISTS vecbt_trades (
  run_id bigint NOT NULL,
  ticker text NOT NULL,
  trade_no integer NOT NULL,
  entry_date date NOT NULL,
  exit_date date,
  entry_price double precision NOT NULL,
  exit_price double precision,
  size double precision NOT NULL,
  entry_fees double precision,
  exit_fees double precision,
  pnl double precision,
  return_pct double precision,
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  exit_reason text,
  PRIMARY KEY (run_id, ticker, trade_no)
);
