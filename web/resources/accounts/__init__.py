"""Accounts and the roles granted to them over unit subtrees."""
