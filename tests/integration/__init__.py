"""Tests against real databases (SQLite files and PostgreSQL)."""
