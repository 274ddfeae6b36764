"""The interactive app's start and key latencies, measured headless with Textual's Pilot (see BENCHMARKS.md).

    python benchmarks/app.py            # print the results as Markdown
    python benchmarks/app.py --write    # also replace the app's section of BENCHMARKS.md

A key's latency is the time from the Pilot pressing it until the screen is idle again, minus the same for
a key the app does not bind (the Pilot's and Textual's own cost of a key press): what the user waits for
beyond any key. Ready is the time from creating the app on the seed until its first idle screen, minus the
same for an empty Textual app with a header and a footer. Medians of several presses and starts, in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header

from deadlines.deal import load_deal
from deadlines.i18n import Lang
from deadlines.tui.app import DeadlinesApp

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "serono-genset-2002.toml"
BEGIN, END = "<!-- app: begin -->", "<!-- app: end -->"
SIZE = (140, 45)
TARGETS = {"ready": 300.0, "key": 50.0}


class Empty(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()


def seed_app() -> DeadlinesApp:
    now = datetime(2002, 9, 12, 12, tzinfo=UTC)
    return DeadlinesApp(load_deal(SEED), [Lang("en", "en")], today=date(2002, 9, 12), now=lambda: now)


async def ready(factory: Callable[[], App[None]]) -> tuple[float, App[None]]:
    start = time.perf_counter()
    app = factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - start, app


async def keys(presses: int) -> dict[str, list[float]]:
    """Seconds per press of each kind of key, in one session on the seed."""
    app = seed_app()
    out: dict[str, list[float]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        async def timed(name: str, *keys: str) -> None:
            start = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            out.setdefault(name, []).append(time.perf_counter() - start)

        for k in ("l", "l", "l"):  # each language's table once, then they are swapped
            await timed("l (first time per language)", k)
        for n in range(presses):
            await timed("unbound key", "z")
            await timed("cursor move", "down" if n % 2 == 0 else "up")
            await timed("l (language)", "l")
        await pilot.press("f")  # the form: into the expiry field, the cursor at its end
        app.query_one("#expiry").focus()
        await pilot.pause()
        for n in range(presses):
            await timed("typed character", "0" if n % 2 == 0 else "backspace")
        field = app.query_one("#expiry")
        for n in range(presses):
            field.value = "2002-09-13 12:00" if n % 2 == 0 else "2002-09-12 12:00"  # type: ignore[attr-defined]
            await pilot.pause()
            await timed("Enter after an edit (compute and draw)", "enter")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=9, help="app starts to time")
    parser.add_argument("--presses", type=int, default=15, help="presses of each key")
    parser.add_argument("--write", action="store_true", help="replace the app's section of BENCHMARKS.md")
    args = parser.parse_args()
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731

    asyncio.run(ready(seed_app))  # warm-up: imports, catalogs, calendars
    bare = [asyncio.run(ready(Empty))[0] for _ in range(args.starts)]
    starts, computes = [], set()
    for _ in range(args.starts):
        seconds, app = asyncio.run(ready(seed_app))
        starts.append(seconds)
        computes.add(app.generation)  # type: ignore[attr-defined]
    latencies = asyncio.run(keys(args.presses))
    floor = ms(latencies["unbound key"])
    lines = [
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}; "
        f"{date.today().isoformat()}; {SIZE[0]}×{SIZE[1]} headless; medians of {args.starts} starts and "
        f"{args.presses} presses of each key.",
        "",
        "| Measurement | Median | Net | Target |",
        "|---|---:|---:|---:|",
        f"| empty Textual app ready (the floor) | {ms(bare):.1f} ms | | |",
        f"| seed ready ({', '.join(map(str, sorted(computes)))} schedule computed) | {ms(starts):.1f} ms "
        f"| {ms(starts) - ms(bare):.1f} ms | ≤ {TARGETS['ready']:g} ms |",
        f"| unbound key (the floor) | {floor:.1f} ms | | |",
    ]
    for name, values in latencies.items():
        if name != "unbound key":
            lines.append(f"| {name} | {ms(values):.1f} ms | {ms(values) - floor:.1f} ms | ≤ {TARGETS['key']:g} ms |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        from run import write_section  # benchmarks/run.py, beside this script

        write_section(text, BEGIN, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
