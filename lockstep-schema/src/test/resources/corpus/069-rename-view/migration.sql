ALTER VIEW recent_notes RENAME TO active_notes;
