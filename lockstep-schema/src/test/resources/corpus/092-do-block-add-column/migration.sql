DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_name = 'notes' AND column_name = 'archived') THEN
    ALTER TABLE notes ADD COLUMN archived boolean NOT NULL DEFAULT false;
  END IF;
END
$$;
