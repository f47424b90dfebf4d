-- notes 1.1.0: optional tags. Nullable, so the 1.0.0 code keeps working (expand).
ALTER TABLE notes ADD COLUMN tags text[];
