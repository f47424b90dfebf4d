CREATE INDEX events_at_idx ON events (at);
