-- Distributed runs (`vecbt run --distributed` + `vecbt worker`): which worker did each chunk, and a row per
-- worker process with its last memory reading. The job queue itself is pg-boss, in its own schema
-- (vecbt_pgboss), created by pg-boss when the first worker or distributed run starts.
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS distributed boolean NOT NULL DEFAULT false;

-- The worker that committed the chunk (NULL for the single-process runner).
ALTER TABLE vecbt_chunks ADD COLUMN IF NOT EXISTS worker text;

-- One row per worker process, upserted every few seconds and after every chunk.
CREATE TABLE IF NOT EXISTS vecbt_workers (
  name text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  stopped_at timestamptz,
  -- The chunk in progress (NULL when idle).
  run_id bigint,
  chunk_no integer,
  chunks_done integer NOT NULL DEFAULT 0,
  rss_mb double precision,
  heap_mb double precision,
  peak_rss_mb double precision
);
