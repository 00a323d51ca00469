"""Benchmarks of Kaohe's event-sourced core against the bare eventsourcing library.

Run with `make bench`; see bench/RESULTS.md. Speed targets live here, never in tests."""
