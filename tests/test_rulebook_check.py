"""Rulebooks are checked when they load (issue 11): one typo per field of a shipped rulebook is refused with
the file, the line and the field's name; references name real rules; loops of rules are refused; every
shipped rulebook passes; ``deadlines rules --check FILE`` says so in one line, in English and French.

Each case edits one line of a shipped rulebook's text inside one table; the expected line is found by the
test in the text it wrote (the line of the edited key), never asked of the code under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deadlines.cli import main
from deadlines.errors import DealFileError
from deadlines.rules import REGIMES, get_rulebook, parse_rulebook

RULES_DIR = Path(__file__).resolve().parent.parent / "deadlines" / "rules"
SHIPPED = sorted(RULES_DIR.glob("*.toml"))


def _text(book: str) -> str:
    return (RULES_DIR / f"{book}.toml").read_text(encoding="utf-8")


def _edit(text: str, table: str | None, old: str, new: str, at: int = 0) -> tuple[str, int]:
    """``text`` with the first line ``old`` after the header ``table`` (None: the top of the file) replaced by
    ``new`` (one or more lines), and the 1-based line of line ``at`` of ``new`` in the result."""
    lines = text.split("\n")
    start = 0 if table is None else lines.index(table)
    index = lines.index(old, start)
    assert table is None or all(not lines[i].startswith("[") for i in range(start + 1, index)), (table, old)
    new_lines = new.split("\n")
    lines[index : index + 1] = new_lines
    return "\n".join(lines), index + 1 + at


def _refused(text: str, name: str) -> str:
    with pytest.raises(DealFileError) as caught:
        parse_rulebook(text, name)
    return caught.value.message


# (rulebook, table header, line as shipped, the line with a typo, the field the error must name)
FIELD_TYPOS = [
    ("us-14d", "[rules.target-position]", 'kind = "deadline"', 'kind = "deadlin"', "kind"),
    ("us-14d", "[rules.withdrawal-backstop]", 'unit = "calendar"', 'unit = "calender"', "unit"),
    ("us-14d", "[rules.target-position]", 'day1 = "anchor"', 'day1 = "anchr"', "day1"),
    ("us-14d", "[rules.sop-start]", 'phase = "subsequent"', 'phase = "subsequant"', "phase"),
    ("us-14d", "[rules.results-announcement]", 'requires = "subsequent"', 'requires = "subsequnt"', "requires"),
    ("us-14d", "[rules.target-position]", 'anchor = "commencement"', 'anchor = "commencment"', "anchor"),
    (
        "us-14d",
        "[rules.target-position-exemptive-2026]",
        'replaces = "target-position"',
        'replaces = "target-positon"',
        "replaces",
    ),
    (
        "fr-amf",
        "[rules.reopening-opening]",
        'limit = "reopening-latest-opening"',
        'limit = "reopening-latest-openin"',
        "limit",
    ),
    ("us-14d", "[rules.payment]", 'evidence = "P"', 'evidence = "PP"', "evidence"),
    ("us-14d", "[rules.target-position]", "n = 10", "n = -10", "n"),
    ("us-14d", "[rules.target-position]", "n = 10", 'n = "10"', "n"),
    ("us-14d", "[rules.target-position]", "n = 10", "n = 10.5", "n"),
    ("us-14d", "[rules.target-position]", "n = 10", "n = true", "n"),
    ("fr-amf", "[rules.settlement]", "n_max = 5", "n_max = 2", "n_max"),
    ("fr-amf", "[rules.settlement]", "n_max = 5", 'n_max = "5"', "n_max"),
    ("us-14d", "[rules.extension-notice]", 'time = "09:00"', 'time = "09:60"', "time"),
    ("us-14d", "[rules.extension-notice]", 'time = "09:00"', 'time = "9am"', "time"),
    ("us-14d", "[rules.extension-notice]", 'time = "09:00"', "time = 9", "time"),
    ("us-14d", "[rules.material-change]", 'amendments = ["material"]', 'amendments = ["materiel"]', "amendments"),
    ("us-14d", "[rules.material-change]", 'amendments = ["material"]', 'amendments = "material"', "amendments"),
    (
        "us-14d",
        "[rules.target-position-exemptive-2026]",
        'option.name = "exemptive-order-2026"',
        "option.name = 2026",
        "option.name",
    ),
    (
        "us-14d",
        "[rules.target-position-exemptive-2026]",
        'option.since = "2026-04-16"',
        'option.since = "16/04/2026"',
        "option.since",
    ),
    (
        "us-14d",
        "[rules.target-position-exemptive-2026]",
        'option.name = "exemptive-order-2026"',
        'option.nam = "exemptive-order-2026"',
        "nam",
    ),
    ("us-14d", "[[rules.payment.versions]]", 'until = "2017-09-05"', 'untill = "2017-09-05"', "untill"),
    ("us-14d", "[[rules.payment.versions]]", "n = 3", 'n = "3"', "n"),
    ("us-14d", "[[rules.payment.versions]]", 'until = "2017-09-05"', 'until = "2017-09-31"', "until"),
    ("us-14d", "[[rules.sop-maximum-expiry.versions]]", "in_force = false", 'in_force = "no"', "in_force"),
    ("us-14d", "[[rules.sop-maximum-expiry.versions]]", 'since = "2008-12-08"', "since = 2008", "since"),
    ("us-14d", "[rules.extension-notice]", "each_extension = true", 'each_extension = "true"', "each_extension"),
    ("us-14d", "[rules.material-change]", "staff_position = true", "staff_position = 1", "staff_position"),
    (
        "us-14d",
        "[rules.target-position]",
        'label = "Target\'s position statement (Schedule 14D-9) due"',
        "label = 14",
        "label",
    ),
    ("us-13e4", "[rules.expiry]", 'evidence = "V2"', 'evidnce = "V2"', "evidnce"),
    ("fr-amf", "[rules.result]", "n = 9", "n = 9\ncount = 9", "count"),
    ("us-14d", None, 'calendar = "us-federal"', 'calendar = "us-federl"', "calendar"),
    ("us-14d", None, 'settlement_calendar = "XNYS"', 'settlement_calendar = "NYSEE"', "settlement_calendar"),
    ("us-14d", None, 'zone = "America/New_York"', 'zone = "America/New_Yrok"', "zone"),
    ("us-14d", None, 'start = "commencement"', 'start = "expiry"', "start"),
    ("us-14d", None, 'start = "commencement"', 'start = "commencment"', "start"),
    ("us-14d", None, 'expiry = "expiry"', 'expiry = "sop-expiry"', "expiry"),
    ("us-14d", None, 'id = "us-14d"', 'id = "us-14e"', "id"),
    ("fr-amf", None, 'default_expiry_time = "17:30"', 'default_expiry_time = "17h30"', "default_expiry_time"),
    ("fr-amf", None, 'historic_before = "2004-11-24"', 'historic_before = "24/11/2004"', "historic_before"),
    ("fr-amf", None, 'zone = "Europe/Paris"', 'zone = "Europe/Paris"\nregion = "EU"', "region"),
]


@pytest.mark.parametrize(("book", "table", "old", "new", "field"), FIELD_TYPOS)
def test_a_typo_in_any_field_is_refused_at_its_line(
    book: str, table: str | None, old: str, new: str, field: str
) -> None:
    # An inserted line (old, then the new key) is the second line of `new`: that is where the error points.
    at = 1 if new.startswith(old + "\n") else 0
    text, line = _edit(_text(book), table, old, new, at)
    message = _refused(text, f"{book}.toml")
    assert message.startswith(f"{book}.toml, line {line}: "), message
    assert f"'{field}'" in message, message
    if table is not None and table.startswith("[rules."):
        rule = table.strip("[]").split(".")[1]
        assert f"rule '{rule}'" in message or f"[{table.strip('[]')}" in message, message
    if field == old.split(" =")[0].split(".")[-1] or field == old.split(" =")[0]:  # a value, not a key
        value = new.split("=", 1)[1].strip().strip('"')
        assert value in message, message  # the value as written


# References: (rulebook, [(table, line as shipped, edited line)], what the message must say).
# The error is at the first edited line, in file order.
REFERENCES = [
    pytest.param(
        "us-14d",
        [
            ("[rules.target-position]", 'anchor = "commencement"', 'anchor = "withdrawal-backstop"'),
            ("[rules.withdrawal-backstop]", 'anchor = "commencement"', 'anchor = "target-position"'),
        ],
        ["'anchor'", "target-position → withdrawal-backstop → target-position"],
        id="two-rules-anchored-on-each-other",
    ),
    pytest.param(
        "us-14d",
        [("[rules.target-position]", 'anchor = "commencement"', 'anchor = "target-position"')],
        ["'anchor'", "itself"],
        id="anchored-on-itself",
    ),
    pytest.param(
        "us-14d",
        [("[rules.target-position]", 'anchor = "commencement"', 'anchor = "commencment"')],
        ["'anchor'", '"commencment"', "did you mean 'commencement'"],
        id="missing-rule-with-suggestion",
    ),
    pytest.param(
        "us-14d",
        [("[rules.target-position]", 'anchor = "commencement"', 'anchor = "closing-date"')],
        ["'anchor'", '"closing-date"', "must name a rule of this rulebook"],
        id="missing-rule",
    ),
    pytest.param(
        "fr-amf",
        [("[rules.squeeze-out-window]", 'anchor = "last-closing"', 'anchor = "last-closin"')],
        ["'anchor'", "did you mean 'last-closing'"],
        id="last-closing-misspelt",
    ),
    pytest.param(
        "fr-amf",
        [("[rules.reopening-opening]", 'limit = "reopening-latest-opening"', 'limit = "reopening-closing"')],
        ["'limit'", "reopening-opening → reopening-closing → reopening-opening"],
        id="limit-loop-through-the-expiry",
    ),
    pytest.param(
        "us-14d",
        [("[rules.target-position]", 'anchor = "commencement"', 'anchor = "price-change"')],
        ["'anchor'", '"price-change"', "amendment"],
        id="anchored-on-an-amendment-rule",
    ),
    pytest.param(
        "us-14d",
        [("[rules.target-position]", 'anchor = "commencement"', 'anchor = "sop-start"')],
        ["'anchor'", '"sop-start"', 'requires = "subsequent"'],
        id="anchored-on-a-subsequent-period-rule",
    ),
    pytest.param(
        "us-14d",
        [("[rules.minimum-expiry]", 'anchor = "commencement"', 'anchor = "target-position-exemptive-2026"')],
        ["'anchor'", "exemptive-order-2026"],
        id="anchored-on-an-option-rule",
    ),
    pytest.param(
        "us-14d",
        [("[rules.withdrawal-backstop]", 'unit = "calendar"', 'unit = "calendar"\nreplaces = "target-position"')],
        ["'replaces'", "'option'"],
        id="replaces-without-option",
    ),
    pytest.param(
        "us-14d",
        [("[rules.withdrawal-backstop]", 'unit = "calendar"', 'unit = "calendar"\neach_extension = true')],
        ["'each_extension'", '"expiry"'],
        id="each-extension-not-counted-from-the-expiry",
    ),
    pytest.param(
        "us-14d",
        [("[rules.expiry]", 'kind = "expiry"', 'kind = "expiry"\nanchor = "commencement"')],
        ["'anchor'", "no effect"],
        id="anchor-on-an-expiry",
    ),
    pytest.param(
        "us-14d",
        [("[rules.withdrawal-backstop]", 'unit = "calendar"', 'unit = "calendar"\nphase = "subsequent"')],
        ['phase = "subsequent"', 'requires = "subsequent"'],
        id="subsequent-phase-without-requires",
    ),
    pytest.param(
        "us-14d",
        [("[rules.sop-expiry]", 'phase = "subsequent"', 'phase = "initial"')],
        ['"expiry"', 'phase = "initial"', "'expiry'"],
        id="a-second-initial-expiry",
    ),
]


@pytest.mark.parametrize(("book", "edits", "says"), REFERENCES)
def test_references_name_real_rules_without_loops(
    book: str, edits: list[tuple[str, str, str]], says: list[str]
) -> None:
    text = _text(book)
    lines = []
    for table, old, new in edits:
        at = 1 if new.startswith(old + "\n") else 0
        text, line = _edit(text, table, old, new, at)
        lines.append(line)
    message = _refused(text, f"{book}.toml")
    assert message.startswith(f"{book}.toml, line {min(lines)}: "), message
    for words in says:
        assert words in message, message


def test_a_counted_rule_needs_its_anchor() -> None:
    """Without an anchor, a deadline was silently counted from the offer's start: now refused at its kind."""
    text, line = _edit(_text("us-14d"), "[rules.sop-minimum-expiry]", 'anchor = "sop-start"', "")
    kind_line = text.split("\n").index('kind = "minimum"', line - 3) + 1
    message = _refused(text, "us-14d.toml")
    assert message.startswith(f"us-14d.toml, line {kind_line}: rule 'sop-minimum-expiry': "), message
    assert "'anchor'" in message


def test_a_missing_key_names_it() -> None:
    text, _ = _edit(
        _text("us-14d"), "[rules.target-position]", 'label = "Target\'s position statement (Schedule 14D-9) due"', ""
    )
    header = text.split("\n").index("[rules.target-position]") + 1
    assert _refused(text, "us-14d.toml") == f"us-14d.toml, line {header}: rule 'target-position': missing key 'label'"
    text, _ = _edit(_text("us-14d"), None, 'title = "US tender offer (Regulations 14D and 14E)"', "")
    assert _refused(text, "us-14d.toml") == "us-14d.toml: missing key 'title'"


def test_the_example_of_the_issue() -> None:
    text, line = _edit(_text("us-14d"), "[rules.target-position]", 'day1 = "anchor"', 'day1 = "anchr"')
    assert _refused(text, "us-14d.toml") == (
        f'us-14d.toml, line {line}: rule \'target-position\': \'day1\' must be "anchor" or "next", not "anchr"'
    )


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_rulebook_passes(path: Path) -> None:
    book = parse_rulebook(path.read_text(encoding="utf-8"), path.name)
    assert book.id == path.stem
    assert len(book.rules) == len(re.findall(r"^\[rules\.[^\].]+\]$", path.read_text(encoding="utf-8"), re.M))


def test_the_regimes_are_the_rulebook_files() -> None:
    assert tuple(sorted(p.stem for p in SHIPPED)) == REGIMES
    assert {"us-14d", "us-13e4", "fr-amf", "fr-amf-simplified"} <= set(REGIMES)
    for regime in REGIMES:
        assert get_rulebook(regime) is get_rulebook(regime)  # read once


def _one_line(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return out, err


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_rules_check_passes_a_shipped_rulebook(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    count = len(re.findall(r"^\[rules\.[^\].]+\]$", path.read_text(encoding="utf-8"), re.M))
    assert main(["rules", "--check", str(path), "--lang", "en"]) == 0
    out, err = _one_line(capsys)
    assert out == f"{path}: {count} rules, no problems found\n"
    assert err == ""
    assert main(["rules", "--check", str(path), "--lang", "fr"]) == 0
    out, _ = _one_line(capsys)
    assert out.startswith(str(path)) and f"{count} règles" in out and out.count("\n") == 1


@pytest.mark.parametrize(("lang", "line_word"), [("en", "line"), ("fr", "ligne")])
def test_rules_check_refuses_an_edited_rulebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, line_word: str
) -> None:
    text, line = _edit(_text("us-14d"), "[rules.target-position]", 'day1 = "anchor"', 'day1 = "anchr"')
    path = tmp_path / "us-14d.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["rules", "--check", str(path), "--lang", lang]) == 2
    out, err = _one_line(capsys)
    assert out == ""
    assert err.count("\n") == 1
    assert str(path) in err and f"{line_word} {line}" in err and "day1" in err and '"anchr"' in err


def test_rules_check_names_its_file_as_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A copy under another name must keep its id: the id is the file's name."""
    path = tmp_path / "us-14d-draft.toml"
    path.write_text(_text("us-14d"), encoding="utf-8")
    line = _text("us-14d").split("\n").index('id = "us-14d"') + 1
    assert main(["rules", "--check", str(path), "--lang", "en"]) == 2
    _, err = _one_line(capsys)
    expected = f'{path}, line {line}: \'id\' must be the file\'s name without .toml ("us-14d-draft"), not "us-14d"'
    assert err == f"deadlines: error: {expected}\n"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "kind", ["missing", "directory", "not-utf8", "empty-name", "with-regime", "with-json", "with-output", "not-toml"]
)
def test_rules_check_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, kind: str) -> None:
    args = ["rules", "--check"]
    if kind == "missing":
        args.append(str(tmp_path / "nowhere.toml"))
    elif kind == "directory":
        args.append(str(tmp_path))
    elif kind == "not-utf8":
        path = tmp_path / "latin1.toml"
        path.write_bytes('title = "Procédure normale"\n'.encode("latin-1"))
        args.append(str(path))
    elif kind == "empty-name":
        args.append("")
    elif kind == "with-regime":
        args += [str(RULES_DIR / "us-14d.toml"), "us-14d"]
    elif kind == "with-json":
        args += [str(RULES_DIR / "us-14d.toml"), "--format", "json"]
    elif kind == "with-output":
        args += [str(RULES_DIR / "us-14d.toml"), "--output", str(tmp_path / "out.txt")]
    else:
        path = tmp_path / "us-14d.toml"
        path.write_text("id = \n", encoding="utf-8")
        args.append(str(path))
    assert main([*args, "--lang", lang]) == 2
    out, err = _one_line(capsys)
    assert out == "" and err.count("\n") == 1
    assert err.startswith("deadlines: error: " if lang == "en" else "deadlines\u00a0: erreur\u00a0: ")
    if kind.startswith("with-"):
        assert "--check" in err and not (tmp_path / "out.txt").exists()
    elif kind != "empty-name":
        assert args[2] in err


def test_two_versions_may_not_give_one_day_two_values() -> None:
    """The settlement cycle was T+3 until 5 September 2017 and T+2 from then until 28 May 2024: a second
    version starting in 2010 would give 2010-2017 two cycles, and which one applied would be a guess."""
    text = _text("us-14d")
    lines = text.split("\n")
    header = lines.index("[rules.payment]")
    since = lines.index('since = "2017-09-05"', header)
    lines[since] = 'since = "2010-01-01"'
    n_line = lines.index("n = 2", since) + 1
    message = _refused("\n".join(lines), "us-14d.toml")
    assert message.startswith(f"us-14d.toml, line {n_line}: rule 'payment', version 2: 'n'"), message
    # Versions that change different keys over the same days are fine: the shipped rulebook has such a pair
    # (sop-payment's T+3 until 2017 and 'not in force' before 24 January 2000).
    parse_rulebook(text, "us-14d.toml")


@pytest.mark.parametrize("field", ["n = 20", 'unit = "business"', 'day1 = "next"', 'time = "17:30"'])
def test_a_count_on_an_expiry_rule_is_refused(field: str) -> None:
    """The expiry is chosen in the deal or searched from the minimums: a count written on it would be read
    by a lawyer as a rule the engine never applies."""
    text, line = _edit(_text("fr-amf"), "[rules.closing]", 'kind = "expiry"', f'kind = "expiry"\n{field}', at=1)
    key = field.split(" =")[0]
    assert _refused(text, "fr-amf.toml").startswith(f"fr-amf.toml, line {line}: rule 'closing': '{key}' has no effect")


def test_an_edition_may_not_leave_out_what_another_rule_counts_from() -> None:
    """uk-code's earlier timetable (before 5 July 2021) has no unconditional date: a rule of that timetable
    counted from it would have no date to count from, so the file is refused at the rule that names it."""
    text = _text("uk-code")
    header = "[[rules.settlement.versions]]"
    text, line = _edit(text, header, 'anchor = "other-conditions-date"', 'anchor = "unconditional-date"')
    message = _refused(text, "uk-code.toml")
    assert message.startswith(f"uk-code.toml, line {line}: rule 'settlement', version 1: 'anchor' names"), message
    assert "before 2021-07-05" in message and "absent" in message, message


def test_the_start_is_in_every_edition() -> None:
    text, _ = _edit(_text("uk-code"), "[rules.offer-document]", 'limit = "offer-document-deadline"', "absent = true")
    assert "leave out 'offer-document', the book's start or expiry" in _refused(text, "uk-code.toml")


def test_edition_from_names_a_given_rule() -> None:
    text, line = _edit(_text("uk-code"), None, 'edition_from = "firm-announcement"', 'edition_from = "offer-document"')
    message = _refused(text, "uk-code.toml")
    assert message.startswith(f"uk-code.toml, line {line}: 'edition_from' must name a rule of kind \"given\""), message


def test_editions_follow_each_other() -> None:
    text, line = _edit(_text("uk-code"), None, "since = 2021-07-05", "since = 2021-07-06")
    message = _refused(text, "uk-code.toml")
    assert message.startswith(f"uk-code.toml, line {line}: edition 2: 'since' must be the previous edition's"), message


@pytest.mark.parametrize("field", ["n = 28", 'unit = "calendar"', 'day1 = "next"', 'anchor = "offer-document"'])
def test_a_count_on_a_given_rule_is_refused(field: str) -> None:
    """A given date comes from the deal ([[observed]]): a count written on it would never be applied."""
    table = "[rules.firm-announcement]"
    text, line = _edit(_text("uk-code"), table, 'kind = "given"', f'kind = "given"\n{field}', at=1)
    key = field.split(" =")[0]
    assert _refused(text, "uk-code.toml").startswith(f"uk-code.toml, line {line}: rule 'firm-announcement': '{key}'")


def test_a_count_back_is_in_calendar_or_business_days() -> None:
    """Day 39 is Day 60 less 21 calendar days (Rule 31.8), the last day to amend a German offer one working
    day before its end (§ 21(1) WpÜG); weeks counted back are no rule either has."""
    table = "[rules.day-39]"
    text, _ = _edit(_text("uk-code"), table, 'unit = "calendar"', 'unit = "weeks"')
    lines = text.split("\n")
    back = next(i for i in range(lines.index(table), len(lines)) if lines[i].startswith("back = ")) + 1
    message = _refused(text, "uk-code.toml")
    assert message.startswith(f"uk-code.toml, line {back}: rule 'day-39': 'back' counts calendar or business"), message


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('calendar = "de-hessen"', 'calendar = "de-hesen"', ["'calendar' must be a calendar id", '"de-hesen"']),
        ('unit = "business"', 'unit = "calendar"', ["'calendar'", 'unit = "business"']),
    ],
    ids=["unknown-calendar", "calendar-of-a-count-in-calendar-days"],
)
def test_a_rule_calendar_is_a_calendar_of_business_days(old: str, new: str, says: list[str]) -> None:
    """A rule's own calendar (German Werktage) must exist and count business days, at the line that names it."""
    _refused_at_key("[rules.last-amendment]", old, new, "calendar", "rule 'last-amendment': ", says)


@pytest.mark.parametrize(
    ("table", "old", "new", "says"),
    [
        ("[rules.amendment-extension]", 'anchor = "expiry"', 'anchor = "offer-document"', ["'window'", '"expiry"']),
        ("[rules.result]", 'kind = "estimate"', 'kind = "estimate"\nwindow = 14', ["'window'", "no effect"]),
        ("[rules.amendment-extension]", "window = 14  # the end's day and the 13 days before it", "window = 0", ["1"]),
    ],
    ids=["window-not-on-the-expiry", "window-on-an-estimate", "window-of-no-day"],
)
def test_a_window_extends_the_expiry(table: str, old: str, new: str, says: list[str]) -> None:
    """An amendment's window (§ 21(5) WpÜG) counts back from the expiry it extends; on another rule it would
    never be read."""
    _refused_at_key(table, old, new, "window", "", says)


@pytest.mark.parametrize(
    ("key", "new", "says"),
    [
        ("time", 'time = "24:00"', ["'time'", "keeps the end's time"]),
        ("n_max", "n_max = 3", ["'n_max'", "keeps the end's time"]),
        ("limit", 'limit = "result"', ["'limit'", "counted back from"]),
    ],
)
def test_an_extending_amendment_refuses_what_it_would_not_read(key: str, new: str, says: list[str]) -> None:
    """A time, a range or a limit that is not a last day before the end, on the § 21(5) rule: never read by
    the extension (it keeps the end's time), so refused at its line rather than silently ignored."""
    table = "[rules.amendment-extension]"
    old = 'limit = "last-amendment"' if key == "limit" else 'kind = "amendment"'
    text = new if key == "limit" else f"{old}\n{new}"
    _refused_at_key(table, old, text, key, "rule 'amendment-extension': ", says)


def test_a_limit_on_an_amendment_that_extends_nothing_is_refused() -> None:
    """The US price-change rule counts a minimum from the amendment; a limit on it would never be read."""
    table = "[rules.price-change]"
    text, line = _edit(_text("us-14d"), table, 'kind = "amendment"', 'kind = "amendment"\nlimit = "expiry"', at=1)
    message = _refused(text, "us-14d.toml")
    assert message.startswith(f"us-14d.toml, line {line}: rule 'price-change': 'limit' has no effect"), message


def _refused_at_key(table: str, old: str, new: str, key: str, rule: str, says: list[str]) -> None:
    """de-wpug.toml edited in ``table`` is refused at the line of its ``key`` (found in the edited text),
    naming ``rule`` and saying each of ``says``."""
    text, _ = _edit(_text("de-wpug"), table, old, new)
    lines = text.split("\n")
    at = next(i for i in range(lines.index(table), len(lines)) if lines[i].startswith(f"{key} = ")) + 1
    message = _refused(text, "de-wpug.toml")
    assert message.startswith(f"de-wpug.toml, line {at}: {rule}"), message
    for words in says:
        assert words in message, message


def test_extends_is_for_a_given_date() -> None:
    """Only a date the deal gives (a competing offer's end, § 22(2) WpÜG) can replace the expiry by law."""
    table = "[rules.result]"
    text, line = _edit(_text("de-wpug"), table, 'kind = "estimate"', 'kind = "estimate"\nextends = true', at=1)
    message = _refused(text, "de-wpug.toml")
    assert message.startswith(f"de-wpug.toml, line {line}: rule 'result': 'extends' has no effect"), message


def test_subsequent_like_is_for_a_period_counted_without_a_subsequent_period() -> None:
    """The German additional period (§ 16(2) WpÜG) is compared with another leg's subsequent period; on a
    rule that exists only with a subsequent period, or on a start, the mark would compare nothing."""
    table = "[rules.offer-document]"
    text, line = _edit(_text("de-wpug"), table, 'kind = "start"', 'kind = "start"\nsubsequent_like = true', at=1)
    message = _refused(text, "de-wpug.toml")
    assert message.startswith(f"de-wpug.toml, line {line}: rule 'offer-document': 'subsequent_like'"), message
