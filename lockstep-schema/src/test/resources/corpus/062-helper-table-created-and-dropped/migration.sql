CREATE TABLE tmp_deleted AS SELECT id FROM notes WHERE deleted_at IS NOT NULL;
DELETE FROM note_tags WHERE note_id IN (SELECT id FROM tmp_deleted);
DROP TABLE tmp_deleted;
