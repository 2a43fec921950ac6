-- The user's own tables (the data contract). Created only when absent: an existing `tickers` or
-- `daily_market_data` (possibly with extra columns, numeric/real prices or a bigint volume) is left as is.
CREATE TABLE IF NOT EXISTS tickers (
  symbol text PRIMARY KEY,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE IF NOT EXISTS daily_market_data (
  ticker text NOT NULL,
  date date NOT NULL,
  open double precision,
  high double precision,
  low double precision,
  close double precision,
  volume double precision,
  PRIMARY KEY (ticker, date)
);
