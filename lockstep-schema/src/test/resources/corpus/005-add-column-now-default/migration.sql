ALTER TABLE notes ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
