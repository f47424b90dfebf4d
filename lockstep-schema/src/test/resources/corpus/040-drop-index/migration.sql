DROP INDEX notes_user_id_idx;
