ALTER TABLE note_tags DROP CONSTRAINT note_tags_tag_id_fkey;
