CREATE UNIQUE INDEX tags_name_idx ON tags (name);
