"""The event store's recorders (SQLite, PostgreSQL) and the eventsourcing environment."""
