"""The documents deal teams circulate: the HTML timetable, the Word timetable and the SVG picture.

Expected values come from the seed's documents: the first period expired on Thursday 12 September 2002 at
12:00 noon New York City time = 18:00 Paris time, the subsequent period on Thursday 31 October 2002 at the
same times; the default view has 22 event rows (4 rules not in force are hidden). Rewrite the golden pages
with ``DEADLINES_UPDATE_GOLDEN=1 python -m pytest tests/test_documents.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from deadlines.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEED = str(ROOT / "examples" / "serono-genset-2002.toml")
TODAY = ["--today", "2002-09-20"]
EVENT_ROWS = 22  # the seed's events in force (the README's "22 event lines")
ALL_ROWS = 26  # with the 4 rules not in force (--all)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class Page(HTMLParser):
    """The page's structure: tags, attributes, rows of each tbody, text, and the style sheets."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []  # tag, name, value
        self.stack: list[str] = []
        self.bodies: list[list[list[str]]] = []  # tbody -> rows -> cells
        self.cell: list[str] | None = None
        self.styles: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        self.stack.append(tag)
        if tag == "tbody":
            self.bodies.append([])
        elif tag == "tr" and "tbody" in self.stack:
            self.bodies[-1].append([])
        elif tag == "td" and "tbody" in self.stack:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None:
            self.bodies[-1][-1].append("".join(self.cell))
            self.cell = None
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)


def page(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, Page]:
    code, out, err = run(capsys, "schedule", SEED, "--format", "html", *argv)
    assert code == 0 and err == "", err
    parser = Page()
    parser.feed(out)
    return out, parser


# -- HTML ----------------------------------------------------------------------------------------------

GOLDEN_PAGES = {
    "schedule-seed-en.html": ["--lang", "en", *TODAY],
    "schedule-seed-fr.html": ["--lang", "fr", *TODAY],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_PAGES))
def test_golden_html(capsys: pytest.CaptureFixture[str], name: str) -> None:
    out, _ = page(capsys, *GOLDEN_PAGES[name])
    path = GOLDEN / name
    if os.environ.get("DEADLINES_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_html_is_a_table_with_one_row_per_event(capsys: pytest.CaptureFixture[str]) -> None:
    out, parsed = page(capsys, "--lang", "en")
    assert out.startswith("<!DOCTYPE html>") and '<html lang="en">' in out
    assert parsed.tags.count("h1") == 1 and parsed.tags.count("table") == 1
    assert "caption" in parsed.tags and "thead" in parsed.tags
    (body,) = parsed.bodies
    assert len(body) == EVENT_ROWS
    expiry = [row for row in body if "Expiry of the offer" in row[3]]
    assert len(expiry) == 1
    assert expiry[0][:2] == ["Sep 12, 2002", "Thursday"]
    assert "12:00 noon" in expiry[0] and "18:00" in expiry[0]
    end = [row for row in body if "Subsequent period: end" in row[3]]
    assert end[0][0] == "Oct 31, 2002" and "12:00 noon" in end[0] and "18:00" in end[0]
    text = "".join(parsed.text)
    # day 1 is said in the caption; marks are words; notes are under the table
    assert "Tuesday, July 16, 2002" in text and "day 1" in text
    assert "(estimate; waived)" in text and "(observed, approximate)" in text
    assert "Serono / Genset (2002)" in text and "CMF General Regulation (1998)" in text
    assert "4 rules not in force" in text


def test_html_all_shows_the_rules_not_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    _, parsed = page(capsys, "--lang", "en", "--all")
    assert len(parsed.bodies[0]) == ALL_ROWS
    assert any("reference only" in row[3] for row in parsed.bodies[0])


def test_html_french_writes_times_as_french_documents(capsys: pytest.CaptureFixture[str]) -> None:
    out, parsed = page(capsys, "--lang", "fr")
    assert '<html lang="fr">' in out
    (body,) = parsed.bodies
    closing = [row for row in body if row[0] == "12 sept. 2002" and "14e-1(a)" in row[-1]]
    assert closing and closing[0][1] == "jeudi" and "12h00" in closing[0] and "18h00" in closing[0]
    assert "J+n" in "".join(parsed.text)


def test_html_bilingual_has_a_section_per_language(capsys: pytest.CaptureFixture[str]) -> None:
    out, parsed = page(capsys, "--lang", "en,fr")
    assert "<h2>English</h2>" in out and "<h2>Français</h2>" in out and out.count("<h1>") == 1
    assert [value for tag, name, value in parsed.attrs if (tag, name) == ("section", "lang")] == ["en", "fr"]
    assert [len(body) for body in parsed.bodies] == [EVENT_ROWS, EVENT_ROWS]


NETWORK = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@pytest.mark.parametrize("lang", ["en", "fr", "en,fr"])
def test_html_fetches_nothing(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    out, parsed = page(capsys, "--lang", lang)
    for tag, name, value in parsed.attrs:
        if name in ("src", "href", "srcset", "action", "data", "poster"):
            assert not NETWORK.match(value), (tag, name, value)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(parsed.tags)
    css = "".join(parsed.styles)
    assert "@import" not in css and "url(" not in css
    assert "http" not in out and "//" not in out


def test_html_escapes_text_from_the_deal_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    deal = tmp_path / "deal.toml"
    deal.write_text(
        'name = "<script>alert(1)</script> & \\u001b[2J"\n'
        'notes = ["<img src=http://example.com/x>"]\n'
        '[[offer]]\nregime = "us-14d"\ncommence = 2026-05-04\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "schedule", str(deal), "--format", "html")
    assert code == 0 and err == ""
    assert "<script>" not in out and "<img" not in out and "\x1b" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\x1b[2J" in out
    assert "&lt;img src=http://example.com/x&gt;" in out


# -- DOCX ----------------------------------------------------------------------------------------------


def docx_rows(path: Path) -> list[list[str]]:
    import docx

    document = docx.Document(str(path))
    (table,) = document.tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_docx_has_one_row_per_event_and_the_seed_times(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    code, stdout, err = run(capsys, "schedule", SEED, "--format", "docx", "-o", str(out), "--lang", "en")
    assert (code, stdout, err) == (0, "", "")
    rows = docx_rows(out)
    assert len(rows) == 1 + EVENT_ROWS
    assert rows[0][:4] == ["Date", "Day", "D+n", "Event"] and rows[0][-1] == "Reference"
    (expiry,) = [row for row in rows if row[3] == "Expiry of the offer"]
    assert expiry[0] == "Sep 12, 2002" and "12:00 noon" in expiry and "18:00" in expiry
    assert any(row[3] == "Payment for tenders (estimate; waived)" for row in rows)


def test_docx_is_reproducible_and_bilingual(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import docx

    paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for path in paths:
        assert run(capsys, "schedule", SEED, "--format", "docx", "-o", str(path), "--lang", "en,fr")[0] == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    document = docx.Document(str(paths[0]))
    assert len(document.tables) == 2
    french = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert french[0][:3] == ["Date", "Jour", "J+n"]
    assert any(row[0] == "31 oct. 2002" and "12h00" in row and "18h00" in row for row in french)
    assert document.core_properties.title == "Serono / Genset (2002)"


@pytest.mark.parametrize(
    "lang, words", [("en", "--format docx writes a Word file"), ("fr", "--format docx écrit un fichier Word")]
)
def test_docx_needs_an_output_file(capsys: pytest.CaptureFixture[str], lang: str, words: str) -> None:
    code, out, err = run(capsys, "schedule", SEED, "--format", "docx", "--lang", lang)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err


def test_docx_to_a_terminal_is_refused(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Terminal(io.BytesIO(), encoding="utf-8"))
    from deadlines.errors import DeadlinesError
    from deadlines.render.export import write_output

    with pytest.raises(DeadlinesError, match="binary"):
        write_output(b"PK\x03\x04", "-")


def test_write_output_writes_bytes_atomically(tmp_path: Path) -> None:
    from deadlines.errors import DeadlinesError
    from deadlines.render.export import write_output

    target = tmp_path / "t.docx"
    write_output(b"PK\x03\x04\x00\xff", target)
    assert target.read_bytes() == b"PK\x03\x04\x00\xff"
    with pytest.raises(DeadlinesError, match="--force"):
        write_output(b"other", target)
    write_output(b"other", target, force=True)
    assert target.read_bytes() == b"other"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.docx"]  # no temporary file left


# -- SVG -----------------------------------------------------------------------------------------------


def test_svg_loads_no_web_font(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schedule", SEED, "--format", "svg")
    assert code == 0 and err == ""
    # the only address is the SVG namespace, an identifier that is never fetched
    assert re.findall(r"https?://[^\s\"')]+", out) == ["http://www.w3.org/2000/svg"]
    assert "@font-face" not in out and "@import" not in out
    assert all(ref.startswith("url(#") for ref in re.findall(r"url\([^)]*\)", out))
    assert "12:00 noon" in out.replace("&#160;", " ").replace("\xa0", " ")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_golden_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str) -> None:
    """The Word table's cells, row by row, against a reviewed golden text (a .docx is a zip whose bytes
    depend on python-docx's version; its cells are what a reader sees)."""
    import docx

    out = tmp_path / "seed.docx"
    assert run(capsys, "schedule", SEED, "--format", "docx", "-o", str(out), "--lang", lang)[0] == 0
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    rows = [" | ".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
    text = "\n".join([*paragraphs, "", *rows]) + "\n"
    path = GOLDEN / f"schedule-seed-{lang}.docx.txt"
    if os.environ.get("DEADLINES_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_docx_repeats_its_header_and_marks_each_language(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A timetable printed on several pages repeats its header row, and Word checks the French section's
    spelling in French (w:lang), not in English."""
    out = tmp_path / "seed.docx"
    assert run(capsys, "schedule", SEED, "--format", "docx", "-o", str(out), "--lang", "en,fr")[0] == 0
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert xml.count('<w:tblHeader w:val="true"/>') == 2
    assert 'w:lang w:val="fr"' in xml and 'w:lang w:val="en"' in xml


def test_documents_carry_no_command_line_hints(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """HTML and Word timetables are circulated: no '--all' hint in them."""
    out = tmp_path / "seed.docx"
    assert run(capsys, "schedule", SEED, "--format", "docx", "-o", str(out))[0] == 0
    html, _ = page(capsys, "--lang", "en")
    assert "--all" not in html and "dates are not shown" in html
    with zipfile.ZipFile(out) as archive:
        assert "--all" not in archive.read("word/document.xml").decode("utf-8")
