"""Logging in and out: bearer tokens and browser sessions."""
