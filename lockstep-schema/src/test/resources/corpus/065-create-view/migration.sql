CREATE VIEW user_note_counts AS
  SELECT user_id, count(*) AS notes FROM notes GROUP BY user_id;
