"""Benchmarks 1 and 2: a whole sheet in one command, one item revision, loading a long history.

Each figure is Kaohe against the bare eventsourcing library doing the same work on the same
backend in the same run, the two interleaved round by round; medians in milliseconds.

    .venv/bin/python -m bench.core --backend sqlite
    .venv/bin/python -m bench.core --backend postgres [--url postgresql://…] [--profile /tmp/p]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from application.commands.assessments import SaveSheet, ScoreItem
from application.service import Kaohe
from bench.harness import (
    POSTGRES_URL,
    BareApp,
    BareSheet,
    Periods,
    Prepare,
    bare_fill,
    bare_grown,
    bare_open,
    grown,
    header,
    interleaved,
    median,
    open_assessment,
    open_bare,
    open_kaohe,
    postgres_down,
    quartiles,
    revisions,
    send,
    set_up_world,
    sheet,
    throwaway_store,
)
from domain.rubric import Item

HISTORY = 200
"""Events of the assessment an item revision is made on."""
LONG = 500
"""Events of the assessment whose load time is reported."""


@dataclass(frozen=True)
class Figure:
    """One benchmark: Kaohe's and the bare library's times, and the target, if any."""

    name: str
    kaohe: list[float]
    bare: list[float]
    target: float | None

    @property
    def ratio(self) -> float:
        """Kaohe's throughput over the bare library's (1.0 = as fast)."""
        return median(self.bare) / median(self.kaohe)

    def row(self) -> str:
        def cell(samples: list[float]) -> str:
            low, high = quartiles(samples)
            return f"{median(samples):.2f} ({low:.2f}–{high:.2f})"

        verdict = "–"
        if self.target is not None:
            met = "met" if self.ratio >= self.target else "**MISSED**"
            verdict = f">= {self.target} {met}"
        return (
            f"| {self.name} | {cell(self.kaohe)} | {cell(self.bare)} | "
            f"{self.ratio:.2f} | {verdict} |"
        )


class Bench:
    """Kaohe and the bare app over one throwaway store, with the Fengdu world set up."""

    def __init__(self, kaohe: Kaohe, bare: BareApp, rounds: int, warmup: int = 3) -> None:
        self.kaohe, self.bare = kaohe, bare
        self.rounds, self.warmup = rounds, warmup
        self.periods = Periods()
        self.items: list[Item] = set_up_world(kaohe)
        self.profiler: cProfile.Profile | None = None
        """When set, Kaohe's timed operations run under it (and their times mean nothing)."""

    def run(self, kaohe: Prepare, bare: Prepare) -> tuple[list[float], list[float]]:
        if self.profiler is not None:
            kaohe = profiled(kaohe, self.profiler)
        times = interleaved({"kaohe": kaohe, "bare": bare}, self.rounds, self.warmup)
        return times["kaohe"], times["bare"]

    def whole_sheet(self) -> Figure:
        """57 items saved by one save_sheet command on a just-opened assessment, against
        get + 57 events + one save of a just-created bare aggregate."""
        entries = sheet(self.items, 0)

        def kaohe() -> Callable[[], object]:
            aid = open_assessment(self.kaohe, self.periods)
            command = SaveSheet(assessment_id=aid, entries=entries)
            return lambda: send(self.kaohe, command, expected=1)

        def bare() -> Callable[[], object]:
            created = bare_open()
            self.bare.save(created)

            def command() -> None:
                loaded: BareSheet = self.bare.repository.get(created.id)
                bare_fill(loaded, entries)
                self.bare.save(loaded)

            return command

        return Figure("57-item sheet, one command", *self.run(kaohe, bare), 0.8)

    def item_revision(self) -> Figure:
        """score_item on an assessment of HISTORY events (a fresh one each round), against
        get + one event + save of a bare aggregate of HISTORY events."""
        count = self.warmup + self.rounds
        pool = [grown(self.kaohe, self.items, self.periods, HISTORY) for _ in range(count)]
        bare_pool = [bare_grown(self.bare, self.items, HISTORY) for _ in range(count)]
        first = self.items[0]
        turn = sum(1 for _ in revisions(self.items, HISTORY - 1))  # differs from the last
        entry = sheet([first], turn)[first.number]

        def kaohe() -> Callable[[], object]:
            aid = pool.pop()
            command = ScoreItem(assessment_id=aid, number=first.number, entry=entry)
            return lambda: send(self.kaohe, command, expected=HISTORY)

        def bare() -> Callable[[], object]:
            bid = bare_pool.pop()

            def command() -> None:
                loaded: BareSheet = self.bare.repository.get(bid)
                bare_fill(loaded, {first.number: entry})
                self.bare.save(loaded)

            return command

        return Figure(f"item revision at {HISTORY} events", *self.run(kaohe, bare), 0.8)

    def load(self) -> Figure:
        """assessments.get of a LONG-event assessment against repository.get of a bare one."""
        aid = grown(self.kaohe, self.items, self.periods, LONG)
        bid = bare_grown(self.bare, self.items, LONG)
        assert self.kaohe.assessments.get(aid).version == LONG
        assert self.bare.repository.get(bid).version == LONG
        return Figure(
            f"load of {LONG} events (p50)",
            *self.run(
                lambda: lambda: self.kaohe.assessments.get(aid),
                lambda: lambda: self.bare.repository.get(bid),
            ),
            None,
        )


def profiled(prepare: Prepare, profiler: cProfile.Profile) -> Prepare:
    def prepared() -> Callable[[], object]:
        operation = prepare()
        return lambda: profiler.runcall(operation)

    return prepared


def profile(bench: Bench, where: Path) -> None:
    """Kaohe's side of each benchmark under cProfile: `<where>/<name>.prof` and a summary."""
    where.mkdir(parents=True, exist_ok=True)
    for name, run in (
        ("sheet", bench.whole_sheet),
        ("revision", bench.item_revision),
        ("load", bench.load),
    ):
        bench.profiler = cProfile.Profile()
        run()
        path = where / f"{name}.prof"
        bench.profiler.dump_stats(path)
        print(f"\n#### cProfile of Kaohe's {name} ({path}), top by own time\n\n```")
        pstats.Stats(str(path), stream=sys.stdout).sort_stats("tottime").print_stats(25)
        print("```")
    bench.profiler = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--url", default=POSTGRES_URL, help="PostgreSQL URL")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--profile", type=Path, help="profile Kaohe's side into this folder")
    args = parser.parse_args()
    if args.backend == "postgres":
        down = postgres_down(args.url)
        if down is not None:
            print(f"PostgreSQL at {args.url} is unreachable, skipped: {down}")
            return 0
    with throwaway_store(args.backend, args.url) as env:
        kaohe, bare = open_kaohe(env), open_bare(env)
        try:
            bench = Bench(kaohe, bare, args.rounds)
            if args.profile is not None:
                profile(bench, args.profile)
                return 0
            print(header("Kaohe against the bare library", args.backend, "bench.core"))
            print(f"* {args.rounds} interleaved rounds after 3 warm-up rounds; medians, (IQR)\n")
            print("| benchmark | Kaohe ms | bare ms | throughput ratio | target |")
            print("|---|---:|---:|---:|---|")
            for figure in (bench.whole_sheet, bench.item_revision, bench.load):
                print(figure().row(), flush=True)
        finally:
            kaohe.close()
            bare.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
