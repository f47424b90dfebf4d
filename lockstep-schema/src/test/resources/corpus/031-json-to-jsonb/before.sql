ALTER TABLE notes ADD COLUMN meta json;
