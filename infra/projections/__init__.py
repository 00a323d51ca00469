"""Read models on the event store's own database: view tables, tracking, runners, rebuilds."""
