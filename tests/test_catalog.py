"""The interface's catalogs: every sentence in the code is translated, and the compiled
``.mo`` that ottool reads is exactly what the ``.po`` says.

The extraction here is a fresh one from the source (Babel, with the repository's
babel.cfg), so a sentence added to the code without a Spanish translation fails
this test, not only one that reached ``ottool.pot``. See docs/translating.md.
"""

from __future__ import annotations

import gettext
import io
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ottool.core import i18n

ROOT = Path(__file__).resolve().parents[1]
SOURCE_LOCALE = ROOT / "src" / "ottool" / "locale"
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE]
#: What each language's .po must declare (gettext's usual rule for Spanish: one, other).
PLURAL_FORMS = {"es": "nplurals=2; plural=(n != 1);"}


def fresh_extraction() -> dict[str | tuple[str, str], list[str]]:
    """Every message in the source now: its id (singular, plural for ngettext) and where."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, filename=str(ROOT / "babel.cfg"))
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, []).append(f"{filename}:{lineno}")
    return found


def po_catalog(lang: str) -> Catalog:
    with open(SOURCE_LOCALE / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po", "rb") as po:
        return read_po(po)


def key_of(message: Message) -> str | tuple[str, str]:
    return message.id if isinstance(message.id, str) else (message.id[0], message.id[1])


def fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a str.format() text (ValueError if its braces are broken)."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def messages(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog if m.id)


@pytest.fixture(scope="module")
def extracted() -> dict[str | tuple[str, str], list[str]]:
    found = fresh_extraction()
    # The extraction really reads the code: the months of format_date are in it.
    assert "November" in found and "{month} {day}, {year}" in found
    return found


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_in_the_code_is_translated(
    lang: str, extracted: dict[str | tuple[str, str], list[str]]
) -> None:
    catalog = po_catalog(lang)
    by_key = {key_of(m): m for m in messages(catalog)}
    problems = []
    for key, places in extracted.items():
        message = by_key.get(key)
        strings = (
            []
            if message is None
            else [message.string]
            if isinstance(message.string, str)
            else list(message.string)
        )
        if message is None:
            problems.append(f"{places[0]}: not in the {lang} catalog: {key!r}")
        elif message.fuzzy:
            problems.append(f"{places[0]}: fuzzy (check and remove the flag): {key!r}")
        elif not strings or not all(s.strip() for s in strings):
            problems.append(f"{places[0]}: not translated: {key!r}")
    assert not problems, (
        f"{len(problems)} message(s) need work in {lang} "
        "(scripts/translations.sh update, translate, compile):\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_placeholder(lang: str) -> None:
    problems = []
    for message in messages(po_catalog(lang)):
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if not any(strings):
            continue  # the test above reports it
        for i, text in enumerate(strings):
            # Plural form 0 is the singular; every other form follows the plural id.
            source = ids[min(i, len(ids) - 1)]
            try:
                same = fields(text) == fields(source)
            except ValueError as exc:
                problems.append(f"{source!r}: broken braces in {text!r} ({exc})")
                continue
            if not same:
                problems.append(
                    f"{source!r} has {sorted(fields(source))}, {text!r} has {sorted(fields(text))}"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plurals_have_every_form_the_language_declares(lang: str) -> None:
    catalog = po_catalog(lang)
    assert catalog.plural_forms == PLURAL_FORMS[lang]
    for message in messages(catalog):
        if message.pluralizable:
            assert len(message.string) == catalog.num_plurals, message.id
            assert all(s.strip() for s in message.string), message.id


def test_the_template_catalog_is_current(
    extracted: dict[str | tuple[str, str], list[str]],
) -> None:
    with open(SOURCE_LOCALE / f"{i18n.DOMAIN}.pot", "rb") as pot:
        template = {key_of(m) for m in messages(read_po(pot))}
    assert template == set(extracted), "run scripts/translations.sh update"


def compiled(data: bytes) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(data))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalog_is_the_po(lang: str) -> None:
    """The .mo that ottool reads at run time (installed next to i18n.py) says what the
    .po says, so the two cannot drift: compile the .po in memory and compare."""
    buffer = io.BytesIO()
    write_mo(buffer, po_catalog(lang))
    expected = compiled(buffer.getvalue())
    shipped = compiled((i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo").read_bytes())
    # The header ("" entry) names the Babel version that compiled it; the rest must match.
    want = {k: v for k, v in expected._catalog.items() if k != ""}  # type: ignore[attr-defined]
    have = {k: v for k, v in shipped._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert have == want, "run scripts/translations.sh compile"
    assert [shipped.plural(n) for n in range(4)] == [expected.plural(n) for n in range(4)]
