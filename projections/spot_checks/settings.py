"""The thresholds of the risk signals and verification factors, stored with every result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

KINDS = (
    "raised_after_return",
    "edits_before_deadline",
    "near_identical",
    "all_maximum",
    "bunching_at_pass_mark",
    "scoring_burst",
    "fill_time",
    "growing_gap",
)
"""Every risk signal, by the name results use."""


def default_weights() -> dict[str, Decimal]:
    return {
        "raised_after_return": Decimal(3),
        "edits_before_deadline": Decimal(1),
        "near_identical": Decimal(3),
        "all_maximum": Decimal(1),
        "bunching_at_pass_mark": Decimal(2),
        "scoring_burst": Decimal(2),
        "fill_time": Decimal(2),
        "growing_gap": Decimal(2),
    }


@dataclass(frozen=True)
class RiskSettings:
    """Every threshold a result depends on; `to_json` is stored with the result and
    `from_json` gives back the same settings, so the result can be recomputed."""

    version: int = 1
    band_low: Decimal = Decimal("0.90")
    """Verification factors below this are over-reporting (VF < 1: less was verified)."""
    band_high: Decimal = Decimal("1.10")
    deadline_window_minutes: int = 60
    deadlines: Mapping[str, str] = field(default_factory=dict)
    """Period → ISO deadline, overriding the default (end of April, June, September,
    December for Q1–Q4 and end of December for a year, in UTC+8: seed 002's dates)."""
    identical_share: Decimal = Decimal("0.85")
    identical_min_items: int = 5
    bunching_width: Decimal = Decimal(2)
    bunching_min_sheets: int = 6
    bunching_alpha: Decimal = Decimal("0.05")
    burst_minutes: int = 15
    burst_sheets: int = 5
    fill_seconds_per_item: int = 15
    """A sheet submitted sooner after its opening than this many seconds per item scored
    was not checked item by item against the records (docs/risk-signals.md says why)."""
    fill_min_items: int = 10
    gap_periods: int = 3
    gap_min_growth: Decimal = Decimal(2)
    weights: Mapping[str, Decimal] = field(default_factory=default_weights)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, Decimal):
                data[key] = str(value)
        data["deadlines"] = dict(sorted(self.deadlines.items()))
        data["weights"] = {k: str(v) for k, v in sorted(self.weights.items())}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RiskSettings:
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            msg = f"unknown risk settings: {', '.join(unknown)}; known: {', '.join(known)}"
            raise ValueError(msg)
        values: dict[str, Any] = {}
        defaults = cls()
        for name, value in data.items():
            current = getattr(defaults, name)
            if name == "weights":
                values[name] = {k: Decimal(str(v)) for k, v in value.items()}
            elif name == "deadlines":
                values[name] = {str(k): str(v) for k, v in value.items()}
            elif isinstance(current, Decimal):
                values[name] = Decimal(str(value))
            else:
                values[name] = int(value)
        return cls(**values)

    def weight(self, kind: str) -> Decimal:
        return self.weights.get(kind, Decimal(1))
