"""What weighs and classifies a campaign's checked sheets: each one's inclusion probability
and its finding."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from uuid import UUID

from domain.assessment import Assessment
from domain.campaign import Campaign, Stage


def sample_probabilities(c: Campaign) -> dict[UUID, Fraction]:
    """Each sampled sheet → its inclusion probability, as the SampleDrawn event recorded it."""
    return {s.assessment_id: s.probability for s in c.sample}


def sample_findings(c: Campaign, sheet: Callable[[UUID], Assessment]) -> dict[UUID, str]:
    """Each sampled sheet's finding: the one a closed campaign closed with, otherwise the
    latest recorded on the sheet (sheets without one are left out)."""
    if c.stage is Stage.CLOSED:
        return {UUID(aid): finding for aid, finding in c.findings.items()}
    found = {}
    for s in c.sample:
        recorded = sheet(s.assessment_id).findings
        if recorded:
            found[s.assessment_id] = recorded[-1].finding
    return found
