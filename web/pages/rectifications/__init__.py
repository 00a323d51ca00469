"""The rectification ledger's pages (整改台账): the list, one item, opening from a finding or a
risk signal sent to rectification."""

from web.pages.rectifications import item, ledger, opening, signal_opening
from web.pages.rectifications.blueprint import bp

__all__ = ["bp", "item", "ledger", "opening", "signal_opening"]
