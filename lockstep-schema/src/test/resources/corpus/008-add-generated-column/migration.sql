ALTER TABLE notes ADD COLUMN title_length integer GENERATED ALWAYS AS (char_length(title)) STORED;
