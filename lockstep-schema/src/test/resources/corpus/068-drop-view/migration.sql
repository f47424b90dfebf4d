DROP VIEW recent_notes;
