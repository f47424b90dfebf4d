ALTER TABLE notes RENAME COLUMN title TO headline;
