"""Standard output and error as the command line uses them: whatever they are, no traceback.

- An encoding that cannot carry a character (``PYTHONIOENCODING=ascii``, a Latin-1 terminal) gets a
  plain equivalent instead of an error: the narrow no-break space and the no-break space French puts before
  its colons become spaces, typographic quotes and dashes their ASCII forms, and in pure ASCII an accented
  letter its base letter (``é`` -> ``e``); anything else becomes ``?``.
- A standard output that fails (``/dev/full``: no space left on device; closed: ``>&-``) is one line on
  standard error and exit status 2 (:class:`OutputError`); a closed pipe (``| head``) stays a quiet end.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any

from .errors import DeadlinesError, os_reason
from .text import N_

ERRORS = "deadlines-plain"

# Characters with a plain equivalent in ASCII that Unicode's compatibility decomposition does not give.
PLAIN = {
    "\u00a0": " ",  # no-break space (French before ':' and inside « »)
    "\u202f": " ",  # narrow no-break space (French before ';', '!', '?', CLDR's French times)
    "\u2009": " ",  # thin space
    "\u2007": " ",  # figure space
    "\u2018": "'",
    "\u2019": "'",  # apostrophe
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',  # «
    "\u00bb": '"',  # »
    "\u2039": "'",
    "\u203a": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\u2026": "...",
    "\u2022": "*",
    "\u00b7": ".",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00d7": "x",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00df": "ss",
}


def plain_equivalent(text: str) -> str:
    """``text`` in ASCII: each character's plain equivalent, its base letter, or ``?``.

    >>> plain_equivalent("Clôture\u202f: «\u00a0Société Générale\u00a0» – 12\u202f%")
    'Cloture : "Societe Generale" - 12 %'
    """
    out = []
    for ch in text.replace("\u00ab\u00a0", "\u00ab").replace("\u00a0\u00bb", "\u00bb"):  # « quoted » -> "quoted"
        if ch.isascii():
            out.append(ch)
        elif ch in PLAIN:
            out.append(PLAIN[ch])
        else:
            base = unicodedata.normalize("NFKD", ch)
            letters = "".join(c for c in base if c.isascii() and not unicodedata.combining(c))
            out.append(letters or "?")
    return "".join(out)


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    replacement = plain_equivalent(error.object[error.start : error.end])
    return replacement, error.end


codecs.register_error(ERRORS, _fallback)


def can_encode_all(stream: Any) -> bool:
    """Whether ``stream`` takes any character (a UTF encoding)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def plain_errors(stream: Any) -> None:
    """Let ``stream`` write what its encoding cannot carry as a plain equivalent."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and not can_encode_all(stream):
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors=ERRORS)


class OutputError(DeadlinesError):
    """Standard output cannot be written (full device, closed, I/O error)."""

    template = N_("cannot write to standard output: {reason}")


class _Guarded:
    """A stream whose failures (other than a closed pipe) are :class:`OutputError`; ``None`` (standard output
    closed at start) fails on the first write, so that a command with ``--output`` still works."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def _fail(self, error: OSError) -> OutputError:
        return OutputError(reason=os_reason(error))

    def write(self, data: Any) -> int:
        if self._target is None:
            raise self._fail(OSError(9, os.strerror(9)))
        try:
            return int(self._target.write(data))
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._fail(error) from None

    def flush(self) -> None:
        if self._target is None:
            return
        try:
            self._target.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._fail(error) from None

    def isatty(self) -> bool:
        return self._target is not None and bool(self._target.isatty())

    @property
    def encoding(self) -> str:
        return "utf-8" if self._target is None else str(getattr(self._target, "encoding", None) or "utf-8")

    @property
    def buffer(self) -> Any:
        target = getattr(self._target, "buffer", None) if self._target is not None else None
        return _Guarded(target) if target is not None or self._target is None else None

    def __getattr__(self, name: str) -> Any:
        if self._target is None:
            raise AttributeError(name)
        return getattr(self._target, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """Run a command with standard output and error as described in the module's docstring; standard output
    is flushed before the end, so that a failure is reported here and not at the interpreter's exit."""
    for stream in (sys.stdout, sys.stderr):
        plain_errors(stream)
    original = sys.stdout
    sys.stdout = _Guarded(original)
    try:
        try:
            yield
        except SystemExit:  # --help, --version: their text is output too
            sys.stdout.flush()
            raise
        sys.stdout.flush()
    except (OutputError, BrokenPipeError):
        _discard(original)
        raise
    finally:
        sys.stdout = original


def _discard(stream: Any) -> None:
    """Send what is still buffered for ``stream`` to the null device, so that the interpreter's own flush at
    exit does not fail again (and print a traceback of its own)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
