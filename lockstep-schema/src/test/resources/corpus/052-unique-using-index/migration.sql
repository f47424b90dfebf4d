ALTER TABLE tags ADD CONSTRAINT tags_name_key UNIQUE USING INDEX tags_name_idx;
