"""Languages: which one the user asked for, the words (gettext catalogs) and the formats (CLDR).

Words come from the compiled catalogs in ``deadlines/locale`` (English is the source language: its
catalog is the identity), each read the first time a word is asked of it. Formats come from CLDR, for any
CLDR locale: ``fr`` words with ``fr_CA`` dates, ``en`` words with ``en_GB`` dates. The plain locales ``en``
and ``fr`` are formatted from a snapshot of Babel's CLDR data (:mod:`deadlines.i18n.cldr`), the others
through Babel, imported only then: JSON output, error messages and a table in English or French start fast.

Language selection: ``--lang en|fr|en,fr|fr_CH...`` on the command line, else ``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``; English when none names a language we have words for.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache, cached_property
from typing import Any, NamedTuple

from ..errors import InputError
from ..text import (
    ENGLISH,
    SEPARATORS,
    Items,
    Msg,
    Ordinal,
    Term,
    Translations,
    english_ordinal_form,
    plain,
    terminal_safe,
)

LANGUAGES = ("en", "fr")
DOMAIN = "deadlines"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "locale")


class Lang(NamedTuple):
    """A language for the words (``en`` or ``fr``) and a CLDR locale for the formats (``fr_CA``)."""

    words: str
    locale: str

    @classmethod
    def parse(cls, text: str) -> Lang:
        code = text.strip().replace("-", "_")
        words = code.split("_")[0].lower()
        if words not in LANGUAGES or not code:
            raise InputError("unknown language '{value}': use en, fr or both (en,fr)", value=text)
        if code.lower() == words:
            return cls(words, words)
        from .cldr import SAME_AS

        known = {locale.lower(): locale for locale in SAME_AS}.get(code.lower())
        if known is not None:  # en_US, fr_FR: from the snapshot, without Babel
            return cls(words, known)
        try:
            from babel import Locale, UnknownLocaleError

            locale = str(Locale.parse(code))
        except (ValueError, UnknownLocaleError):
            raise InputError("unknown locale '{value}' (e.g. en_GB, fr_CA, fr_CH)", value=text) from None
        return cls(words, locale)


def parse_langs(spec: str) -> list[Lang]:
    """``"en,fr"`` -> both languages, in that order (the bilingual table)."""
    langs = [Lang.parse(part) for part in spec.split(",")]
    if len(langs) > 2 or len({lang.words for lang in langs}) != len(langs):
        raise InputError("--lang takes one language or two different ones, e.g. en,fr")
    return langs


def langs_from_env(environ: Mapping[str, str] | None = None) -> list[Lang]:
    """The language of ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` (POSIX precedence), else English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        code = value.split(".")[0].split("@")[0]
        words = code.split("_")[0].lower()
        if words in LANGUAGES:
            locale = code if "_" in code else words
            try:
                return [Lang.parse(locale)]
            except InputError:
                return [Lang(words, words)]
        return [Lang("en", "en")]  # the first variable set decides, even for a language we lack
    return [Lang("en", "en")]


@cache
def translations(words: str) -> Translations:
    """The compiled catalog for ``words`` (English: the identity)."""
    if words == "en":
        return ENGLISH
    from gettext import GNUTranslations

    # Our own catalog, where we put it: gettext.translation() would look for variants (fr_FR.UTF-8...).
    with open(os.path.join(LOCALE_DIR, words, "LC_MESSAGES", f"{DOMAIN}.mo"), "rb") as mo:
        return GNUTranslations(mo)


class Localizer:
    """Renders messages in one language.

    With ``cldr=False`` values keep their neutral form (ISO dates), as in JSON output and error
    messages; with ``cldr=True`` dates, times, zones, lists and ordinals follow the CLDR locale.
    ``clock`` ("12" or "24", from ``--clock``) writes every zone's times on that clock; by default each
    zone's times read as its offer documents write them (see :mod:`deadlines.i18n.formats`).
    """

    def __init__(self, lang: Lang | str = "en", *, cldr: bool = True, clock: str | None = None) -> None:
        self.lang = Lang.parse(lang) if isinstance(lang, str) else lang
        self.cldr = cldr
        if clock not in (None, "12", "24"):
            raise InputError("unknown clock '{value}': use 12 or 24", value=clock)
        self.clock = clock

    @cached_property
    def tr(self) -> Translations:
        """The catalog of the words' language, read when a first word is asked (JSON in English reads none)."""
        return translations(self.lang.words)

    # -- words -----------------------------------------------------------------------------------
    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.tr.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.tr.pgettext(context, message)

    def text(self, value: Any) -> str:
        """Any message value in this language: a Msg, a Term, a date, a list..."""
        if isinstance(value, Msg):
            return value.render(self.tr, self.text)
        if isinstance(value, Term):
            return self.tr.pgettext(value.context, value.msgid) if value.context else self.tr.gettext(value.msgid)
        if isinstance(value, Ordinal):
            return self.ordinal(value)
        if isinstance(value, Items):
            return self.items(value)
        if isinstance(value, str):  # a value from a file or the command line: shown, never obeyed
            return terminal_safe(value)
        if self.cldr:
            from .formats import format_value

            return format_value(self, value)
        return plain(value)

    def ordinal(self, value: Ordinal) -> str:
        from ..text import ORDINAL_TEMPLATES

        # CLDR's ordinal rules for our two languages (stable since CLDR 24; French: 1 is "one", all else
        # "other"), written out so that JSON output needs no Babel.
        form = english_ordinal_form(value.n) if self.lang.words == "en" else ("one" if value.n == 1 else "other")
        return self._(ORDINAL_TEMPLATES[value.unit].get(form, ORDINAL_TEMPLATES[value.unit]["other"])).format(n=value.n)

    def items(self, value: Items) -> str:
        texts = [self.text(i) for i in value.items]
        if value.style == "list" and self.cldr and len(texts) > 1:
            from .cldr import format_list

            return format_list(texts, self.lang.locale)
        if value.style == "parts":
            return self.pgettext("separator between the parts of a trace", "; ").join(texts)
        return SEPARATORS.get(value.style, ", ").join(texts)


def install_argparse(localizer: Localizer) -> None:
    """Let argparse's own words (usage, options, its error messages) come from our catalog."""
    import argparse

    argparse._ = localizer._  # type: ignore[attr-defined]
    argparse.ngettext = localizer.ngettext  # type: ignore[attr-defined]
