"""The unit hierarchy: the tree, one unit, contacts, and the administrator's changes."""
