ALTER TABLE notes ALTER COLUMN meta TYPE jsonb USING meta::jsonb;
