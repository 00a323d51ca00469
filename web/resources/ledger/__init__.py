"""The ledger: every event's hash chain, verified on demand."""
