DROP FUNCTION note_count(bigint);
