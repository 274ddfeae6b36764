"""Languages: catalog hygiene, CLDR formats, language selection, and French output end to end.

Expected words come from the issue and the domain notes' vocabulary table ("20e jour ouvré", "heure de
Paris", "jeudi 31 octobre 2002 à 18:00"), expected formats from CLDR as shipped with the pinned Babel.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from deadlines.calendars import calendar_ids, get_calendar
from deadlines.cli import main
from deadlines.i18n import Lang, Localizer, langs_from_env, parse_langs, translations
from deadlines.i18n.catalogs import placeholders, problems
from deadlines.rules import REGIMES, get_rulebook
from deadlines.text import At, Items, Msg, Ordinal, Plural, Term

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "serono-genset-2002.toml"

PO = ROOT / "deadlines" / "locale" / "fr" / "LC_MESSAGES" / "deadlines.po"


@pytest.fixture(scope="module")
def fr_ids() -> set[str]:
    with PO.open("rb") as f:
        catalog = read_po(f, locale="fr")
    return {m.id for m in catalog if m.id and m.string and isinstance(m.id, str)}


# -- catalog hygiene -----------------------------------------------------------------------------
def test_catalog_is_in_step_with_the_code() -> None:
    """Untranslated, fuzzy, obsolete, placeholder mismatch, missing from the catalog, stale .mo."""
    assert problems() == []


def test_problems_are_detected(tmp_path: Path) -> None:
    """The hygiene check fails on each kind of fault (run on a copy of the project's catalog)."""
    import shutil

    for name in ("setup.cfg", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "deadlines", tmp_path / "deadlines", ignore=shutil.ignore_patterns("__pycache__"))
    po = tmp_path / "deadlines" / "locale" / "fr" / "LC_MESSAGES" / "deadlines.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "aujourd’hui"', 'msgstr ""', 1)  # untranslated
    text = text.replace('msgid "Event"\n', '#, fuzzy\nmsgid "Event"\n', 1)  # fuzzy
    text += '\nmsgid "a message nobody uses any more"\nmsgstr "un message que plus personne n’utilise"\n'
    text = text.replace('{calendar}: {name}"\nmsgstr "{calendar}', '{calendar}: {name}"\nmsgstr "{calendrier}', 1)
    po.write_text(text, encoding="utf-8")
    found = "\n".join(problems(tmp_path))
    assert "'today' is untranslated" in found
    assert "'Event' is fuzzy" in found
    assert "is obsolete" in found
    assert "placeholders differ" in found
    assert "is not the compilation" in found


def test_placeholders() -> None:
    assert placeholders("{day} ({name}) is counted") == {"{day}", "{name}"}
    assert placeholders("invalid choice: %(value)r (choose from %(choices)s)") == {"%(value)r", "%(choices)s"}
    assert placeholders("usage: ") == set()


def test_every_rulebook_string_is_in_the_catalog(fr_ids: set[str]) -> None:
    for regime in REGIMES:
        book = get_rulebook(regime)
        strings = [book.title, book.historic_note] if book.historic_note else [book.title]
        for rule in book.rules.values():
            strings += [rule.label, rule.citation]
            for version in rule.versions:
                strings += [version[k] for k in ("label", "citation") if k in version]
        missing = [s for s in strings if s not in fr_ids]
        assert not missing, f"{regime}: {missing}"


def test_every_closed_day_has_a_french_name(fr_ids: set[str]) -> None:
    for cid in calendar_ids():
        cal = get_calendar(cid)
        names = {c.name for c in cal.closure_list(cal.first, cal.last)}
        names |= {n.name for n in cal.notices.values()} | {n.policy for n in cal.notices.values()}
        names |= {e.name for e in cal.early_closes.values()} | {cal.name}
        assert not names - fr_ids, f"{cid}: {sorted(names - fr_ids)}"


def test_french_holiday_names() -> None:
    fr = Localizer("fr")
    xpar = get_calendar("XPAR")
    assert fr.text(xpar.closed_labels(date(2026, 4, 3))[0]) == "Vendredi saint"
    assert fr.text(xpar.closed_labels(date(2026, 4, 6))[0]) == "Lundi de Pâques"
    assert fr.text(xpar.closed_labels(date(2026, 12, 25))[0]) == "Noël"


# -- words and formats -------------------------------------------------------------------------
def test_ordinal_day_counts() -> None:
    en, fr = Localizer("en"), Localizer("fr")
    assert [en.text(Ordinal(n)) for n in (1, 2, 3, 4, 11, 12, 13, 20, 21, 22, 23)] == [
        "1st business day",
        "2nd business day",
        "3rd business day",
        "4th business day",
        "11th business day",
        "12th business day",
        "13th business day",
        "20th business day",
        "21st business day",
        "22nd business day",
        "23rd business day",
    ]
    assert fr.text(Ordinal(20)) == "20e jour ouvré"
    assert fr.text(Ordinal(1, "trading")) == "1er jour de négociation"
    assert fr.text(Ordinal(25, "trading")) == "25e jour de négociation"


def test_plurals_follow_each_language() -> None:
    msg = Plural("{n} weekend day not counted", "{n} weekend days not counted", 0)
    assert Localizer("en").text(msg) == "0 weekend days not counted"
    # French: 0 and 1 take the singular.
    assert "0 jour de week-end" in Localizer("fr").text(msg)


def test_instants_read_naturally_in_both_languages() -> None:
    """The issue's two examples: the seed's subsequent period ends 31 Oct 2002 at 17:00 UTC."""
    end = datetime(2002, 10, 31, 17, 0, tzinfo=UTC)
    assert Localizer("en").text(At(end, "America/New_York", "long")) == (
        "Thursday, October 31, 2002, 12:00 noon New York City time"
    )
    assert Localizer("fr").text(At(end, "Europe/Paris", "long")) == "jeudi 31 octobre 2002 à 18h00, heure de Paris"


def test_any_cldr_locale_formats_with_its_language_words() -> None:
    end = datetime(2002, 10, 31, 17, 0, tzinfo=UTC)
    assert Localizer("en_GB").text(At(end, "Europe/London", "long")) == "Thursday, 31 October 2002, 5.00 pm London time"
    assert Localizer("fr_CA").text(At(end, "America/Toronto", "long")) == (
        "jeudi 31 octobre 2002 à 12h00, heure de Toronto"
    )
    assert "heure de Zurich" in Localizer("fr_CH").text(At(end, "Europe/Zurich"))


def test_lists_and_nested_messages() -> None:
    fr = Localizer("fr")
    days = Items([date(2026, 4, 3), date(2026, 4, 6)], "list")
    assert fr.text(days) == "ven. 3 avr. 2026 et lun. 6 avr. 2026"
    nested = Msg("{path}: {detail}", path="deal.toml", detail=Msg("no such file"))
    assert fr.text(nested) == "deal.toml\u00a0: fichier introuvable"
    assert Localizer("en").text(Term("Good Friday")) == "Good Friday"


# -- language selection --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, Lang("fr", "fr_FR")),
        ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, Lang("fr", "fr_CA")),
        ({"LANG": "fr_CH.UTF-8"}, Lang("fr", "fr_CH")),
        ({"LANG": "de_DE.UTF-8"}, Lang("en", "en")),
        ({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, Lang("en", "en")),
        ({}, Lang("en", "en")),
    ],
)
def test_language_from_the_environment(env: dict[str, str], expected: Lang) -> None:
    assert langs_from_env(env) == [expected]


def test_lang_option_values() -> None:
    assert parse_langs("en,fr") == [Lang("en", "en"), Lang("fr", "fr")]
    assert parse_langs("fr_CA") == [Lang("fr", "fr_CA")]


@pytest.mark.parametrize("value", ["de", "en,en", "en,fr,en", "fr_XX_YY"])
def test_bad_lang_exits_2(capsys: pytest.CaptureFixture[str], value: str) -> None:
    assert main(["regimes", "--lang", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err


# -- end to end ----------------------------------------------------------------------------------
def test_schedule_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    """Done-when of the issue: "octobre 2002", 12h00 for New York and 18h00 for Paris, French labels."""
    assert main(["schedule", str(SEED), "--lang", "fr", "--today", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert "jeu. 31 oct. 2002" in out and "Dates clés" in out  # the key dates
    assert "12h00 New York = 18h00 Paris" in out
    assert "Règle" in out
    assert "Clôture" in out or "clôture" in out
    assert "Event" not in out


def test_schedule_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(SEED), "--lang", "en,fr", "--today", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert "Thu, Oct 31, 2002" in out and "jeu. 31 oct. 2002" in out
    assert "12:00 noon" in out and "12h00" in out and "18:00" in out and "18h00" in out


def test_errors_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "missing-deal.toml", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "fichier introuvable" in err


def test_help_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["schedule", "--help", "--lang", "fr"])
    out = capsys.readouterr().out
    assert out.startswith("usage") and "options" in out and "fichier" in out


@pytest.fixture
def no_catalogs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Catalogs looked for where there are none: reading one fails (none is read before it)."""
    import deadlines.i18n

    translations.cache_clear()
    monkeypatch.setattr(deadlines.i18n, "LOCALE_DIR", tmp_path)
    yield
    translations.cache_clear()


def test_a_catalog_is_read_only_when_a_word_is_asked(no_catalogs: None) -> None:
    french = Localizer("fr", cldr=False)
    assert french.text(date(2026, 5, 4)) == "2026-05-04"  # no word: no catalog
    with pytest.raises(FileNotFoundError):
        french.text(Term("Good Friday"))


def test_json_in_english_reads_no_catalog(no_catalogs: None, capsys: pytest.CaptureFixture[str]) -> None:
    scan = ["scan", "--regime", "us-14d", "--from", "2026-03-02", "--to", "2026-03-06", "--format", "json"]
    assert main([*scan, "--lang", "en"]) == 0
    assert "Good Friday" in capsys.readouterr().out


def test_french_from_lang_environment(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert main(["bizdays", "is", "-c", "XPAR", "2026-04-03"]) == 1
    assert "Vendredi saint" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["table", "html", "svg", "md"])
def test_deal_name_is_text_not_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    deal = tmp_path / "deal.toml"
    deal.write_text(text.replace('name = "Serono / Genset (2002)"', 'name = "Acme [/bold] [red]Corp [draft]"'))
    assert main(["schedule", str(deal), "--format", fmt, "--width", "120"]) == 0
    out = capsys.readouterr().out
    if fmt == "svg":  # text is split into positioned runs: no crash, the name is there
        assert "Acme" in out
        return
    unescaped = out.replace("&#91;", "[").replace("&#93;", "]").replace("\\[", "[").replace("\\]", "]")
    assert "Acme [/bold] [red]Corp [draft]" in unescaped


def test_rules_view_counts_amendment_periods_from_the_announcement(capsys: pytest.CaptureFixture[str]) -> None:
    """Rule 14e-1(b): open 10 business days from the date notice of the change is first published."""
    assert main(["rules", "us-14d", "--lang", "en", "--width", "200"]) == 0
    out = capsys.readouterr().out
    assert "10 business days from the announcement of the change" in out
    assert "5 business days from the announcement of the change" in out


@pytest.mark.parametrize("width", ["0", "-5", "abc", "39"])
def test_bad_width_exits_2(capsys: pytest.CaptureFixture[str], width: str) -> None:
    assert main(["rules", "--width", width, "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "largeur" in err


def test_ordinal_rules_match_cldr() -> None:
    """Our written-out ordinal rules agree with Babel's CLDR data for 0-250."""
    from babel import Locale

    from deadlines.text import english_ordinal_form

    en, fr = Locale.parse("en"), Locale.parse("fr")
    for n in range(251):
        assert english_ordinal_form(n) == en.ordinal_form(n), n
        assert ("one" if n == 1 else "other") == fr.ordinal_form(n), n


def test_french_dates_write_the_first_of_the_month_1er() -> None:
    """French writes "1er juin", not "1 juin", wherever a date has its month's name: the timetable's rows,
    its key dates, messages (CLDR leaves "1"); numeric dates and English dates are left as they are."""
    from deadlines.i18n.formats import format_date
    from deadlines.render.table import row_date

    fr, en = Localizer("fr"), Localizer("en")
    june_1 = date(2026, 6, 1)
    assert row_date(fr, june_1, one_year=True) == "lun. 1er juin"
    assert format_date(fr, june_1) == "lun. 1er juin 2026"
    assert format_date(fr, june_1, "long") == "lundi 1er juin 2026"
    assert format_date(fr, date(2026, 6, 11)) == "jeu. 11 juin 2026"  # 11 is not the first
    assert "1er" not in format_date(fr, june_1, "numeric")
    assert format_date(en, june_1) == "Mon, Jun 1, 2026"
    assert fr.text(Msg("{day}", day=june_1)) == "lun. 1er juin 2026"  # a date inside a message


def test_french_html_export_writes_1er(tmp_path: Path) -> None:
    """The HTML and Word exports write their dates on their own path: "1er juin 2026" there too."""
    out = tmp_path / "s.html"
    argv = ["--lang", "fr", "schedule", "--regime", "us-14d", "--commence", "2026-05-04"]
    assert main([*argv, "--format", "html", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "1er juin 2026" in text and ">1 juin 2026<" not in text
