"""The Horvitz–Thompson ratio estimator of a verification factor, with a confidence interval.

Each checked sheet i stands for 1/π_i sheets of the frame (π_i: its inclusion probability, an
exact fraction of the SampleDrawn event). The factor of the frame is estimated as

    R = Σ v_i/π_i ÷ Σ r_i/π_i          (v: verified points, r: reported points)

and its variance by linearisation, with the with-replacement (Hansen–Hurwitz) approximation:

    e_i = (v_i − R·r_i)/π_i,   V(R) = n/(n−1) · Σ e_i² ÷ (Σ r_i/π_i)²

The interval is R ± t·√V, t the two-sided 95 % quantile of Student's t with n−1 degrees of
freedom. `docs/sampling.md` §6 works an example by hand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

PLACES = Decimal("0.0001")

T_975 = [
    "12.706",
    "4.303",
    "3.182",
    "2.776",
    "2.571",
    "2.447",
    "2.365",
    "2.306",
    "2.262",
    "2.228",
    "2.201",
    "2.179",
    "2.160",
    "2.145",
    "2.131",
    "2.120",
    "2.110",
    "2.101",
    "2.093",
    "2.086",
    "2.080",
    "2.074",
    "2.069",
    "2.064",
    "2.060",
    "2.056",
    "2.052",
    "2.048",
    "2.045",
    "2.042",
]
"""Student's t, 97.5 % quantile, for 1 to 30 degrees of freedom."""


def t_quantile(degrees: int) -> Decimal:
    """The 97.5 % quantile of Student's t (from tables; above 30 degrees of freedom the
    next lower tabled value, so the interval is never narrower than the table's)."""
    if degrees <= 30:
        return Decimal(T_975[degrees - 1])
    if degrees <= 60:
        return Decimal("2.000")
    return Decimal("1.980") if degrees <= 120 else Decimal("1.960")


@dataclass(frozen=True)
class Draw:
    """One checked sheet: reported and verified points and its inclusion probability."""

    reported: Decimal
    verified: Decimal
    probability: Fraction


@dataclass(frozen=True)
class RatioEstimate:
    """The estimated frame totals, the factor and its 95 % interval (None: not estimable)."""

    reported: Decimal
    verified: Decimal
    factor: Decimal | None
    standard_error: Decimal | None
    low: Decimal | None
    high: Decimal | None


def ratio_estimate(draws: Iterable[Draw]) -> RatioEstimate:
    """The Horvitz–Thompson ratio and its linearised 95 % interval (none below two sheets)."""
    found = list(draws)
    x = sum((Fraction(d.reported) / d.probability for d in found), Fraction(0))
    y = sum((Fraction(d.verified) / d.probability for d in found), Fraction(0))
    totals = (_decimal(x).quantize(PLACES), _decimal(y).quantize(PLACES))
    if x <= 0:
        return RatioEstimate(*totals, None, None, None, None)
    r = y / x
    factor = _decimal(r).quantize(PLACES)
    n = len(found)
    if n < 2:
        return RatioEstimate(*totals, factor, None, None, None)
    residuals = sum(
        ((Fraction(d.verified) - r * Fraction(d.reported)) / d.probability) ** 2 for d in found
    )
    variance = Fraction(n, n - 1) * residuals / (x * x)
    with localcontext() as ctx:
        ctx.prec = 28
        error = _decimal(variance).sqrt()
    half = t_quantile(n - 1) * error
    return RatioEstimate(
        *totals,
        factor,
        error.quantize(PLACES),
        (_decimal(r) - half).quantize(PLACES),
        (_decimal(r) + half).quantize(PLACES),
    )


def _decimal(value: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)
