ALTER TABLE tags ADD COLUMN position serial;
