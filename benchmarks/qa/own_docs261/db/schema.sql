-- Tidepool's database schema (SQLite).

-- One row per monitored URL.
CREATE TABLE monitors (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  interval_seconds INTEGER, -- NULL means the default interval
  paused INTEGER NOT NULL DEFAULT 0 -- 1 while maintenance is going on
);

-- One row per check: kept for RetentionDays, then deleted by the nightly cleanup.
CREATE TABLE results (
  monitor_id INTEGER REFERENCES monitors(id),
  checked_at TEXT NOT NULL, -- UTC, ISO 8601
  up INTEGER NOT NULL,
  latency_ms INTEGER
);
