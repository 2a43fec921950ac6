-- Portfolio runs: one account trading the whole universe with shared cash. The signal pass is chunked as any run
-- (each chunk stores its tickers' signals compactly, in its transaction); the portfolio pass then simulates every
-- ticker in one group and stores the account's bars, stats, trades and each ticker's contribution.
ALTER TABLE vecbt_runs DROP CONSTRAINT IF EXISTS vecbt_runs_kind_check;
ALTER TABLE vecbt_runs ADD CONSTRAINT vecbt_runs_kind_check CHECK (kind IN ('single', 'sweep', 'walk-forward', 'split', 'portfolio'));
-- {max_positions, position_size: {kind: 'equity'|'value'|'percent'|'amount', size}, rank_by, seed}
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS portfolio jsonb;

-- Per ticker of a portfolio run: the bars (rows of the run's date index) with a signal, and the entry rows' rank
-- scores (NULL where a rank is missing), or the reason the ticker is skipped.
CREATE TABLE IF NOT EXISTS vecbt_portfolio_signals (
  run_id bigint NOT NULL,
  chunk_no integer NOT NULL,
  ticker text NOT NULL,
  status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'skipped')),
  reason text,
  entries integer[] NOT NULL DEFAULT '{}',
  exits integer[] NOT NULL DEFAULT '{}',
  short_entries integer[],
  short_exits integer[],
  ranks double precision[],
  PRIMARY KEY (run_id, ticker)
);

-- The account per bar: value, cash, open positions, gross exposure (asset value / value), and the benchmark
-- (an equal-weight buy-and-hold of the universe with the same initial cash).
CREATE TABLE IF NOT EXISTS vecbt_portfolio (
  run_id bigint NOT NULL REFERENCES vecbt_runs (id) ON DELETE CASCADE,
  date date NOT NULL,
  value double precision,
  cash double precision,
  positions integer NOT NULL,
  exposure double precision,
  benchmark double precision,
  PRIMARY KEY (run_id, date)
);

-- The account's vectorbt stats (the group's pf.stats(), by vectorbt's names) and when the pass ran.
CREATE TABLE IF NOT EXISTS vecbt_portfolio_stats (
  run_id bigint PRIMARY KEY REFERENCES vecbt_runs (id) ON DELETE CASCADE,
  stats jsonb NOT NULL,
  tickers integer NOT NULL,
  simulate_ms double precision,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Each ticker's contribution to the account: its trades and their PnL.
CREATE TABLE IF NOT EXISTS vecbt_portfolio_tickers (
  run_id bigint NOT NULL REFERENCES vecbt_runs (id) ON DELETE CASCADE,
  ticker text NOT NULL,
  trades integer NOT NULL,
  closed_trades integer NOT NULL,
  pnl double precision,
  fees double precision,
  PRIMARY KEY (run_id, ticker)
);
