ALTER TABLE notes ADD COLUMN pinned boolean NOT NULL DEFAULT false;
