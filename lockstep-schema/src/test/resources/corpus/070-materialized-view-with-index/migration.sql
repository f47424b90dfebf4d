CREATE MATERIALIZED VIEW note_stats AS
  SELECT user_id, count(*) AS notes FROM notes GROUP BY user_id;
CREATE UNIQUE INDEX note_stats_user_id ON note_stats (user_id);
