"""Command line: a thin layer over the library.

Exit status: 0 success, 1 a chosen timetable breaks a rule, 2 bad input (one line on stderr in the
user's language, no traceback). Every command takes ``--lang en|fr|en,fr`` (else ``LC_ALL`` /
``LC_MESSAGES`` / ``LANG``, else English). Heavy modules (rich, Babel's date formats) are imported only by
the commands that draw tables.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any, NoReturn

from . import __version__
from .errors import DeadlinesError, InputError
from .i18n import Lang, Localizer, install_argparse, langs_from_env, parse_langs
from .records import paused_gc
from .streams import guarded_stdout, plain_errors
from .text import N_, Items, Msg, Term

EXIT_BREACH = 1
EXIT_INPUT = 2
TABLE_FORMATS = ("table", "json", "csv", "md", "ics", "html", "docx", "svg", "notice")


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` finds it (``COLUMNS``, else the terminal,
    else 80), without importing shutil: argparse's formatter would, at every start, for every argument."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Formatter(argparse.HelpFormatter):
    """Help laid out to the terminal's width (see :func:`_columns`)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _RawDescriptionFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    """The same, keeping the description's and epilog's line breaks."""


class _Parser(argparse.ArgumentParser):
    """argparse that fails with one line and exit status 2.

    Two parts are made only when they are needed: ``build`` adds a command's arguments when that command
    parses its own or shows its help (``deadlines --help`` lists the commands from their one-line help
    alone, and a run builds only the command it runs); ``lazy_epilog`` makes the epilog when the help is
    shown (the schedule's lists the regimes, which other commands need not look up).
    """

    def __init__(
        self,
        *args: Any,
        build: Callable[[argparse.ArgumentParser], None] | None = None,
        lazy_epilog: Callable[[], str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **{"formatter_class": _Formatter, **kwargs})
        self.build = build
        self.lazy_epilog = lazy_epilog

    def _built(self) -> None:
        if self.build is not None:
            build, self.build = self.build, None
            build(self)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        self._built()
        return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        self._built()
        return super().format_usage()

    def format_help(self) -> str:
        self._built()
        if self.lazy_epilog is not None and self.epilog is None:
            self.epilog = self.lazy_epilog()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        raise DeadlinesError(N_("{detail} (see '{prog} --help')"), detail=message, prog=self.prog)


def _scan_lang(argv: Sequence[str]) -> str | None:
    """``--lang`` is read before the parser is built: the help and the errors come in that language."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _parser(loc: Localizer) -> argparse.ArgumentParser:
    """The command line: every command with its one-line help; each command's own arguments are added when
    that command runs or shows its help (see :class:`_Parser`)."""
    _ = loc._
    common = _common(loc)
    parser = _Parser(
        prog="deadlines",
        description=_("Tender-offer timetables under US, French, UK, German and Swiss rules."),
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"deadlines {__version__}",
        help=_("show program's version number and exit"),
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    def add(
        name: str, helptext: str, arguments: Callable[[argparse.ArgumentParser, Localizer], None], **kw: Any
    ) -> None:
        sub.add_parser(name, parents=[common], help=helptext, build=lambda p: arguments(p, loc), **kw)

    add(
        "schedule",
        _("compute an offer timetable from a deal file or from options"),
        _schedule_arguments,
        formatter_class=_RawDescriptionFormatter,
        lazy_epilog=lambda: _schedule_epilog(loc),
    )
    add("scan", _("the earliest expiry for every launch date in a range, with what to watch"), _scan_arguments)
    add("bizdays", _("business-day arithmetic on a calendar"), _bizdays_arguments)
    add("calendar", _("the closed days of one or several markets, month by month"), _calendar_arguments)
    add("rules", _("the rules of a regime with their citations"), _rules_arguments)
    add("tui", _("open the interactive timetable (full screen)"), _tui_arguments)
    sub.add_parser("calendars", parents=[common], help=_("list calendars and their aliases"))
    sub.add_parser("regimes", parents=[common], help=_("list regimes (rulebooks)"))
    return parser


def _common(loc: Localizer) -> _Parser:
    """The options every command takes."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--lang",
        metavar="LANG",
        help=loc._("language: en, fr or en,fr (both); a CLDR locale such as fr_CA sets the formats"),
    )
    return common


def _schedule_arguments(sched: argparse.ArgumentParser, loc: Localizer) -> None:
    _ = loc._
    sched.add_argument("deal", nargs="?", help=_("deal file (TOML), e.g. examples/serono-genset-2002.toml"))
    sched.add_argument("--regime", action="append", default=[], help=_("regime id (repeat for a cross-border offer)"))
    sched.add_argument(
        "--commence",
        action="append",
        default=[],
        help=_("commencement / opening date, YYYY-MM-DD (day 1): one for every regime, or one per --regime in order"),
    )
    sched.add_argument(
        "--expire",
        help=_(
            "chosen expiry, 'YYYY-MM-DD HH:MM' (24:00 = end of day; add +HH:MM to pick one of two instants "
            "on a fall-back night), or a day alone, 'YYYY-MM-DD', at the deal's usual expiry time"
        ),
    )
    sched.add_argument(
        "--zone",
        help=_(
            "IANA zone --expire is read in (default: the deal's usual expiry zone, New York for a US and French offer)"
        ),
    )
    sched.add_argument("--show", action="append", default=[], help=_("extra IANA zone to display (repeatable)"))
    sched.add_argument("--option", action="append", default=[], help=_("rule option, e.g. exemptive-order-2026"))
    sched.add_argument("--today", help=_("the date days left are counted from, YYYY-MM-DD (default: today)"))
    sched.add_argument(
        "--detail", action="store_true", help=_("the table with citations, counting traces, notes and relief")
    )
    sched.add_argument(
        "--all", action="store_true", help=_("also show the rules not in force for the deal's dates (for reference)")
    )
    sched.add_argument(
        "--remind",
        metavar="DURATIONS",
        help=_("with --format ics: a reminder this long before each deadline, e.g. 1d,2h (days d, hours h, minutes m)"),
    )
    _clock_option(sched, loc)
    _output_options(sched, loc, TABLE_FORMATS)


def _scan_arguments(scan: argparse.ArgumentParser, loc: Localizer) -> None:
    _ = loc._
    scan.add_argument("--regime", action="append", required=True, help=_("regime id (repeat for a cross-border offer)"))
    scan.add_argument("--from", dest="first", required=True, help=_("first launch date, YYYY-MM-DD"))
    scan.add_argument("--to", dest="last", required=True, help=_("last launch date, YYYY-MM-DD"))
    scan.add_argument(
        "--time",
        help=_(
            "the expiry's time of day, HH:MM (default: the regimes' usual expiry time; 12:00 noon New York for "
            "a US and a European regime)"
        ),
    )
    scan.add_argument(
        "--zone",
        help=_(
            "IANA zone --time is read in (default: the deal's usual expiry zone, New York for a US and French offer)"
        ),
    )
    scan.add_argument("--option", action="append", default=[], help=_("rule option, e.g. exemptive-order-2026"))
    _clock_option(scan, loc)
    _output_options(scan, loc, ("table", "csv", "json"))


def _bizdays_arguments(biz: argparse.ArgumentParser, loc: Localizer) -> None:
    _ = loc._
    common = _common(loc)
    bsub = biz.add_subparsers(dest="op", required=True, parser_class=_Parser, metavar="OPERATION")
    for name, helptext, args in (
        ("add", _("the date N business days after DATE (before it when N < 0)"), ("date", "n")),
        ("count", _("business days in [START, END], both included"), ("start", "end")),
        ("nth", _("business day N counting DATE as day 1"), ("date", "n")),
        ("list", _("business days in [START, END]"), ("start", "end")),
        ("is", _("whether DATE is a business day (exit 0 yes, 1 no)"), ("date",)),
        ("explain", _("count from START (day 1) to END with every skipped day named"), ("start", "end")),
    ):
        p = bsub.add_parser(name, parents=[common], help=helptext)
        _calendar_options(p, loc)
        p.add_argument("--format", choices=("text", "json"), default="text", help=_("output format"))
        for arg in args:
            p.add_argument(arg, metavar=arg.upper())


def _calendar_arguments(cal: argparse.ArgumentParser, loc: Localizer) -> None:
    _ = loc._
    cal.add_argument("ids", nargs="+", metavar="ID", help=_("calendar id or alias (several: side by side)"))
    when = cal.add_mutually_exclusive_group()
    when.add_argument("--year", help=_("a whole year, YYYY (default: this year)"))
    when.add_argument("--month", help=_("one month, YYYY-MM"))
    _clock_option(cal, loc)
    _output_options(cal, loc, ("table", "json"))


def _rules_arguments(rules: argparse.ArgumentParser, loc: Localizer) -> None:
    _ = loc._
    rules.add_argument("regime", nargs="?", help=_("regime id (all regimes when left out)"))
    rules.add_argument("--on", help=_("show the rules in force for an offer starting on this date, YYYY-MM-DD"))
    rules.add_argument(
        "--check", metavar="FILE", help=_("check a rulebook file (TOML): its keys, values and references")
    )
    _clock_option(rules, loc)
    _output_options(rules, loc, ("table", "json"))


def _tui_arguments(tui: argparse.ArgumentParser, loc: Localizer) -> None:
    _ = loc._
    tui.add_argument("deal", nargs="?", help=_("deal file (TOML), e.g. examples/serono-genset-2002.toml"))
    tui.add_argument("--today", help=_("the date days left are counted from, YYYY-MM-DD (default: today)"))


def _schedule_epilog(loc: Localizer) -> str:
    """The regime ids (the rulebooks' file names: no rulebook is read) and two examples."""
    from textwrap import wrap

    from .rules import REGIMES

    _ = loc._
    lines = [
        _("regimes ('deadlines regimes' describes them):"),
        *wrap(", ".join(REGIMES), 76, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False),
        "",
        _("examples:"),
        "  deadlines schedule examples/serono-genset-2002.toml",
        "      " + _("the reference case: Serono's 2002 US and French offers for Genset"),
        "  deadlines schedule --regime us-14d --regime fr-amf --commence 2026-05-04",
        "      " + _("a US and a French leg commencing on 4 May 2026, at the default expiry"),
    ]
    return "\n".join(lines)


def _calendar_help(loc: Localizer) -> str:
    """The calendars shipped, named in the help: a calendar added as data appears there."""
    from .calendars import calendar_ids

    template = N_("calendar id or alias ({ids}); repeat for a joint calendar")
    return loc.text(Msg(template, ids=Items(calendar_ids(), "comma"))).replace("%", "%%")


def _calendar_options(p: argparse.ArgumentParser, loc: Localizer) -> None:
    p.add_argument(
        "--calendar",
        "-c",
        action="append",
        required=True,
        help=_calendar_help(loc),
    )
    p.add_argument(
        "--mode",
        choices=("all", "any"),
        default="all",
        help=loc._("joint calendars: open in all (default) or in any"),
    )


def _clock_option(p: argparse.ArgumentParser, loc: Localizer) -> None:
    p.add_argument(
        "--clock",
        choices=("12", "24"),
        help=loc._(
            "write every zone's times on the 12-hour clock (6:00 p.m.) or the 24-hour clock (18:00); default: "
            "as each zone's offer documents write them (12:00 noon New York, 18:00 Paris)"
        ),
    )


def _output_options(p: argparse.ArgumentParser, loc: Localizer, formats: Sequence[str]) -> None:
    p.add_argument("--format", choices=formats, default="table", help=loc._("output format"))
    p.add_argument("--output", "-o", metavar="FILE", help=loc._("write to FILE instead of the terminal"))
    p.add_argument("--force", action="store_true", help=loc._("overwrite FILE if it exists"))

    def width(text: str) -> int:
        from .render.table import MAX_WIDTH, MIN_WIDTH

        if not (text.isascii() and text.isdigit() and MIN_WIDTH <= int(text) <= MAX_WIDTH):
            template = N_("'{value}' is not a table width: give a whole number from {least} to {most}")
            message = Msg(template, value=text, least=MIN_WIDTH, most=MAX_WIDTH)
            raise argparse.ArgumentTypeError(loc.text(message))
        return int(text)

    p.add_argument("--width", type=width, help=loc._("table width in characters (default: the terminal's)"))


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DeadlinesError(N_("'{value}' is not a whole number"), value=text) from None


def _today(text: str | None) -> Any:
    from datetime import date

    from .timeutil import parse_date

    return parse_date(text) if text is not None else date.today()


def _schedule(args: argparse.Namespace, langs: list[Lang]) -> int:
    from .checks import build_deal
    from .engine import compute
    from .model import Leg, LocalTime
    from .rules import default_expiry, get_rulebook
    from .timeutil import parse_date, parse_local
    from .zones import market_zone

    if args.deal is not None:
        if args.regime or args.commence or args.expire or args.zone:
            raise DeadlinesError(N_("give either a deal file or --regime/--commence/--expire/--zone, not both"))
        from .checks import rebuild
        from .deal import load_deal

        deal = load_deal(_deal_path(args.deal))
        if args.show or args.option:  # made again, so the deal's checks see what the flags add
            shown = list(dict.fromkeys([*deal.show_zones, *args.show]))
            deal = rebuild(deal, show_zones=shown, options=deal.options | set(args.option))
    else:
        if not args.regime or not args.commence:
            raise DeadlinesError(N_("give a deal file, or --regime and --commence"))
        starts = [parse_date(text) for text in args.commence]
        if len(starts) not in (1, len(args.regime)):  # never a silent "the last one wins"
            raise DeadlinesError(
                N_("give one --commence for every regime, or one per --regime in the same order ({regimes})"),
                regimes=Items(args.regime, "comma"),
            )
        expiry = None
        if args.expire is not None and len(args.expire.split()) == 1 and ":" not in args.expire:
            # A day alone: the time the deal would expire at by default (whatever the order of --regime).
            if args.zone is not None:
                raise DeadlinesError(N_("--zone needs a time in --expire ('YYYY-MM-DD HH:MM')"))
            usual = default_expiry([get_rulebook(r) for r in args.regime])
            expiry = LocalTime(parse_date(args.expire), usual.wall, usual.zone)
        elif args.expire is not None:
            day, wall, offset = parse_local(args.expire)
            # without --zone: the deal's usual expiry zone, whatever the order of --regime
            usual_zone = default_expiry([get_rulebook(r) for r in args.regime]).zone
            zone_name = market_zone(args.zone) if args.zone is not None else usual_zone
            expiry = LocalTime(day, wall, zone_name, offset)
        elif args.zone is not None:
            raise DeadlinesError(N_("--zone applies to --expire, which is missing"))
        legs = [Leg(r, starts[i] if len(starts) > 1 else starts[0]) for i, r in enumerate(args.regime)]
        deal = build_deal(legs=legs, expiry=expiry, show_zones=list(args.show), options=set(args.option))
    today = _today(args.today)
    reminders = _reminders(args)
    _check_output(args)
    schedule = compute(deal)
    status = EXIT_BREACH if schedule.breaches else 0
    locs = [Localizer(lang, clock=args.clock) for lang in langs]
    if args.format == "table" and not args.output:
        from .render.table import make_console, print_schedule

        print_schedule(schedule, locs, make_console(args.width), today, args.detail, args.all)
        return status
    from .render.export import export_schedule, write_output

    fmt = "txt" if args.format == "table" else args.format  # the table, as plain text, to a file
    # A file is read on other days than the one it is written: no "days left" unless --today fixes the day.
    fixed_today = today if args.today is not None else None
    text: str | bytes
    if fmt == "docx":  # a binary file: never to the terminal
        if args.output is None:
            raise DeadlinesError(N_("--format docx writes a Word file: add --output FILE"))
        from .render.docx import to_docx

        text = to_docx(schedule, locs, fixed_today, args.all)
    elif fmt == "html":
        from .render.html import to_html

        text = to_html(schedule, locs, fixed_today, args.all)
    else:
        text = export_schedule(schedule, fmt, locs, fixed_today, args.width or 120, reminders=reminders)

    write_output(text, _output_path(args), args.force)
    return status


def _reminders(args: argparse.Namespace) -> list[Any]:
    """``--remind``: the durations before each deadline (iCalendar only)."""
    if args.remind is None:
        return []
    if args.format != "ics":
        raise DeadlinesError(N_("--remind applies to --format ics"))
    from .render.ics import parse_reminders

    return parse_reminders(args.remind)


def _scan(args: argparse.Namespace, langs: list[Lang]) -> int:
    from .model import ExpiryTime
    from .rules import default_expiry, get_rulebook, zone_order
    from .scan import scan
    from .timeutil import WallTime, parse_date
    from .zones import market_zone

    first, last = parse_date(args.first), parse_date(args.last)
    zones = zone_order(get_rulebook(r) for r in args.regime)
    at = None
    if args.zone is not None and args.time is None:
        raise DeadlinesError(N_("--zone applies to --time, which is missing"))
    if args.time is not None:
        usual_zone = default_expiry([get_rulebook(r) for r in args.regime]).zone  # whatever the order of --regime
        zone_name = market_zone(args.zone) if args.zone is not None else usual_zone
        at = ExpiryTime(WallTime.parse(args.time), zone_name)
    _check_output(args)
    # On a terminal the table and the progress bar share one console, so the bar stays below the rows.
    console = None
    if args.format == "table" and not args.output:
        from .render.table import make_console

        console = make_console(args.width)
    with _Progress(console) as progress:
        rows = scan(args.regime, first, last, at=at, options=args.option, progress=progress)
    locs = [Localizer(lang, clock=args.clock) for lang in langs]
    from .render.export import write_output

    if args.format in ("csv", "json"):
        from .render.scan_view import scan_csv, scan_json

        render = scan_csv if args.format == "csv" else scan_json
        write_output(render(rows, args.regime, zones, locs), _output_path(args), args.force)
        return 0
    from .render.scan_view import draw_pieces, scan_tables

    with _Progress(console) as progress:  # a long table takes longer to lay out than to compute
        if console is None:
            from .render.table import plain_text

            width = args.width or 120
            pieces = scan_tables(rows, args.regime, zones, locs, width, progress)
            text = plain_text(lambda out: draw_pieces(out, pieces, progress), width)
            write_output(text, args.output, args.force)
        else:
            draw_pieces(console, scan_tables(rows, args.regime, zones, locs, console.width, progress), progress)
    return 0


class _Progress:
    """A progress bar shown only once a scan has run for a moment: on ``console`` when it is the terminal
    the output goes to (the rows then print above the bar), else on the terminal's error stream."""

    MOMENT = 0.5  # seconds

    def __init__(self, console: Any = None) -> None:
        import time

        self.console = console if console is not None and console.is_terminal else None
        self.clock = time.monotonic
        self.started = self.clock()
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if (self.console is None and not sys.stderr.isatty()) or self.clock() - self.started < self.MOMENT:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=self.console or Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("deadlines scan", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _check_output(args: argparse.Namespace) -> None:
    """Refuse an output file that cannot or must not be written before any work is done (nothing is
    written on failure): see :func:`deadlines.render.export.check_output`."""
    if args.output is None:
        return
    from .render.export import check_output

    check_output(args.output, args.force, _kept(args))


def _kept(args: argparse.Namespace) -> list[str]:
    """The files ``--output`` must never replace: the deal file read."""
    deal = getattr(args, "deal", None)
    return [deal] if deal else []


def _print_json(data: Any) -> None:
    import json

    from .streams import can_encode_all

    # Escaped where the output cannot carry every character: the data stays exact.
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=not can_encode_all(sys.stdout)) + "\n")


def _bizdays(args: argparse.Namespace, loc: Localizer) -> int:
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
        labels = cal.closed_labels(day)
        if args.format == "json":
            names = [loc.text(label) for label in labels]
            _print_json({"date": day.isoformat(), "business_day": open_, "closed_for": names})
        else:
            print(loc.text(_is_message(day, open_, cal.id, labels)))
        return 0 if open_ else 1
    else:
        start, end = parse_date(args.start), parse_date(args.end)
        if start > end:
            cal.count(start, end)  # raises the reversed-range error
        count = cal.trace(start, end)
        if args.format == "json":
            result = {**count.as_dict(), "text": loc.text(count.message())}
        else:
            result = loc.text(count.message())
    if args.format == "json":
        _print_json({"calendar": cal.id, "op": args.op, "result": result})
    elif isinstance(result, list):
        print("\n".join(result))
    else:
        print(result)
    return 0


def _is_message(day: Any, open_: bool, calendar: str, labels: Sequence[Any]) -> Msg:
    if open_:
        return Msg(N_("{day} is a business day of {calendar}"), day=day, calendar=calendar)
    if labels:
        return Msg(
            N_("{day} is not a business day of {calendar} ({why})"),
            day=day,
            calendar=calendar,
            why=Items(labels, "comma"),
        )
    return Msg(N_("{day} is not a business day of {calendar} (weekend)"), day=day, calendar=calendar)


def _calendar(args: argparse.Namespace, langs: list[Lang]) -> int:
    from datetime import date

    from .calendars import get_calendar
    from .render.views import calendar_blocks, calendar_json, parse_period

    cals = [get_calendar(i) for i in args.ids]
    period = parse_period(args.year, args.month, date.today())
    locs = [Localizer(lang, clock=args.clock) for lang in langs]
    if args.format == "json":
        return _write(args, calendar_json(cals, period, locs[0]))
    return _emit(args, calendar_blocks(cals, period, locs))


def _rules(args: argparse.Namespace, langs: list[Lang]) -> int:
    if args.check is not None:
        from .render.views import rulebook_checked

        if args.regime is not None or args.on is not None or args.format != "table" or args.output is not None:
            raise InputError("'rules --check' reads a rulebook file: leave out the regime, --on, --format and --output")
        if not args.check.strip():
            raise InputError("the rulebook file name is empty")
        print(rulebook_checked(args.check, Localizer(langs[0], cldr=False)))
        return 0
    from .render.views import rules_blocks, rules_json
    from .rules import REGIMES, get_rulebook
    from .timeutil import parse_date

    books = [get_rulebook(i) for i in ([args.regime] if args.regime is not None else list(REGIMES))]
    on = parse_date(args.on) if args.on is not None else None
    locs = [Localizer(lang, clock=args.clock) for lang in langs]
    if args.format == "json":
        return _write(args, rules_json(books, on, locs[0]))
    return _emit(args, rules_blocks(books, on, locs))


def _write(args: argparse.Namespace, text: str) -> int:
    """``text`` to the ``--output`` file, or to standard output."""
    from .render.export import write_output

    write_output(text, _output_path(args), args.force)
    return 0


def _output_path(args: argparse.Namespace) -> str:
    """Where ``--output`` sends a file: standard output ("-") when the option is not given."""
    return str(args.output) if args.output is not None else "-"


def _emit(args: argparse.Namespace, blocks: list[Any]) -> int:
    """Print one block per language (stacked), to the terminal or, with --output, to a text file."""
    from .render.table import make_console
    from .render.views import blocks_text, draw_blocks

    if args.output is not None:
        return _write(args, blocks_text(blocks, args.width or 120))
    draw_blocks(blocks, make_console(args.width))
    return 0


def _tui(args: argparse.Namespace, langs: list[Lang]) -> int:
    """The app on a deal file (a name that does not exist yet starts a new deal saved there); exit status 1
    if a handler failed in the app (shown there, and logged), as for a crash."""
    import os

    deal = text = None
    if args.deal is not None:
        from .deal import parse_deal
        from .tomlfile import read_text_file

        path = _deal_path(args.deal)
        if os.path.lexists(path) or path.endswith(("/", os.sep)):
            text = read_text_file(path)  # a dangling link or a folder: refused here, with the reason
            deal = parse_deal(text, path)
    today = _today(args.today)
    from .tui.app import DeadlinesApp

    app = DeadlinesApp(deal, langs, today if args.today is not None else None, args.deal, text=text)
    app.run()
    if app.print_on_exit and app.schedule is not None:
        from .render.table import make_console, print_schedule

        print_schedule(app.schedule, app.locs, make_console(), today)
    if app.crashes:
        print(app.crashes[-1], file=sys.stderr)
        return 1
    return app.return_code or 0


def _listing(args: argparse.Namespace, loc: Localizer) -> int:
    if args.command == "calendars":
        from .calendars import aliases, calendar_ids, get_calendar

        for cid in calendar_ids():
            cal = get_calendar(cid)
            names = sorted(a for a, target in aliases().items() if target == cid)
            line = Msg(
                N_("{id} {name}: {zone}, {open}-{close}, {first}-{last}; aliases: {aliases}"),
                id=f"{cid:11}",
                name=Term(cal.name),
                zone=cal.zone,
                open=f"{cal.open:%H:%M}",
                close=f"{cal.close:%H:%M}" if cal.close else "24:00",
                first=cal.first.year,
                last=cal.last.year,
                aliases=Items(names, "comma"),
            )
            print(loc.text(line))
        return 0
    from .rules import REGIMES, get_rulebook

    for rid in REGIMES:
        book = get_rulebook(rid)
        line = Msg(
            N_("{id} {title}: calendar {calendar}, {zone}"),
            id=f"{rid:18}",
            title=Term(book.title),
            calendar=book.calendar,
            zone=book.zone,
        )
        print(loc.text(line))
        options = {r.option.name: r.option.since for r in book.rules.values() if r.option is not None}
        for name, since in sorted(options.items()):
            option = (
                Msg(N_("option {option}: offers starting on or after {since}"), option=name, since=since)
                if since
                else Msg(N_("option {option}"), option=name)
            )
            print(" " * 19 + loc.text(option))
    return 0


def _deal_path(path: str) -> str:
    if not path.strip():
        raise DeadlinesError(N_("the deal file name is empty"))
    return path


def _command(args: argparse.Namespace, langs: list[Lang], loc: Localizer) -> int:
    if args.command == "schedule":
        return _schedule(args, langs)
    if args.command == "scan":
        return _scan(args, langs)
    if args.command == "bizdays":
        return _bizdays(args, Localizer(langs[0], cldr=args.format == "text"))
    if args.command == "calendar":
        return _calendar(args, langs)
    if args.command == "rules":
        return _rules(args, langs)
    return _listing(args, loc)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    loc = Localizer("en", cldr=False)
    plain_errors(sys.stderr)  # an error in French on an ASCII terminal: plain spaces and quotes
    try:
        spec = _scan_lang(argv)
        langs = parse_langs(spec) if spec is not None else langs_from_env()
        loc = Localizer(langs[0], cldr=False)
        install_argparse(loc)
        with guarded_stdout():
            args = _parser(loc).parse_args(argv)  # --help and --version write here too
            if args.command != "tui":
                with paused_gc():  # a command runs for a moment and exits
                    return _command(args, langs, loc)
        return _tui(args, langs)  # the app owns the terminal
    except DeadlinesError as exc:
        print(loc.text(Msg(N_("deadlines: error: {message}"), message=exc.msg)), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def run() -> NoReturn:
    """The ``deadlines`` command. Once a command other than the app has written and flushed its output, the
    process leaves without the interpreter's teardown (freeing every module and record one by one: a few
    milliseconds of a run of seventy), as mypy does; nothing of ours waits for the exit."""
    code = main()
    if "textual" in sys.modules:  # the app: its threads and exit handlers end as usual
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None: the stream was closed before the start
            with suppress(OSError, ValueError):  # a closed pipe: what it refused is lost either way
                stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
