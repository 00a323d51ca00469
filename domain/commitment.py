"""Randomness fixed before the frame: a seed's SHA-256, or a named public draw of a stated
future date, and the checks that a seed entered later keeps to it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from domain.china_time import china_day
from domain.errors import FieldError

HEX64 = re.compile(r"^[0-9a-f]{64}$")


class CommitmentKind(StrEnum):
    """How the randomness of a round is fixed before anyone can know it."""

    HASH = "hash"
    """The auditor commits to SHA-256 of a seed they keep to themselves until the reveal."""
    PUBLIC_DRAW = "public_draw"
    """The seed is the result of a named public draw held after the frame is frozen."""


def seed_digest(seed: str) -> str:
    """SHA-256 of the seed's UTF-8 text, as 64 lower-case hex digits."""
    return hashlib.sha256(seed.encode()).hexdigest()


@dataclass(frozen=True)
class Commitment:
    """What the seed of a round will be, fixed before the frame it is drawn from is known:
    a digest (HASH), or a draw named with its date (PUBLIC_DRAW)."""

    kind: CommitmentKind
    digest: str = ""
    draw: str = ""
    draw_date: date | None = None

    def __post_init__(self) -> None:
        if self.kind is CommitmentKind.HASH and not HEX64.match(self.digest):
            raise FieldError(
                "commitment",
                "a seed commitment is the SHA-256 of the seed: 64 lower-case hex digits",
                "种子承诺应为种子的 SHA-256 值：64 位小写十六进制字符。",
            )
        if self.kind is CommitmentKind.PUBLIC_DRAW and (
            not self.draw.strip() or self.draw_date is None
        ):
            raise FieldError(
                "commitment",
                "a public draw needs its name and its date (e.g. a lottery's draw of a date)",
                "公开随机数须写明来源名称和开奖日期（如某彩票某日的开奖号码）。",
            )

    @classmethod
    def to_seed(cls, digest: str) -> Commitment:
        return cls(CommitmentKind.HASH, digest=digest.strip().lower())

    @classmethod
    def to_draw(cls, draw: str, draw_date: date) -> Commitment:
        return cls(CommitmentKind.PUBLIC_DRAW, draw=draw.strip(), draw_date=draw_date)

    @property
    def described(self) -> str:
        """The commitment in a line: the digest, or the draw and its date."""
        if self.kind is CommitmentKind.HASH:
            return f"SHA-256 {self.digest}"
        assert self.draw_date is not None
        return f"{self.draw} ({self.draw_date.isoformat()})"

    @property
    def source(self) -> str:
        """Where the seed comes from, when the auditor says nothing more: the draw named, or
        the seed whose SHA-256 was committed."""
        if self.kind is CommitmentKind.HASH:
            return "事先承诺其 SHA-256 的种子"
        return self.described

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "digest": self.digest,
            "draw": self.draw,
            "draw_date": None if self.draw_date is None else self.draw_date.isoformat(),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Commitment:
        day = data.get("draw_date")
        return cls(
            CommitmentKind(data["kind"]),
            data.get("digest", ""),
            data.get("draw", ""),
            None if day is None else date.fromisoformat(day),
        )

    def check_unknown_at(self, moment: datetime, what: str) -> None:
        """Refuse a public draw held on or before the China day of `moment` (its result may
        be known already, so it fixes nothing)."""
        if problem := self.held_by(moment, what):
            raise FieldError("draw_date", problem[0], problem[1])

    def held_by(self, moment: datetime, what: str) -> tuple[str, str] | None:
        """English and Chinese words if the draw is held on or before `moment`'s day."""
        if self.kind is not CommitmentKind.PUBLIC_DRAW:
            return None
        assert self.draw_date is not None
        day = china_day(moment)
        if self.draw_date > day:
            return None
        return (
            f"the public draw of {self.draw_date} is not after {what} ({day}); "
            "name a draw held on a later date",
            f"公开随机数的开奖日期 {self.draw_date} 不晚于{ZH_WHAT.get(what, what)}的日期 {day}，"
            "请改用之后才开奖的公开随机数。",
        )

    def reveal_problems(self, seed: str, at: datetime, fixed: datetime) -> list[tuple[str, str]]:
        """What is wrong with revealing `seed` at `at` for randomness that had to be unknown
        at `fixed` (the frame's freezing, or the escalation): English and Chinese words."""
        if self.kind is CommitmentKind.HASH:
            got = seed_digest(seed)
            if got == self.digest:
                return []
            return [
                (
                    f"the seed does not match the commitment: its SHA-256 is {got}, "
                    f"the commitment is {self.digest}",
                    "输入的种子与立项时的承诺不符（种子的 SHA-256 与承诺值不同），"
                    "只能输入当初承诺的那个种子。",
                )
            ]
        assert self.draw_date is not None
        found = [p for p in [self.held_by(fixed, "the frame was fixed")] if p]
        if china_day(at) < self.draw_date:
            found.append(
                (
                    f"the public draw of {self.draw_date} has not been held yet",
                    f"承诺的公开随机数 {self.draw_date} 尚未开奖，开奖后再输入其结果。",
                )
            )
        return found

    def check_reveal(self, seed: str, at: datetime, fixed: datetime) -> None:
        problems = self.reveal_problems(seed, at, fixed)
        if problems:
            raise FieldError(
                "seed", "; ".join(p[0] for p in problems), "".join(p[1] for p in problems)
            )


ZH_WHAT = {
    "the campaign was opened": "立项",
    "the frame was frozen": "冻结抽样框",
    "the frame was fixed": "冻结抽样框（或升级）",
    "the escalation": "升级",
}
