-- An event log partitioned by time, one partition per year.
CREATE TABLE events (
  id bigserial,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  payload jsonb,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_kind_idx ON events (kind);
INSERT INTO events (at, kind) VALUES ('2024-06-01', 'signup'), ('2025-02-01', 'login');
