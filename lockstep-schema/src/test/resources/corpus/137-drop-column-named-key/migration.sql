ALTER TABLE settings ADD COLUMN name text;
UPDATE settings SET name = key;
ALTER TABLE settings DROP COLUMN key;
