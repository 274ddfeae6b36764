"""Benchmarks of deadlines, measured as ratios in one run on one machine (see BENCHMARKS.md).

    python benchmarks/run.py            # print the results as Markdown
    python benchmarks/run.py --write    # also replace the results section of BENCHMARKS.md

Measurements, not tests: nothing here passes or fails, it reports. Each cold run is a fresh process of
the same interpreter (``sys.executable``); in-process timings use ``timeit`` and report the best of
several repeats per call, the usual way to filter out a busy machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
import timeit
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "serono-genset-2002.toml"
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- results: begin -->", "<!-- results: end -->"

# The targets of issue 14: schedule as JSON and as the default table against the bare interpreter, each
# scan against one cold ``schedule --format json``.
TARGETS = {"json": 5.0, "table": 10.0, "scan": 3.0}


def _cli(*args: str) -> list[str]:
    """The installed ``deadlines`` command next to this interpreter (else ``python -m deadlines``)."""
    script = Path(sys.executable).with_name("deadlines")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "deadlines", *args]


class Cold(NamedTuple):
    command: list[str]
    runs: int
    pipe: bool = False  # the output read from a pipe (as a table piped to another command), else discarded


def cold(commands: dict[str, Cold], rounds: int) -> dict[str, list[float]]:
    """Wall-clock seconds of fresh processes, each command warmed up once, then run in turns over
    ``rounds`` rounds (a command with fewer runs spread evenly over them), so that a busy spell of the
    machine weighs on every command alike."""
    # As installed: bytecode cached (the warm-up run writes it, even where the shell asks Python not to).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}

    def run(c: Cold) -> float:
        start = time.perf_counter()
        subprocess.run(
            c.command, stdout=subprocess.PIPE if c.pipe else subprocess.DEVNULL, check=True, env=env, cwd=ROOT
        )
        return time.perf_counter() - start

    for c in commands.values():
        run(c)
    times: dict[str, list[float]] = {name: [] for name in commands}
    turns = {name: {k * rounds // c.runs for k in range(c.runs)} for name, c in commands.items()}
    for r in range(rounds):
        for name, c in commands.items():
            if r in turns[name]:
                times[name].append(run(c))
    return times


def not_installed() -> str | None:
    """Where this interpreter imports ``deadlines`` from, when that is not an installed copy (an editable
    install or a source tree), else None. An editable install adds its import hook to every start of the
    interpreter, ``python -c pass`` included (about 15 ms here): the floor grows and the ratios shrink."""
    found = subprocess.run(
        [sys.executable, "-c", "import deadlines; print(deadlines.__file__)"],
        capture_output=True,
        text=True,
        cwd="/",  # not the checkout, which would be imported first
    )
    if found.returncode != 0:
        return "nowhere: this interpreter cannot import it"
    package = Path(found.stdout.strip()).resolve().parent
    # pip installs into site-packages (dist-packages on Debian's system Python); anything else is a tree
    return None if package.parent.name in ("site-packages", "dist-packages") else str(package)


def imported(*args: str) -> set[str]:
    """The top-level packages ``deadlines ARGS`` imports (from ``-X importtime``)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "deadlines", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)", result.stderr, re.M)
    return {n.split(".")[0] for n in names}


def per_call(func, number: int, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    """Best time per call in microseconds."""
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number * 1e6


def bizdays(rng: random.Random) -> list[tuple[str, str, str]]:
    """deadlines' add/count against numpy.busday_offset/busday_count on the same closed days."""
    return [row for cal_id in ("us-federal", "XPAR") for row in _bizdays_on(cal_id, rng)]


def _bizdays_on(cal_id: str, rng: random.Random) -> list[tuple[str, str, str]]:
    import numpy as np

    from deadlines.calendars import get_calendar

    cal = get_calendar(cal_id)
    holidays = np.array([d.isoformat() for d in sorted(cal.closures)], dtype="datetime64[D]")
    npcal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    days = [date(1996, 1, 1) + timedelta(days=rng.randrange(14_000)) for _ in range(2_000)]
    opens = [cal.next_business_day(d, inclusive=True) for d in days]
    ends = [d + timedelta(days=rng.randrange(90)) for d in opens]
    np_opens = np.array([d.isoformat() for d in opens], dtype="datetime64[D]")
    np_ends = np.array([d.isoformat() for d in ends], dtype="datetime64[D]") + np.timedelta64(1, "D")
    # Same answers first: add from an open day; count over [start, end] both included (numpy: end excluded).
    ours_add = [cal.add(d, 20) for d in opens]
    theirs_add = np.busday_offset(np_opens, 20, busdaycal=npcal)
    assert [d.isoformat() for d in ours_add] == [str(d) for d in theirs_add], f"{cal_id}: add differs"
    ours_count = [cal.count(a, b) for a, b in zip(opens, ends, strict=True)]
    assert ours_count == np.busday_count(np_opens, np_ends, busdaycal=npcal).tolist(), f"{cal_id}: count differs"
    pairs = list(zip(opens, ends, strict=True))
    np_pairs = list(zip(np_opens, np_ends, strict=True))
    cases = [
        ("add", lambda: [cal.add(d, 20) for d in opens]),
        ("numpy busday_offset", lambda: [np.busday_offset(d, 20, busdaycal=npcal) for d in np_opens]),
        ("count", lambda: [cal.count(a, b) for a, b in pairs]),
        ("numpy busday_count", lambda: [np.busday_count(a, b, busdaycal=npcal) for a, b in np_pairs]),
        ("add_many (batch)", lambda: cal.add_many(opens, 20)),
        ("numpy busday_offset (array)", lambda: np.busday_offset(np_opens, 20, busdaycal=npcal)),
        ("count_many (batch)", lambda: cal.count_many(opens, ends)),
        ("numpy busday_count (array)", lambda: np.busday_count(np_opens, np_ends, busdaycal=npcal)),
    ]
    return [(cal_id, name, f"{per_call(func, 5) / len(opens):.3f}") for name, func in cases]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per cold measurement")
    parser.add_argument("--write", action="store_true", help="replace the results section of BENCHMARKS.md")
    args = parser.parse_args()
    elsewhere = not_installed()
    if elsewhere is not None:
        print(
            f"deadlines is not an installed copy here ({elsewhere}): install it with `pip install .` in a fresh "
            "virtual environment and run this script with that interpreter; an editable install's import hook "
            "runs at every start, the floor's included, and the ratios would not compare with the targets",
            file=sys.stderr,
        )
        if args.write:
            return 2

    seed = "examples/serono-genset-2002.toml"
    scan_args = ["scan", "--regime", "us-14d", "--regime", "fr-amf", "--from", "2000-01-01", "--to", "2030-12-31"]
    times = cold(
        {
            "bare": Cold([sys.executable, "-c", "pass"], args.runs),
            "json": Cold(_cli("schedule", seed, "--format", "json"), args.runs),
            "table": Cold(_cli("schedule", seed), args.runs, pipe=True),
            "csv": Cold(_cli(*scan_args, "--format", "csv"), args.runs),
            "scan json": Cold(_cli(*scan_args, "--format", "json"), args.runs),
        },
        args.runs,
    )
    bare, sched = times["bare"], times["json"]
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    floor = f"`python -c pass`, {ms(bare):.1f} ms"
    one = f"`schedule --format json`, {ms(sched):.1f} ms"
    measured = [
        (f"`deadlines schedule {seed} --format json`", sched, bare, floor, TARGETS["json"]),
        (f"`deadlines schedule {seed}` (table, to a pipe)", times["table"], bare, floor, TARGETS["table"]),
        (f"`deadlines {' '.join(scan_args)} --format csv`", times["csv"], sched, one, TARGETS["scan"]),
        (f"`deadlines {' '.join(scan_args)} --format json`", times["scan json"], sched, one, TARGETS["scan"]),
    ]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; {date.today().isoformat()}; {args.runs} cold runs each, medians.",
        "",
        "| Measurement | Median | Against | Ratio | Target |",
        "|---|---:|---|---:|---:|",
        f"| `python -c pass` | {ms(bare):.1f} ms | | 1.0 | |",
    ]
    lines += [
        f"| {label} | {ms(times):.1f} ms | {against} | {ms(times) / ms(base):.2f} × | ≤ {target:g} |"
        for label, times, base, against, target in measured
    ]
    lines.append("")
    for label, args_ in (
        ("deadlines --help", ["--help"]),
        ("deadlines schedule … --format json", ["schedule", str(SEED), "--format", "json"]),
        ("deadlines schedule … (table)", ["schedule", str(SEED)]),
    ):
        heavy = sorted(imported(*args_) & {"textual", "numpy", "pandas", "rich", "babel"})
        found = ", ".join(heavy) or "none of them"
        lines.append(f"- `{label}` (textual, numpy, pandas, rich, babel checked) imports: {found}")
    lines += ["", "Business days, microseconds per date (best of 7 repeats; 2,000 random dates 1996–2034):", ""]
    lines += ["| Calendar | Operation | µs per date |", "|---|---|---:|"]
    lines += [f"| {c} | {op} | {us} |" for c, op, us in bizdays(random.Random(2002))]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section(text, BEGIN, END)
    return 0


def write_section(text: str, begin: str, end: str) -> None:
    """Replace what BENCHMARKS.md has between the markers ``begin`` and ``end`` with ``text``."""
    page = BENCHMARKS_MD.read_text(encoding="utf-8")
    head, rest = page.split(begin, 1)
    _, tail = rest.split(end, 1)
    BENCHMARKS_MD.write_text(f"{head}{begin}\n{text}{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
