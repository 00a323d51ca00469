"""The tables bureaus hand up, now or as of a moment, as JSON, CSV or Excel."""
