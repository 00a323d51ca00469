"""Command groups of the `kaohe` command; the web layer assembles them."""
