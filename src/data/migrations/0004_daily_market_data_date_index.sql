-- An index on the user's daily_market_data by (date, ticker), prefixed vecbt_ as it is ours on their table.
-- Why: the union date index and the last bar date of a run (readUnionDates, lastBarDate) were a scan of
-- every bar of the range (~0.7 s for 3 M bars); with this index they are a loose index scan, one probe
-- per distinct date (~15 ms). Cost: ~30% of the table's size (91 MB for 3 M bars), a slower COPY into the
-- table (vecbt db load / synth), and building it here takes ~2.4 s per 3 M bars, blocking writes to the
-- table (not reads) meanwhile. Only created on a table (plain or partitioned) that our role owns: a view,
-- a foreign or materialized table, or someone else's table is skipped with a notice, and the readers fall
-- back to the plain scan (they check that this index exists). daily_market_data is the relation the
-- search_path finds, in whatever schema; the index goes beside it.
DO $$
DECLARE
  kind "char";
  ours boolean;
BEGIN
  SELECT c.relkind, pg_has_role(current_user, c.relowner, 'USAGE') INTO kind, ours
    FROM pg_class c WHERE c.oid = to_regclass('daily_market_data');
  IF kind IN ('r', 'p') AND ours THEN
    CREATE INDEX IF NOT EXISTS vecbt_daily_market_data_date ON daily_market_data (date, ticker);
  ELSIF kind IN ('r', 'p') THEN
    RAISE NOTICE 'vecbt: not the owner of daily_market_data; index vecbt_daily_market_data_date not created (reads of the run''s dates scan the table instead)';
  ELSE
    RAISE NOTICE 'vecbt: daily_market_data is %, not a table we own; index vecbt_daily_market_data_date not created (reads of the run''s dates scan it instead)',
      CASE kind WHEN 'v' THEN 'a view' WHEN 'm' THEN 'a materialized view' WHEN 'f' THEN 'a foreign table' ELSE 'missing' END;
  END IF;
END
$$;
