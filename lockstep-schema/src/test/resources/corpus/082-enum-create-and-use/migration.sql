CREATE TYPE note_visibility AS ENUM ('private', 'shared', 'public');
ALTER TABLE notes ADD COLUMN visibility note_visibility NOT NULL DEFAULT 'private';
