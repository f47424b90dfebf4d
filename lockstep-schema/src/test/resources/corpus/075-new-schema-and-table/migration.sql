CREATE SCHEMA reporting;
CREATE TABLE reporting.daily_stats (day date PRIMARY KEY, notes integer NOT NULL DEFAULT 0);
