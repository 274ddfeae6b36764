"""File exports of a schedule: iCalendar, CSV, Markdown, JSON, HTML, SVG, and the atomic writer.

Instants expected here come from the seed's sources, not from the code: the US offer "will expire at
12:00 noon, New York City time, on Thursday, September 12, 2002" (Offer to Purchase of 16 July 2002), and
the subsequent offering period expired "31 October, at 12:00 noon, New York City time (18:00, Paris time)"
(press release of 31 October 2002). New York was on EDT (UTC-4) in September and EST (UTC-5) on 31 October
2002 (DST ended on 27 October 2002).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from deadlines import compute, load_deal
from deadlines.errors import DeadlinesError, InputError
from deadlines.i18n import Localizer
from deadlines.render.export import FORMATS, export_schedule, md_escape, write_output
from deadlines.schedule import Schedule

EXPIRY = datetime(2002, 9, 12, 16, 0, tzinfo=UTC)  # 12:00 noon EDT
SOP_EXPIRY = datetime(2002, 10, 31, 17, 0, tzinfo=UTC)  # 12:00 noon EST = 18:00 Paris


@pytest.fixture
def schedule(seed_path: Path) -> Schedule:
    return compute(load_deal(seed_path))


def locs(spec: str) -> list[Localizer]:
    return [Localizer(lang) for lang in spec.split(",")]


def json_events(schedule: Schedule) -> dict[str, dict[str, Any]]:
    data = json.loads(export_schedule(schedule, "json", locs("en")))
    return {e["id"]: e for e in data["events"]}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# -- CSV -----------------------------------------------------------------------------------------------


def test_csv_rows_per_event_and_language(schedule: Schedule) -> None:
    text = export_schedule(schedule, "csv", locs("en,fr"))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    zones = ["America/New_York", "Europe/Paris", "Europe/Zurich"]
    assert reader.fieldnames == [
        "id",
        "regime",
        "lang",
        "label",
        "rule",
        "date",
        "utc",
        "zone",
        *(f"local:{z}" for z in zones),
        *(f"text:{z}" for z in zones),
        "business_day",
        "count",
        "status",
        "estimate",
        "observed",
        "trace",
        "note",
        "breaches",
        "breach_messages",
    ]
    rows = list(reader)
    expected = json_events(schedule)
    assert len(rows) == 2 * len(expected)
    assert [r["lang"] for r in rows] == ["en"] * len(expected) + ["fr"] * len(expected)
    for row in rows:
        event = expected[row["id"]]
        assert row["utc"] == event["utc"] and row["date"] == event["date"]
        assert all(row[f"local:{z}"] == event["times"][z] for z in zones)
        assert row["business_day"] == ("" if event["business_day"] is None else str(event["business_day"]))
    by_id = {r["id"]: r for r in rows if r["lang"] == "en"}
    assert utc(by_id["us-14d.expiry"]["utc"]) == EXPIRY and utc(by_id["us-14d.sop-expiry"]["utc"]) == SOP_EXPIRY
    assert by_id["us-14d.sop-expiry"]["local:Europe/Paris"] == "2002-10-31T18:00+01:00"  # "(18:00, Paris time)"
    assert by_id["us-14d.payment"]["status"] == "relieved" and by_id["us-14d.payment"]["estimate"] == "true"


# -- Markdown ------------------------------------------------------------------------------------------


def table_rows(section: str) -> list[list[str]]:
    """The cells of each pipe-table line, split on unescaped pipes."""
    return [re.split(r"(?<!\\)\|", line)[1:-1] for line in section.splitlines() if line.startswith("|")]


def test_markdown_one_table_row_per_event_and_one_section_per_language(schedule: Schedule) -> None:
    text = export_schedule(schedule, "md", locs("en,fr"), today=date(2002, 9, 20))
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    assert len(sections) == 2
    assert sections[0].startswith(schedule.name) and "Expiry of the offer" in sections[0]
    for section in sections:
        header, separator, *body = table_rows(section)
        assert len(header) == 1 + len(schedule.zones) + 1  # event, zones, days left
        assert all(set(cell.strip()) <= set("-:") for cell in separator)
        assert len(body) == len(schedule.events)
        assert all(len(cells) == len(header) for cells in body)
    assert "jeudi 12 septembre 2002" in sections[1]  # French CLDR date (Babel), whatever the catalog says
    english_rows = table_rows(sections[0])[2:]
    expiry = next(cells for cells in english_rows if "us-14d: Expiry of the offer" in cells[0])
    assert expiry[0].count("<br>") >= 2 and expiry[-1].strip() == "8 days ago"


def test_markdown_without_today_has_no_days_left_column(schedule: Schedule) -> None:
    header = table_rows(export_schedule(schedule, "md", locs("en")))[0]
    assert len(header) == 1 + len(schedule.zones)


def test_markdown_escapes_syntax_in_cells() -> None:
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("x*y*_z_") == "x\\*y\\*\\_z\\_"
    assert md_escape("one\ntwo <b>") == "one<br>two \\<b\\>"
    assert len(re.split(r"(?<!\\)\|", "|" + md_escape("a|b|c") + "|")) == 3


# -- JSON ----------------------------------------------------------------------------------------------


def test_json_has_lang_and_labels_in_every_language(schedule: Schedule) -> None:
    data = json.loads(export_schedule(schedule, "json", locs("fr,en")))
    assert data["lang"] == "fr" and data["deal"] == schedule.name
    event = next(e for e in data["events"] if e["id"] == "us-14d.expiry")
    assert set(event["labels"]) == {"en", "fr"} and event["labels"]["en"] == "Expiry of the offer"
    assert utc(event["utc"]) == EXPIRY and event["local"] == "2002-09-12T12:00-04:00"


# -- HTML, SVG, text -----------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_a_page_with_a_table_per_language(schedule: Schedule) -> None:
    """The page itself is tested in tests/test_documents.py; here, the export entry point."""
    page = export_schedule(schedule, "html", locs("en,fr"), today=date(2002, 9, 20))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    parser = _Collect()
    parser.feed(page)
    assert {"html", "head", "title", "body", "h1", "table", "thead", "tbody", "tr", "td"} <= set(parser.tags)
    assert parser.tags.count("table") == 2
    text = "".join(parser.text)
    assert "Expiry of the offer" in text and "Serono / Genset (2002)" in text and "Clôture de l’offre" in text


def test_svg_is_xml_with_the_labels_and_reproducible(schedule: Schedule) -> None:
    svg = export_schedule(schedule, "svg", locs("en"))
    assert svg == export_schedule(schedule, "svg", locs("en"))
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = html.unescape(svg).replace("\xa0", " ")
    assert "Expiry of the offer" in text and "Subsequent period: end" in text


def test_txt_is_the_plain_table(schedule: Schedule) -> None:
    text = export_schedule(schedule, "txt", locs("en"), width=100)
    assert "Expiry of the offer" in text and "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_unknown_format_is_an_input_error(schedule: Schedule) -> None:
    assert set(FORMATS) >= {"json", "csv", "md", "ics", "html", "svg"}
    with pytest.raises(InputError, match="xlsx"):
        export_schedule(schedule, "xlsx", locs("en"))


# -- write_output --------------------------------------------------------------------------------------


def test_write_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    target.write_text("old")
    with pytest.raises(DeadlinesError, match="exists: add --force"):
        write_output("new", target)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ics"]


def test_write_with_force_replaces_and_keeps_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    target.write_text("old")
    write_output("BEGIN:VCALENDAR\r\nX:é\r\n", target, force=True)
    assert target.read_bytes() == "BEGIN:VCALENDAR\r\nX:é\r\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ics"]


def test_write_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_output("x\n", tmp_path / "new.txt")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").read_text() == "x\n"
    if os.name == "posix":
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_write_into_a_missing_directory_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.csv"
    with pytest.raises(DeadlinesError, match="does not exist") as error:
        write_output("data", target)
    assert str(target) in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_write_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DeadlinesError, match=r"(?i)no space left on device"):
        write_output("new", target, force=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_dash_goes_to_stdout_byte_for_byte(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_output("A\r\nB é\r\n", "-")
    assert capsysbinary.readouterr().out == "A\r\nB é\r\n".encode()
    assert not (tmp_path / "-").exists()


def _deal_strings(value: Any) -> list[str]:
    """Every string of a deal file (its notes and relief are the lawyers' own words, in English)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _deal_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _deal_strings(v)]
    return []


def _french_words(fmt: str, schedule: Schedule) -> str:
    import tomllib
    import zipfile

    if fmt == "docx":  # the text of the document's runs, joined
        from deadlines.render.docx import to_docx

        xml = zipfile.ZipFile(io.BytesIO(to_docx(schedule, [Localizer("fr")]))).read("word/document.xml")
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml.decode("utf-8")))
    else:
        text = export_schedule(schedule, fmt, [Localizer("fr")])
    if fmt == "html":  # the words, not the style sheet and the tags
        text = re.sub(r"<[^>]*>", "", re.sub(r"<style.*?</style>", "", text, flags=re.S))
    if fmt == "ics":
        text = text.replace("\r\n ", "").replace("\\;", ";").replace("\\,", ",").replace("\\n", "\n")
    text = html.unescape(text)
    deal = tomllib.loads(
        (Path(__file__).resolve().parent.parent / "examples/serono-genset-2002.toml").read_text("utf-8")
    )
    for words in sorted((s for s in _deal_strings(deal) if len(s) > 40), key=len, reverse=True):
        text = text.replace(words, "")
    return text


@pytest.mark.parametrize("fmt", ["html", "docx", "ics", "md"])
def test_french_exports_use_french_separators(fmt: str, schedule: Schedule) -> None:
    # French puts U+202F before ';' and U+00A0 before ':': "(estimation ; dérogation)", "note : …"
    text = _french_words(fmt, schedule)
    assert "estimation\u202f; dérogation" in text
    assert re.findall(r".{20}\w; .{20}", text) == []
    assert re.findall(r".{20}\bnote ?: .{20}", text) == []
    if fmt in ("html", "docx", "md"):
        assert re.search(r"note\**(?: \(`[\w-]+`\))?\u00a0: ", text)
