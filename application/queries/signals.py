"""Queries on recorded risk signals: a county's register of a period, for those who may read
its risk report."""

from __future__ import annotations

from application.authorization import Action, Authorizer, Caller, Target
from application.read_ports import ReadModels
from domain.ids import unit_id
from domain.signal_register import SignalRegister


class SignalQueries:
    """The recorded signals and their dispositions."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models

    def register(self, caller: Caller, county: str, period: str) -> SignalRegister | None:
        """The county's (by code) register of the period, None before anything is recorded;
        read access is that of the county's risk report."""
        self.auth.actor(caller, Action.READ_RISK, Target(f"risk:{county}", unit_id(county)))
        return self.models.signal_registers().find(unit_id(county), period)
