"""The audit trail: who did what, when, why, to which item, from the read model."""
