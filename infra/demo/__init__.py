"""Demo data: a plausible hierarchy, accounts for every role and a quarter of activity."""
