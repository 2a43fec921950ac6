-- Strategies as code: a run records which strategy it ran (a built-in's name, or a user's strategy file: its
-- source text and SHA-256, which --resume and every worker evaluate instead of any file on their disk), and the
-- look-ahead check's verdict when the file was first used. Parameters are stored flat by their spec names
-- (snake_case: strategy parameters and portfolio settings together), JSON null meaning a disabled stop or "all the cash".
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS strategy text NOT NULL DEFAULT 'rvol_atr';
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS strategy_file text;
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS strategy_source text;
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS strategy_sha256 text;
ALTER TABLE vecbt_runs ADD COLUMN IF NOT EXISTS lookahead text;

-- Runs made before this migration stored camelCase keys with "NaN"/"Infinity" strings: rvolMin -> rvol_min,
-- "NaN" (a disabled stop) and "Infinity" (all the cash) -> null.
UPDATE vecbt_runs
   SET params = (SELECT coalesce(jsonb_object_agg(lower(regexp_replace(key, '([A-Z])', '_\1', 'g')),
                                                 CASE WHEN value IN ('"NaN"'::jsonb, '"Infinity"'::jsonb) THEN 'null'::jsonb ELSE value END),
                                 '{}'::jsonb)
                   FROM jsonb_each(params))
 WHERE EXISTS (SELECT 1 FROM jsonb_object_keys(params) AS k WHERE k ~ '[A-Z]');

-- Per-strategy figures in one jsonb column instead of a column per strategy: rvol_atr's stale_exits moves there.
ALTER TABLE vecbt_results ADD COLUMN IF NOT EXISTS extras jsonb;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'vecbt_results' AND column_name = 'stale_exits'
              AND table_schema = current_schema()) THEN
    UPDATE vecbt_results SET extras = jsonb_build_object('stale_exits', stale_exits) WHERE stale_exits IS NOT NULL;
    ALTER TABLE vecbt_results DROP COLUMN stale_exits;
  END IF;
END
$$;
