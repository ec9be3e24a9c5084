"""The interface's language: which one, and its sentences through gettext.

Every sentence a family reads is written once, in English, inside ``_()`` (or
``ngettext()`` when it counts something). Babel extracts them into
``locale/ottool.pot``; translators work in ``locale/<lang>/LC_MESSAGES/ottool.po``;
the compiled ``.mo`` next to it is what the stdlib ``gettext`` reads at run time
(fast to import, unlike Babel). See docs/translating.md.

The language is chosen once per run, before the command line is built, so help
texts are translated too: ``--lang`` on the command line, else the environment
as gettext reads it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else
English. Content text (milestones, activities) is not here: it comes from the
YAML's ``{en, es}`` mappings in the same language.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
import struct
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

DEFAULT_LANGUAGE = "en"
DOMAIN = "ottool"
LOCALE_DIR = Path(__file__).parent.parent / "locale"


def _shipped_languages() -> tuple[str, ...]:
    """English (the language the code is written in), then every language with a
    compiled catalog under ``locale/`` (docs/translating.md, "Adding a language")."""
    try:
        found = sorted(
            folder.name
            for folder in LOCALE_DIR.iterdir()
            if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        )
    except OSError:  # a broken install: English still works
        found = []
    return (DEFAULT_LANGUAGE, *(code for code in found if code != DEFAULT_LANGUAGE))


#: The languages ottool speaks, English (the fallback) first: the one list every
#: command, the content's ``{en: ..., es: ...}`` texts and the answer files go by.
LANGUAGES: tuple[str, ...] = _shipped_languages()

#: gettext's order: the first of these that is set names the language(s).
ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

#: The largest catalog ottool reads (the Spanish one is about 60 KiB): a damaged
#: install whose .mo is a device or a pipe must not be read until memory runs out.
MAX_CATALOG_BYTES = 4 * 1024 * 1024

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def _(message: str) -> str:
    """``message`` (English) in the chosen language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, by the chosen language's plural rule."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet (module constants).

    Translate at the point of use with ``_(CONSTANT)``: the language is not known
    when modules are imported under tests or as a library.
    """
    return message


def language() -> str:
    """The language chosen for this run (one of LANGUAGES: 'en', 'es')."""
    return _language


def language_name(code: str) -> str:
    """A language's name in English ('Spanish'), for messages to content editors: the
    ``Language-Team`` of its catalog; the code itself when no catalog names it."""
    if code == DEFAULT_LANGUAGE:
        return "English"
    try:
        team = _read_catalog(code).info().get("language-team", "")
    except (OSError, struct.error, UnicodeError, LookupError, ValueError, IndexError):
        return code
    return team.split("<")[0].strip() or code


def set_language(lang: str) -> None:
    """Speak ``lang`` from now on (an unknown code falls back to English)."""
    global _translations, _language
    code = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    translations: gettext.NullTranslations = gettext.NullTranslations()
    if code != DEFAULT_LANGUAGE:
        try:
            translations = _read_catalog(code)
        except (OSError, struct.error, UnicodeError, LookupError, ValueError, IndexError):
            # A missing or damaged catalog (a broken install, a half-copied .mo) must
            # not stop a family's screening: speak English, interface and content
            # alike, rather than crash or mix the two languages.
            code = DEFAULT_LANGUAGE
    _translations = translations
    _language = code


def _read_catalog(code: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``code``; OSError when it is missing, not a regular file
    or larger than MAX_CATALOG_BYTES (a FIFO or ``/dev/zero`` is never read)."""
    import io
    import stat

    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    found = os.stat(path)
    if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_CATALOG_BYTES:
        raise OSError(f"{path} is not a catalog ottool can read")
    with open(path, "rb") as handle:
        data = handle.read(MAX_CATALOG_BYTES + 1)
    if len(data) > MAX_CATALOG_BYTES:
        raise OSError(f"{path} is too large")
    return _CheckedTranslations(io.BytesIO(data))


class _CheckedTranslations(gettext.GNUTranslations):
    """A catalog whose damaged messages are said in English, one message at a time.

    A translation whose ``{placeholders}`` the English does not have (``{archivo}`` for
    ``{file}``, ``{0}``) or whose braces do not pair up would stop the run at
    ``.format``; the English sentence is used for that message instead.
    """

    def gettext(self, message: str) -> str:
        said = super().gettext(message)
        return said if _fits(said, message) else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        said = super().ngettext(msgid1, msgid2, n)
        return said if _fits(said, msgid1, msgid2) else (msgid1 if n == 1 else msgid2)


#: A doubled brace, a replacement field, or a brace left alone (which is an error).
_BRACES = re.compile(r"\{\{|\}\}|\{[^{}]*\}|[{}]")


def _fits(said: str, *english: str) -> bool:
    """Whether ``said`` formats with what the English sentence(s) are given."""
    if "{" not in said and "}" not in said:
        return True
    fields = {t for t in _BRACES.findall(said) if t not in ("{{", "}}")}
    if "{" in fields or "}" in fields:
        return False
    known = {t for text in english for t in _BRACES.findall(text)}
    return fields <= known


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block, then the run's language again.

    For a document asked for in a language of its own (a FHIR Questionnaire with
    ``--lang es``, built by a library caller in any language), so everything inside
    it, ``_()`` and the words of other modules alike, comes out in that language.
    """
    before = _language
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def _code(locale_name: str) -> str | None:
    """'es_MX.UTF-8' -> 'es'; 'C', 'POSIX' and unknown languages -> None."""
    code = locale_name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext reads it, else English.

    The first variable that is set decides; ``LANGUAGE`` may list several
    (``fr:es:en``), and the first that ottool speaks wins.
    """
    for part in _locale_parts(environ):
        code = _code(part)
        if code:
            return code
    return DEFAULT_LANGUAGE


def _locale_parts(environ: Mapping[str, str] | None) -> list[str]:
    """The locales named by the first of gettext's variables that is set (``LANGUAGE``
    may list several: ``es_MX:en``)."""
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT_VARIABLES:
        value = env.get(name, "")
        if value:
            return value.split(":")
    return []


def territory_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The country of the environment's locale ('es_MX.UTF-8' -> 'MX'), if it names one.

    The same variables as the language, in gettext's order: the first that is set
    decides, and within ``LANGUAGE`` (``es_MX:en``) the first part with a country.
    """
    for part in _locale_parts(environ):
        code = part.split(".")[0].split("@")[0].replace("-", "_")
        territory = code.partition("_")[2]
        if len(territory) == 2 and territory.isalpha():
            return territory.upper()
    return None


def language_from_arguments(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` ('--lang es' or '--lang=es'), if any."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` if given and known, else the environment's language, else English."""
    asked = language_from_arguments(argv)
    if asked in LANGUAGES:
        return asked
    return language_from_environment(environ)


_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def format_date(day: dt.date) -> str:
    """A date as readers of the chosen language write it: 'November 22, 2026',
    '22 de noviembre de 2026'."""
    # Translators: a date; {day} is 1-31, {month} a month's name, {year} four digits.
    return _("{month} {day}, {year}").format(
        day=day.day, month=_(_MONTHS[day.month - 1]), year=day.year
    )
