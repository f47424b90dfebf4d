ALTER INDEX notes_user_id_idx RENAME TO notes_owner_idx;
