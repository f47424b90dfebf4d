ALTER TABLE notes ADD COLUMN priority integer NOT NULL;
