"""Maintainer commands for the translation catalogs, with the settings in ``setup.cfg``.

    python -m deadlines.i18n.catalogs update    # pybabel extract + update + compile
    python -m deadlines.i18n.catalogs check     # what the test suite checks, as a report

The catalog (``deadlines/locale/fr/LC_MESSAGES/deadlines.po``) and its compiled ``.mo`` are committed:
``check`` fails on an untranslated, fuzzy or obsolete entry, a placeholder that differs between the
English and the translation, a message in the code that the catalog lacks, and a ``.mo`` that is not
the compilation of its ``.po``. Run from a source checkout (it needs ``setup.cfg``).
"""

from __future__ import annotations

import configparser
import io
import re
import string
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import DOMAIN, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
_PERCENT = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?[sdrifxX%]")


def _settings(section: str, root: Path = ROOT) -> dict[str, str]:
    parser = configparser.ConfigParser()
    parser.read(root / "setup.cfg", encoding="utf-8")
    return dict(parser[section])


def _pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def extract(output: Path, root: Path = ROOT) -> None:
    """``pybabel extract`` with setup.cfg's keywords and pyproject.toml's mapping."""
    cfg = _settings("extract_messages", root)
    args = ["extract", "-F", str(root / cfg["mapping_file"]), "-o", str(output), "--no-location"]
    for keyword in cfg["keywords"].split():
        args += ["-k", keyword]
    args += ["--add-comments", cfg["add_comments"], "--project", cfg["project"], "-w", cfg["width"]]
    args += ["--sort-output", str(root / cfg["input_paths"])]
    _pybabel(*args)


def update(root: Path = ROOT) -> None:
    """Extract, merge into every catalog (new entries arrive untranslated), compile."""
    cfg = _settings("update_catalog", root)
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / f"{DOMAIN}.pot"
        extract(pot, root)
        for lang in TRANSLATED:
            po = root / cfg["output_dir"] / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
            command = "update" if po.exists() else "init"
            args = [command, "-i", str(pot), "-d", str(root / cfg["output_dir"]), "-D", DOMAIN, "-l", lang]
            args += ["-w", _settings("extract_messages", root)["width"]]
            if command == "update":
                args += ["--no-fuzzy-matching", "--ignore-pot-creation-date"]
                if cfg.get("ignore_obsolete", "false") == "true":
                    args.append("--ignore-obsolete")
            _pybabel(*args)
    compile_all(root)


def compile_all(root: Path = ROOT) -> None:
    cfg = _settings("compile_catalog", root)
    _pybabel("compile", "-d", str(root / cfg["directory"]), "-D", DOMAIN)


def placeholders(text: str) -> set[str]:
    """``{name}`` fields and ``%(name)s`` / ``%s`` conversions of a template."""
    fields = {f"{{{name}}}" for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return fields | {m.group(0) for m in _PERCENT.finditer(text) if m.group(0) != "%%"}


def problems(root: Path = ROOT) -> list[str]:
    """Everything wrong with the catalogs, one line each (empty when they are in step)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        pot_path = Path(tmp) / f"{DOMAIN}.pot"
        extract(pot_path, root)
        with pot_path.open("rb") as f:
            pot = read_po(f)
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in pot if m.id}
    locale_dir = root / _settings("update_catalog", root)["output_dir"]
    for lang in TRANSLATED:
        po_path = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po_path.exists():
            out.append(f"{lang}: no catalog at {po_path}")
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        have = set()
        for message in catalog:
            if not message.id:
                continue
            ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
            strs = (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
            have.add((message.context, ids[0]))
            where = f"{lang}: {ids[0]!r}"
            if message.fuzzy:
                out.append(f"{where} is fuzzy")
            if not all(strs):
                out.append(f"{where} is untranslated")
                continue
            for i, text in enumerate(strs):
                source = ids[min(i, len(ids) - 1)]
                # A plural form may leave out {n} ("one day"), never add or rename a field.
                extra = placeholders(text) - placeholders(ids[0]) - placeholders(ids[-1])
                missing = placeholders(source) - placeholders(text) - ({"{n}"} if len(strs) > 1 else set())
                if extra or missing:
                    out.append(f"{where}: placeholders differ ({sorted(missing)} missing, {sorted(extra)} extra)")
        out += [f"{lang}: {msgid!r} is in the code but not in the catalog" for _, msgid in sorted(wanted - have)]
        out += [f"{lang}: {msgid!r} is obsolete (no longer in the code)" for _, msgid in sorted(have - wanted, key=str)]
        out += [f"{lang}: {m.id!r} is obsolete (#~ entry)" for m in catalog.obsolete.values()]
        for message, errors in catalog.check():
            out += [f"{lang}: {message.id!r}: {error}" for error in errors]
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.read_bytes() != compiled.getvalue():
            out.append(f"{lang}: {mo_path.name} is not the compilation of {po_path.name} (run update)")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    command = (list(argv) if argv is not None else sys.argv[1:]) or ["check"]
    if command[0] == "update":
        update()
    elif command[0] == "compile":
        compile_all()
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
