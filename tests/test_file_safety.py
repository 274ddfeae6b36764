"""Files are safe, no traceback ever, text from files is shown and never obeyed (issue 11).

The bad-input contract of ``test_bad_input`` holds for every case here: exit status 2, exactly one line on
standard error starting with the error prefix in the user's language, nothing on standard output, no file
written, any file that was there left byte for byte (and a link still a link). Each case carries its input,
its expected exit status and the words its message must have, written from what a user would expect, not
read from the code under test.

Cases that need a real process (the encoding of standard output, a full or closed standard output, a FIFO
that could block) run ``python -m deadlines`` in a subprocess with a timeout.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests.test_bad_input import KEEP, OFFER, PREFIX, SEED, expect_error, run, write_deal

TIMEOUT = 60  # seconds: a case that blocks fails instead of hanging the suite
US = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04"]
SCAN = ["scan", "--regime", "us-14d", "--from", "2026-01-01", "--to", "2026-03-31"]
MIB = 1024 * 1024


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def cli(
    *argv: str,
    env: dict[str, str] | None = None,
    stdout: int | None = subprocess.PIPE,
    close_stdout: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m deadlines`` in a subprocess (bytes out), with ``env`` added to the environment."""
    environ = {**os.environ, **(env or {})}
    environ.pop("NO_COLOR", None)
    repo = str(Path(__file__).resolve().parent.parent)
    environ["PYTHONPATH"] = repo + os.pathsep + environ.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "deadlines", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environ,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,  # closed: the point of those cases
    )


def listing(directory: Path) -> dict[str, bytes | str]:
    """Every entry of ``directory``: a regular file's bytes, where a link points, a directory's listing, the
    kind of anything else (a FIFO is never opened: reading it would block)."""
    out: dict[str, bytes | str] = {}
    for entry in sorted(directory.iterdir()):
        mode = entry.lstat().st_mode
        if stat.S_ISLNK(mode):
            out[entry.name] = "-> " + os.readlink(entry)
        elif stat.S_ISDIR(mode):
            out[entry.name] = "dir: " + ", ".join(sorted(p.name for p in entry.iterdir()))
        elif stat.S_ISREG(mode):
            out[entry.name] = entry.read_bytes()
        else:
            out[entry.name] = f"kind {stat.S_IFMT(mode):o}"
    return out


def one_error_line(err: bytes, lang: str = "en", encoding: str = "utf-8") -> str:
    text = err.decode(encoding)
    assert "Traceback" not in text, text
    assert text.count("\n") == 1 and text.endswith("\n"), text
    prefix = PREFIX[lang] if encoding != "ascii" else PREFIX[lang].replace("\u00a0", " ")
    assert text.startswith(prefix), text
    return text


# -- 1. deal files: regular UTF-8 files of at most 1 MiB, read without blocking ---------------------------


def _fifo(name: str) -> None:
    os.mkfifo(name)


def _socket(name: str) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(name)  # relative to the test's directory: short enough for AF_UNIX
    sock.close()  # the socket file stays


def _too_big(name: str) -> None:
    Path(name).write_bytes(b"# " + b"x" * MIB + b"\n")


def _nested(name: str) -> None:
    Path(name).write_text("a = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")


def _nested_tables(name: str) -> None:
    Path(name).write_text("a = " + "{b = " * 10_000 + "1" + "}" * 10_000 + "\n", encoding="utf-8")


def _directory(name: str) -> None:
    Path(name).mkdir()


DEAL_FILES = [
    # id, how the deal path is made, the words of the message (en, fr)
    pytest.param(_fifo, ("named pipe (FIFO)", "tube nommé"), id="fifo"),
    pytest.param(_socket, ("socket, not a regular file", "socket, pas un fichier ordinaire"), id="socket"),
    pytest.param(_directory, ("it is a directory", "répertoire"), id="directory"),
    pytest.param(_too_big, ("larger than 1 MiB", "1\u00a0Mio"), id="larger-than-1-MiB"),
    pytest.param(_nested, ("nested too deeply", "imbriqués trop profondément"), id="nested-arrays-10000-deep"),
    pytest.param(_nested_tables, ("nested too deeply", "imbriqués trop profondément"), id="nested-tables-10000-deep"),
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("command", ["schedule", "tui"])
@pytest.mark.parametrize("make, words", DEAL_FILES)
def test_a_deal_file_that_is_not_a_small_regular_file_is_refused(
    tmp_path: Path, make: Callable[[str], None], words: tuple[str, str], command: str, lang: str
) -> None:
    make("deal.toml")
    before = listing(tmp_path)
    done = cli(command, "deal.toml", "--lang", lang)  # a subprocess: a FIFO that blocked would time out
    assert done.returncode == 2, done
    assert done.stdout == b""
    line = one_error_line(done.stderr, lang)
    assert "deal.toml" in line and words[lang == "fr"] in line, line
    assert listing(tmp_path) == before


@pytest.mark.parametrize(
    "device, words",
    [
        pytest.param("/dev/zero", "device, not a regular file", id="dev-zero"),
        pytest.param("/dev/null", "device, not a regular file", id="dev-null"),
        pytest.param("/dev/full", "device, not a regular file", id="dev-full"),
    ],
)
def test_a_device_is_not_read_as_a_deal(capsys: pytest.CaptureFixture[str], device: str, words: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    expect_error(capsys, ["schedule", device], device, words)


def test_a_device_is_not_read_as_a_deal_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    expect_error(capsys, ["schedule", "/dev/zero"], "/dev/zero", "périphérique", lang="fr")


def test_a_deal_file_of_just_under_1_mib_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [*OFFER, "# " + "x" * (MIB - 200)]
    write_deal(rows)
    assert Path("deal.toml").stat().st_size <= MIB
    code, out, err = run(capsys, "schedule", "deal.toml", "--format", "json")
    assert (code, err) == (0, ""), err
    assert json.loads(out)["events"]


def test_a_link_to_a_deal_file_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    Path("link.toml").symlink_to(SEED)
    code, out, err = run(capsys, "schedule", "link.toml", "--format", "json")
    assert (code, err) == (0, ""), err
    assert json.loads(out)["deal"] == "Serono / Genset (2002)"


# -- 2. --output: what it may write, and what --force may replace --------------------------------------


def _keep(name: str) -> None:
    Path(name).write_bytes(KEEP)


def _deal_copy(name: str) -> None:
    Path(name).write_bytes(Path(SEED).read_bytes())


OUTPUTS = [
    # id: set-up (in the test's directory: deal.toml is a copy of the seed, kept.bin an earlier export),
    # --output value, whether --force is given, the words of the message
    pytest.param([], "deal.toml", True, "it is the deal file", id="the-deal-file"),
    pytest.param([], "./deal.toml", True, "it is the deal file", id="the-deal-file-by-another-path"),
    pytest.param(["link"], "link.toml", True, "it is the deal file", id="a-link-to-the-deal-file"),
    pytest.param(["hardlink"], "hard.toml", True, "it is the deal file", id="a-hard-link-to-the-deal-file"),
    pytest.param(["fifo"], "pipe", True, "named pipe (FIFO)", id="fifo-with-force"),
    pytest.param(["fifo"], "pipe", False, "named pipe (FIFO)", id="fifo"),
    pytest.param(["socket"], "sock", True, "socket", id="socket-with-force"),
    pytest.param(["dir"], "out", True, "it is a directory", id="directory-with-force"),
    pytest.param(["dirlink"], "dirlink", True, "it is a directory", id="link-to-a-directory-with-force"),
    pytest.param(["devlink"], "devlink", True, "device", id="link-to-dev-null-with-force"),
    pytest.param([], "newdir/", False, "cannot end with '/'", id="trailing-slash"),
    pytest.param([], "newdir/", True, "cannot end with '/'", id="trailing-slash-with-force"),
    pytest.param(["dir"], "out/", True, "it is a directory", id="existing-directory-with-slash"),
    pytest.param(["kept"], "kept.bin/", True, "not a directory", id="a-file-as-a-directory"),
    pytest.param([], "n" * 300, False, "file name too long", id="name-of-300-characters"),
    pytest.param([], "n" * 300, True, "file name too long", id="name-of-300-characters-with-force"),
    pytest.param([], "missing/out.csv", True, "does not exist", id="missing-directory-with-force"),
    pytest.param(["kept"], "kept.bin", False, "add --force", id="existing-file"),
]


def _directory_with(name: str, entry: str) -> None:
    """A directory ``name``; for ``dirlink``, a link to it, else a file ``entry`` inside it."""
    Path(name).mkdir()
    if entry == "dirlink":
        Path(entry).symlink_to(name)
    else:
        _keep(f"{name}/{entry}")


SETUPS: dict[str, Callable[[], None]] = {
    "link": lambda: Path("link.toml").symlink_to("deal.toml"),
    "hardlink": lambda: os.link("deal.toml", "hard.toml"),
    "fifo": lambda: _fifo("pipe"),
    "socket": lambda: _socket("sock"),
    "dir": lambda: _directory_with("out", "inside"),
    "dirlink": lambda: _directory_with("adir", "dirlink"),
    "devlink": lambda: Path("devlink").symlink_to(os.devnull),
    "kept": lambda: _keep("kept.bin"),
}

COMMANDS = {
    "schedule-csv": ["schedule", "deal.toml", "--format", "csv"],
    "schedule-table": ["schedule", "deal.toml"],
    "scan-csv": [*SCAN, "--format", "csv"],
    "calendar-json": ["calendar", "XPAR", "--year", "2026", "--format", "json"],
    "rules": ["rules", "us-14d"],
}


@pytest.mark.parametrize("command", ["schedule-csv", "schedule-table", "scan-csv", "calendar-json", "rules"])
@pytest.mark.parametrize("setup, output, force, words", OUTPUTS)
def test_output_refuses(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    setup: Sequence[str],
    output: str,
    force: bool,
    words: str,
    command: str,
) -> None:
    _deal_copy("deal.toml")
    for name in setup:
        SETUPS[name]()
    if "deal file" in words and not command.startswith("schedule"):
        pytest.skip("only schedule reads a deal file")
    before = listing(tmp_path)
    argv = [*COMMANDS[command], "--output", output, *(["--force"] if force else [])]
    expect_error(capsys, argv, words)
    assert listing(tmp_path) == before  # nothing created, nothing replaced, no temporary file left


@pytest.mark.parametrize(
    "setup, output, words",
    [
        pytest.param([], "deal.toml", "c’est le fichier d’opération", id="the-deal-file"),
        pytest.param(["fifo"], "pipe", "tube nommé", id="fifo"),
        pytest.param([], "newdir/", "ne peut pas se terminer par «\u00a0/\u00a0»", id="trailing-slash"),
        pytest.param([], "n" * 300, "nom de fichier trop long", id="name-of-300-characters"),
    ],
)
def test_output_refuses_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, setup: Sequence[str], output: str, words: str
) -> None:
    _deal_copy("deal.toml")
    for name in setup:
        SETUPS[name]()
    before = listing(tmp_path)
    expect_error(capsys, ["schedule", "deal.toml", "--format", "ics", "-o", output, "--force"], words, lang="fr")
    assert listing(tmp_path) == before


def test_output_never_creates_a_file_under_dev(capsys: pytest.CaptureFixture[str]) -> None:
    name = f"/dev/deadlines-test-{os.getpid()}.csv"
    try:
        expect_error(capsys, ["schedule", SEED, "--format", "csv", "-o", name, "--force"], name, "/dev")
        assert not os.path.lexists(name)
    finally:
        if os.path.lexists(name):
            os.unlink(name)


def _exported(capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    code, out, err = run(capsys, "schedule", SEED, "--format", "csv", *extra)
    assert (code, out, err) == (0, "", ""), err


def test_force_replaces_a_regular_file_and_keeps_its_mode(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _keep("out.csv")
    os.chmod("out.csv", 0o640)
    _exported(capsys, "-o", "out.csv", "--force")
    assert Path("out.csv").read_bytes().startswith(b"id,regime,")
    assert (os.stat("out.csv").st_mode & 0o777) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["out.csv"]  # no temporary file left


@pytest.mark.parametrize("dangling", [False, True], ids=["link-to-a-file", "dangling-link"])
def test_force_replaces_a_link_itself_not_its_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dangling: bool
) -> None:
    Path("elsewhere").mkdir()
    if not dangling:
        _keep("elsewhere/target.csv")
    Path("out.csv").symlink_to("elsewhere/target.csv")
    _exported(capsys, "-o", "out.csv", "--force")
    assert not Path("out.csv").is_symlink()
    assert Path("out.csv").read_bytes().startswith(b"id,regime,")
    if dangling:
        assert os.listdir("elsewhere") == []  # the link's target was not created
    else:
        assert Path("elsewhere/target.csv").read_bytes() == KEEP
    assert sorted(os.listdir(tmp_path)) == ["elsewhere", "out.csv"]


@pytest.mark.parametrize("size", [250, 255])
def test_a_long_valid_file_name_can_be_written(capsys: pytest.CaptureFixture[str], tmp_path: Path, size: int) -> None:
    name = "x" * (size - 4) + ".csv"
    _exported(capsys, "-o", name)
    assert sorted(os.listdir(tmp_path)) == [name]
    _exported(capsys, "-o", name, "--force")  # replacing it uses a temporary name too
    assert sorted(os.listdir(tmp_path)) == [name]


def test_a_long_file_name_in_bytes_is_refused_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    name = "é" * 200 + ".csv"  # 204 characters, 404 bytes in UTF-8
    expect_error(capsys, ["schedule", SEED, "--format", "csv", "-o", name], "file name too long")
    assert listing(tmp_path) == {}


# -- 3. no traceback: each cause is a one-line error -----------------------------------------------------

ZONE_250 = "A/" * 250
ZONE_LONG = "Europe/" + "P" * 300

NO_TRACEBACK = [
    # id, command line, the words of the message
    pytest.param([*US, "--expire", "2026-06-19 12:00", "--zone", ZONE_250], "unknown time zone", id="zone-250-parts"),
    pytest.param([*US, "--expire", "2026-06-19 12:00", "--zone", ZONE_LONG], "unknown time zone", id="zone-too-long"),
    pytest.param([*US, "--show", ZONE_250], "unknown time zone", id="show-250-parts"),
    pytest.param([*US, "--show", ZONE_LONG], "unknown time zone", id="show-too-long"),
    pytest.param([*US, "--show", "Europe/../../etc/passwd"], "unknown time zone", id="show-path"),
    pytest.param([*SCAN, "--time", "12:00", "--zone", ZONE_250], "unknown time zone", id="scan-zone-250-parts"),
    pytest.param(
        ["calendar", "XNYS", "--year", "99999999999999999999"], "99999999999999999999", id="calendar-year-overflow"
    ),
    pytest.param(
        ["calendar", "XNYS", "--month", "99999999999999999999-01"], "99999999999999999999-01", id="month-overflow"
    ),
    pytest.param(["calendar", "XNYS", "--month", "2026-99999999999999999999"], "2026-9999", id="month-number-overflow"),
    pytest.param(["schedule", SEED, "--width", "1000000000"], "40 to 1000", id="width-a-billion"),
    pytest.param(["schedule", SEED, "--width", "1001"], "40 to 1000", id="width-1001"),
    pytest.param(["schedule", SEED, "--width", "39"], "40 to 1000", id="width-39"),
    pytest.param(["schedule", SEED, "--width", "0"], "40 to 1000", id="width-0"),
    pytest.param(["schedule", SEED, "--width", "-5"], "40 to 1000", id="width-negative"),
    pytest.param(["schedule", SEED, "--width", "\uff18\uff10"], "40 to 1000", id="width-fullwidth-digits"),
    pytest.param([*SCAN, "--width", "1000000000"], "40 to 1000", id="scan-width-a-billion"),
    pytest.param(["rules", "--width", "1000000000"], "40 to 1000", id="rules-width-a-billion"),
]


@pytest.mark.parametrize("argv, words", NO_TRACEBACK)
def test_no_traceback(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    expect_error(capsys, argv, words)


@pytest.mark.parametrize(
    "argv, words",
    [
        pytest.param([*US, "--show", ZONE_250], "fuseau horaire inconnu", id="show-250-parts"),
        pytest.param(["calendar", "XNYS", "--year", "99999999999999999999"], "année invalide", id="year-overflow"),
        pytest.param(["schedule", SEED, "--width", "1000000000"], "de 40 à 1000", id="width-a-billion"),
    ],
)
def test_no_traceback_in_french(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    expect_error(capsys, argv, words, lang="fr")


@pytest.mark.parametrize(
    "rows, row",
    [
        pytest.param([*OFFER, "", "[expiry]", 'time = "12:00"', f'zone = "{ZONE_250}"'], "zone", id="expiry-zone"),
        pytest.param([*OFFER, "", "[expiry]", 'time = "12:00"', f'zone = "{ZONE_LONG}"'], "zone", id="zone-too-long"),
        pytest.param([f'show = ["{ZONE_250}"]', *OFFER], "show", id="show"),
    ],
)
def test_a_bad_zone_in_a_deal_file_is_one_line(capsys: pytest.CaptureFixture[str], rows: list[str], row: str) -> None:
    expect_error(capsys, ["schedule", write_deal(rows)], "deal.toml", "unknown time zone")


@pytest.mark.parametrize(
    "columns, width",
    [
        pytest.param("0", 80, id="zero"),
        pytest.param("abc", 80, id="not-a-number"),
        pytest.param("-5", 80, id="negative"),
        pytest.param("10", 80, id="too-narrow"),
        pytest.param("1000000000", 80, id="too-wide"),
        pytest.param("", 80, id="empty"),
        pytest.param("100", 100, id="reasonable"),
    ],
)
def test_an_unreasonable_columns_is_ignored(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    """COLUMNS outside 40..1000 is ignored, as if unset: the table takes 80 columns when the output is not a
    terminal; never an empty table."""
    monkeypatch.setenv("COLUMNS", columns)
    # --detail: the table that takes the whole width (the default one-line table may need less)
    code, out, err = run(capsys, "schedule", SEED, "--lang", "en", "--detail")
    assert (code, err) == (0, ""), err
    assert "Serono / Genset (2002)" in out
    assert max(len(line) for line in out.splitlines()) == width


# -- standard output that cannot take everything: a real process ----------------------------------------

ENCODINGS = [
    # id, PYTHONIOENCODING, command, words that must be there (in that encoding), characters that must not
    pytest.param(
        "ascii",
        ["schedule", SEED, "--lang", "fr"],
        ["Evenement", "Dates cles", "mar. 16 juil.", "----"],
        id="ascii-fr-table",
    ),
    pytest.param("ascii", ["schedule", SEED, "--lang", "en,fr"], ["Evenement", "Event"], id="ascii-both-table"),
    pytest.param("ascii", ["calendar", "XPAR", "--year", "2026", "--lang", "fr"], ["Lundi de Paques"], id="ascii-cal"),
    pytest.param("ascii", ["rules", "fr-amf", "--lang", "fr"], ["RG AMF"], id="ascii-rules"),
    pytest.param("ascii", ["regimes", "--lang", "fr"], ["fr-amf"], id="ascii-regimes"),
    pytest.param("ascii", [*SCAN, "--lang", "fr"], ["lancement"], id="ascii-scan"),
    pytest.param(
        "ascii",
        ["bizdays", "explain", "--calendar", "XPAR", "2026-04-01", "2026-04-10", "--lang", "fr"],
        ["Lundi de Paques"],
        id="ascii-bizdays",
    ),
    pytest.param("ascii", ["schedule", "--help", "--lang", "fr"], ["par defaut"], id="ascii-help"),
    pytest.param(
        "latin-1", ["schedule", SEED, "--lang", "fr"], ["Événement", "Dates clés", "New York"], id="latin-1-fr"
    ),
]


@pytest.mark.parametrize("encoding, argv, words", ENCODINGS)
def test_an_output_encoding_without_every_character_gets_plain_text(
    encoding: str, argv: list[str], words: list[str]
) -> None:
    done = cli(*argv, env={"PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stderr == b""
    text = done.stdout.decode(encoding)  # strict: every byte is in the encoding
    for word in words:
        assert word in text, (word, text[:2000])
    assert "\u202f" not in text  # not in Latin-1 either (its no-break space U+00A0 is)


def test_bizdays_json_on_an_ascii_output_keeps_the_data() -> None:
    argv = ["bizdays", "list", "--calendar", "XPAR", "2026-04-01", "2026-04-10", "--format", "json", "--lang", "fr"]
    wide = cli(*argv)
    narrow = cli(*argv, env={"PYTHONIOENCODING": "ascii"})
    assert wide.returncode == narrow.returncode == 0, narrow.stderr
    narrow.stdout.decode("ascii")
    assert json.loads(narrow.stdout) == json.loads(wide.stdout)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_error_in_french_on_a_narrow_output_is_one_plain_line(encoding: str) -> None:
    done = cli("schedule", "missing.toml", "--lang", "fr", env={"PYTHONIOENCODING": encoding})
    assert done.returncode == 2 and done.stdout == b""
    line = one_error_line(done.stderr, "fr", encoding)
    assert "missing.toml" in line and "fichier introuvable" in line, line


OUTPUT_COMMANDS = [
    pytest.param(["schedule", SEED], id="schedule-table"),
    pytest.param(["schedule", SEED, "--format", "json"], id="schedule-json"),
    pytest.param(["schedule", SEED, "--format", "ics"], id="schedule-ics"),
    pytest.param([*SCAN, "--format", "csv"], id="scan-csv"),
    pytest.param(SCAN, id="scan-table"),
    pytest.param(["calendar", "XPAR", "--year", "2026"], id="calendar"),
    pytest.param(["rules", "us-14d", "--format", "json"], id="rules-json"),
    pytest.param(["regimes"], id="regimes"),
    pytest.param(["bizdays", "count", "--calendar", "XNYS", "2026-01-01", "2026-12-31"], id="bizdays"),
    pytest.param(["schedule", "--help"], id="help"),
    pytest.param(["--version"], id="version"),
]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("argv", OUTPUT_COMMANDS)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_standard_output_is_one_line(argv: list[str], lang: str) -> None:
    with open("/dev/full", "wb") as full:
        done = cli(*argv, "--lang", lang, stdout=full.fileno())
    assert done.returncode == 2, done.stderr
    line = one_error_line(done.stderr, lang)
    words = ("standard output", "no space left") if lang == "en" else ("sortie standard", "plus d’espace")
    assert all(word in line for word in words), line


@pytest.mark.parametrize("argv", OUTPUT_COMMANDS)
def test_a_closed_standard_output_is_one_line(argv: list[str]) -> None:
    done = cli(*argv, stdout=None, close_stdout=True)
    assert done.returncode == 2, done.stderr
    line = one_error_line(done.stderr)
    assert "standard output" in line and "closed" in line, line


def test_a_closed_standard_output_does_not_matter_with_output(tmp_path: Path) -> None:
    done = cli("schedule", SEED, "--format", "json", "-o", "out.json", stdout=None, close_stdout=True)
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(Path("out.json").read_text(encoding="utf-8"))["events"]


@pytest.mark.parametrize("argv", OUTPUT_COMMANDS[:5])
def test_a_closed_pipe_ends_quietly(argv: list[str]) -> None:
    environ = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen(
        [sys.executable, "-m", "deadlines", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(TIMEOUT) == 0
    assert err == b""


# -- 4. text from files is shown, never obeyed ----------------------------------------------------------

ESC = "\x1b"
HOSTILE = [
    # id, TOML rows, what must be seen instead
    pytest.param(['name = "Acme\\u001b]0;pwned\\u0007"', *OFFER], "Acme\\x1b]0;pwned\\x07", id="osc-in-name"),
    pytest.param(['name = "Acme\\u001b[2J"', *OFFER], "Acme\\x1b[2J", id="csi-in-name"),
    pytest.param(['name = "Acme \\u202eevil"', *OFFER], "Acme \\u202eevil", id="bidi-override-in-name"),
    pytest.param(['name = "Acme\\u009b31m"', *OFFER], "Acme\\x9b31m", id="c1-csi-in-name"),
    pytest.param(['notes = ["one\\ntwo\\u001b[2J"]', *OFFER], "one two\\x1b[2J", id="newline-and-csi-in-note"),
    pytest.param(['notes = ["a\\tb"]', *OFFER], "a b", id="tab-in-note"),
    pytest.param(
        [*OFFER, "", "[[relief]]", 'regime = "us-14d"', 'rules = ["extension-notice"]', 'citation = "SEC\\u001b[5m"'],
        "SEC\\x1b[5m",
        id="csi-in-relief-citation",
    ),
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("rows, seen", HOSTILE)
def test_text_from_a_deal_file_reaches_the_table_harmlessly(
    capsys: pytest.CaptureFixture[str], rows: list[str], seen: str, lang: str
) -> None:
    write_deal(rows)
    outs = []
    for view in ([], ["--detail"]):  # the relief's citation is in the detailed view's notes
        code, out, err = run(capsys, "schedule", "deal.toml", "--width", "200", "--lang", lang, *view)
        assert code in (0, 1) and err == "", err
        for bad in (ESC, "\x07", "\x9b", "\u202e"):
            assert bad not in out, (bad, out)
        outs.append(out)
    assert seen in outs[1], outs[1]


@pytest.mark.parametrize("fmt", ["md", "html", "svg", "txt"])
def test_text_from_a_deal_file_reaches_exports_harmlessly(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    write_deal(['name = "Acme\\u001b]0;pwned\\u0007 \\u202e"', 'notes = ["x\\u001b[2J"]', *OFFER])
    code = "table" if fmt == "txt" else fmt
    expected = run(capsys, "schedule", "deal.toml", "--format", code, "-o", f"out.{fmt}")
    assert expected[0] == 0, expected
    text = Path(f"out.{fmt}").read_text(encoding="utf-8")
    for bad in (ESC, "\x07", "\u202e"):
        assert bad not in text, (bad, fmt)


def test_json_keeps_the_deal_name_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON is data: the name comes back exactly (JSON escapes the control characters itself)."""
    write_deal(['name = "Acme\\u001b]0;pwned\\u0007"', *OFFER])
    code, out, err = run(capsys, "schedule", "deal.toml", "--format", "json")
    assert (code, err) == (0, "")
    assert ESC not in out
    assert json.loads(out)["deal"] == "Acme\x1b]0;pwned\x07"


ECHOED = [
    # id, command line or deal rows, what the one-line error must show
    pytest.param([*OFFER[:1], 'regime = "\\u001b[2J"', OFFER[2]], "'\\x1b[2J'", id="regime-in-deal-file"),
    pytest.param([*OFFER, '"k\\u001b[2J\\nx" = 1'], "\\x1b[2J x", id="unknown-key"),
    pytest.param([*OFFER, "", "[expiry]", 'zone = "Europe/\\u001b[2J"'], "Europe/\\x1b[2J", id="zone-in-deal-file"),
    pytest.param(["schedule", "--regime", "\x1b[2J\nx", "--commence", "2026-05-04"], "'\\x1b[2J x'", id="regime"),
    pytest.param(["schedule", "deal\x1b[2J\n.toml"], "deal\\x1b[2J .toml", id="deal-path"),
    pytest.param(["calendar", "X\x1b]0;t\x07"], "X\\x1b]0;t\\x07", id="calendar-id"),
    pytest.param(["schedule", SEED, "--format", "csv", "-o", "new\x1b[2J/"], "new\\x1b[2J/", id="output-name"),
    pytest.param(["schedule", SEED, "--lang", "fr\u202e"], "fr\\u202e", id="lang"),
]


@pytest.mark.parametrize("case, seen", ECHOED)
def test_a_value_echoed_in_an_error_is_harmless_and_one_line(
    capsys: pytest.CaptureFixture[str], case: list[str], seen: str
) -> None:
    argv = case if case[0] in ("schedule", "calendar") else ["schedule", write_deal(case)]
    err = expect_error(capsys, argv, seen)
    for bad in (ESC, "\x07", "\u202e"):
        assert bad not in err, (bad, err)
