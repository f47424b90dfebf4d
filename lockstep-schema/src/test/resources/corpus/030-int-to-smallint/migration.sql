ALTER TABLE notes ALTER COLUMN views TYPE smallint;
