"""Integration tests of the infra layer."""
