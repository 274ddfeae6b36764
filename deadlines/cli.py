"""Command line: a thin layer over the library.

Exit status: 0 success, 1 a chosen timetable breaks a rule, 2 bad input (one line on stderr, no
traceback). Heavy modules (rich) are imported only by the commands that draw tables.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from . import __version__
from .errors import DeadlinesError

EXIT_BREACH = 1
EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse that fails with one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise DeadlinesError("{detail} (see '{prog} --help')", detail=message, prog=self.prog)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="deadlines", description="Tender-offer timetables under US SEC and French AMF rules.")
    parser.add_argument("--version", action="version", version=f"deadlines {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sched = sub.add_parser("schedule", help="compute an offer timetable from a deal file or from options")
    sched.add_argument("deal", nargs="?", help="deal file (TOML), e.g. examples/serono-genset-2002.toml")
    sched.add_argument("--regime", action="append", default=[], help="regime id (repeat for a cross-border offer)")
    sched.add_argument("--commence", help="commencement / opening date, YYYY-MM-DD (day 1)")
    sched.add_argument(
        "--expire",
        help="chosen expiry, 'YYYY-MM-DD HH:MM' (24:00 = end of day; add +HH:MM to pick "
        "one of two instants on a fall-back night)",
    )
    sched.add_argument("--zone", help="IANA zone --expire is read in (default: the first regime's zone)")
    sched.add_argument("--show", action="append", default=[], help="extra IANA zone to display (repeatable)")
    sched.add_argument("--option", action="append", default=[], help="rule option, e.g. exemptive-order-2026")
    sched.add_argument("--format", choices=("table", "json"), default="table")

    biz = sub.add_parser("bizdays", help="business-day arithmetic on a calendar")
    bsub = biz.add_subparsers(dest="op", required=True, parser_class=_Parser)
    for name, helptext, args in (
        ("add", "the date N business days after DATE (before it when N < 0)", ("date", "n")),
        ("count", "business days in [START, END], both included", ("start", "end")),
        ("nth", "business day N counting DATE as day 1", ("date", "n")),
        ("list", "business days in [START, END]", ("start", "end")),
        ("is", "whether DATE is a business day (exit 0 yes, 1 no)", ("date",)),
        ("explain", "count from START (day 1) to END with every skipped day named", ("start", "end")),
    ):
        p = bsub.add_parser(name, help=helptext)
        p.add_argument(
            "--calendar",
            "-c",
            action="append",
            required=True,
            help="calendar id or alias (us-federal, XNYS, XNAS, XPAR); repeat for a joint calendar",
        )
        p.add_argument(
            "--mode", choices=("all", "any"), default="all", help="joint calendars: open in all (default) or in any"
        )
        p.add_argument("--format", choices=("text", "json"), default="text")
        for arg in args:
            p.add_argument(arg, metavar=arg.upper())

    sub.add_parser("calendars", help="list calendars and their aliases")
    sub.add_parser("regimes", help="list regimes (rulebooks)")
    return parser


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DeadlinesError("'{value}' is not a whole number", value=text) from None


def _schedule(args: argparse.Namespace) -> int:
    from .engine import compute
    from .model import Deal, Leg, LocalTime
    from .rules import get_rulebook
    from .timeutil import parse_date, parse_local, zone

    if args.deal:
        if args.regime or args.commence or args.expire:
            raise DeadlinesError("give either a deal file or --regime/--commence/--expire, not both")
        from .deal import load_deal

        deal = load_deal(args.deal)
        deal.show_zones = list(dict.fromkeys([*deal.show_zones, *args.show]))
        deal.options |= set(args.option)
        for name in args.show:
            zone(name)
    else:
        if not args.regime or not args.commence:
            raise DeadlinesError("give a deal file, or --regime and --commence")
        start = parse_date(args.commence)
        expiry = None
        if args.expire:
            day, wall, offset = parse_local(args.expire)
            zone_name = args.zone or get_rulebook(args.regime[0]).zone
            zone(zone_name)
            expiry = LocalTime(day, wall, zone_name, offset)
        elif args.zone:
            raise DeadlinesError("--zone applies to --expire, which is missing")
        deal = Deal(
            [Leg(r, start) for r in args.regime], expiry=expiry, show_zones=list(args.show), options=set(args.option)
        )
    schedule = compute(deal)
    if args.format == "json":
        _print_json(schedule.to_json())
    else:
        from .render.table import print_schedule

        print_schedule(schedule)
    return EXIT_BREACH if schedule.breaches else 0


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _bizdays(args: argparse.Namespace) -> int:
    from .calendars import joint
    from .timeutil import parse_date

    cal = joint(args.calendar, args.mode)
    result: Any
    if args.op == "add":
        result = cal.add(parse_date(args.date), _int(args.n)).isoformat()
    elif args.op == "nth":
        result = cal.nth(parse_date(args.date), _int(args.n)).isoformat()
    elif args.op == "count":
        result = cal.count(parse_date(args.start), parse_date(args.end))
    elif args.op == "list":
        result = [d.isoformat() for d in cal.business_days(parse_date(args.start), parse_date(args.end))]
    elif args.op == "is":
        day = parse_date(args.date)
        open_ = cal.is_business_day(day)
        names = cal.closed_names(day)
        result = {"date": day.isoformat(), "business_day": open_, "closed_for": list(names)}
        if args.format == "json":
            _print_json(result)
        else:
            why = f" ({', '.join(names)})" if names else (" (weekend)" if day.weekday() >= 5 else "")
            print(f"{day.isoformat()} {'is' if open_ else 'is not'} a business day of {cal.id}{why}")
        return 0 if open_ else 1
    else:
        start, end = parse_date(args.start), parse_date(args.end)
        if start > end:
            cal.count(start, end)  # raises the reversed-range error
        count = cal.trace(start, end)
        result = count.as_dict() if args.format == "json" else count.text()
    if args.format == "json":
        _print_json({"calendar": cal.id, "op": args.op, "result": result})
    elif isinstance(result, list):
        print("\n".join(result))
    else:
        print(result)
    return 0


def _listing(args: argparse.Namespace) -> int:
    if args.command == "calendars":
        from .calendars import ALIASES, calendar_ids, get_calendar

        for cid in calendar_ids():
            cal = get_calendar(cid)
            aliases = ", ".join(sorted(a for a, target in ALIASES.items() if target == cid))
            close = cal.close.strftime("%H:%M") if cal.close else "24:00"
            print(
                f"{cid:11} {cal.name} — {cal.zone}, {cal.open:%H:%M}-{close}, "
                f"{cal.first.year}-{cal.last.year}; aliases: {aliases}"
            )
        return 0
    from .rules import REGIMES, get_rulebook

    for rid in REGIMES:
        book = get_rulebook(rid)
        print(f"{rid:18} {book.title['en']} — calendar {book.calendar}, {book.zone}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "schedule":
            return _schedule(args)
        if args.command == "bizdays":
            return _bizdays(args)
        return _listing(args)
    except DeadlinesError as exc:
        print(f"deadlines: error: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def run() -> NoReturn:
    sys.exit(main())


if __name__ == "__main__":
    run()
