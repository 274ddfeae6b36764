"""The tree stays tidy: ruff and mypy (configured in pyproject.toml) pass, catalogs of data load."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(), reason="ruff not installed"
)
def test_ruff_clean() -> None:
    result = _run("ruff", "check", "deadlines", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    pytest.importorskip("mypy")
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_rulebook_loads_and_cites_every_rule() -> None:
    from deadlines.rules import REGIMES, get_rulebook

    for regime in REGIMES:
        book = get_rulebook(regime)
        for rule in book.rules.values():
            assert rule.citation.strip(), f"{regime}.{rule.key} has no citation"
            assert rule.label.strip(), f"{regime}.{rule.key} needs a label (French: in the catalog, test_i18n)"
            assert rule.evidence in {"V", "V2", "K", "P"}, f"{regime}.{rule.key}: evidence {rule.evidence}"


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from deadlines.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rich', 'textual', 'pendulum', 'holidays', 'babel') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY=", result.stdout


def test_json_schedule_imports_no_table_machinery() -> None:
    """Scripts call `schedule --format json` in loops: no rich, no Babel date formats, no textual."""
    code = (
        "import sys, io, contextlib\n"
        "from deadlines.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['schedule', 'examples/serono-genset-2002.toml', '--format', 'json', '--lang', 'fr'])\n"
        "heavy = [m for m in ('rich', 'textual', 'babel.dates', 'pendulum', 'holidays') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY=", result.stdout + result.stderr


def test_benchmarks_md_keeps_its_sections() -> None:
    """benchmarks/run.py and benchmarks/app.py replace the text between these markers: each must be there
    once, and the page stays a page (a botched edit once repeated a paragraph thousands of times)."""
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    for marker in ("<!-- results: begin -->", "<!-- results: end -->", "<!-- app: begin -->", "<!-- app: end -->"):
        assert text.count(marker) == 1, marker
    assert text.startswith("# Benchmarks\n") and len(text) < 40_000
