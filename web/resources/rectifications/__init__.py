"""/api/v1/rectifications: the rectification ledger (整改台账) and each item's steps."""
