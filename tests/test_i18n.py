"""The interface's language: chosen from --lang or the environment, dates and the
gettext fallback. (The catalog's completeness is tests/test_catalog.py.)"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ottool.core import i18n
from ottool.core.i18n import _


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "es_US"}, "es"),
        ({"LANG": "es"}, "es"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:es_ES:en"}, "es"),
        ({"LANGUAGE": "en:es"}, "en"),
        # gettext's order: LANGUAGE, then LC_ALL, then LC_MESSAGES, then LANG.
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_CO.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_ALL": "", "LANG": "es_MX.UTF-8"}, "es"),  # empty is unset
        ({"LANG": "es_ES@euro"}, "es"),
    ],
)
def test_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.language_from_environment(environ) == expected


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["screen", "--lang", "en"], {"LANG": "es_MX.UTF-8"}, "en"),
        (["screen", "--lang=en"], {"LANGUAGE": "es"}, "en"),
        (["plan", "--lang", "es"], {"LANG": "C"}, "es"),
        (["plan", "--lang=es"], {}, "es"),
        # An unknown --lang (the command line reports it) does not beat the environment.
        (["plan", "--lang", "fr"], {"LANG": "es_MX.UTF-8"}, "es"),
        # After "--" it is an argument, not the option.
        (["plan", "--", "--lang", "es"], {}, "en"),
        (["plan"], {"LANG": "es_MX.UTF-8"}, "es"),
    ],
)
def test_lang_option_wins_over_the_environment(
    argv: list[str], environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose_language(argv, environ) == expected


def test_format_date_in_english_and_spanish() -> None:
    day = dt.date(2026, 11, 22)
    assert i18n.format_date(day) == "November 22, 2026"
    i18n.set_language("es")
    assert i18n.format_date(day) == "22 de noviembre de 2026"
    assert i18n.format_date(dt.date(2027, 1, 5)) == "5 de enero de 2027"
    assert [i18n.format_date(dt.date(2026, m, 1)).split()[2] for m in range(1, 13)] == [
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ]  # fmt: skip


def test_switching_language_after_import_takes_effect() -> None:
    assert _("March") == "March"
    i18n.set_language("es")
    assert (i18n.language(), _("March")) == ("es", "marzo")
    i18n.set_language("en")
    assert (i18n.language(), _("March")) == ("en", "March")


def test_unknown_language_and_unknown_message_fall_back_to_english() -> None:
    i18n.set_language("fr")
    assert i18n.language() == "en"
    assert _("March") == "March"
    i18n.set_language("es")
    # A sentence the catalog does not (yet) have is shown in English, never empty.
    assert _("A sentence no catalog has") == "A sentence no catalog has"
    assert i18n.ngettext("{n} apple", "{n} apples", 3) == "{n} apples"
    assert i18n.ngettext("{n} apple", "{n} apples", 1) == "{n} apple"


def test_n_marks_without_translating() -> None:
    i18n.set_language("es")
    marked = i18n.N_("March")
    assert marked == "March"
    assert _(marked) == "marzo"


def run_ottool_python(code: str, environ: dict[str, str], *argv: str) -> str:
    """Run ``code`` after ottool's own start-up chose the language from ``argv``/``environ``."""
    env = {k: v for k, v in os.environ.items() if k not in i18n.ENVIRONMENT_VARIABLES}
    env.update(environ)
    script = (
        "import sys; from ottool.core import i18n; "
        "i18n.set_language(i18n.choose_language(sys.argv[1:])); " + code
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.mark.slow
def test_a_real_process_reads_its_environment() -> None:
    show = "import datetime as d; print(i18n.language(), i18n.format_date(d.date(2026, 11, 22)))"
    assert run_ottool_python(show, {"LANG": "es_MX.UTF-8"}) == "es 22 de noviembre de 2026"
    assert run_ottool_python(show, {"LANG": "C"}) == "en November 22, 2026"
    assert run_ottool_python(show, {"LANGUAGE": "fr:es"}) == "es 22 de noviembre de 2026"
    assert run_ottool_python(show, {"LANG": "es_MX.UTF-8"}, "--lang", "en") == (
        "en November 22, 2026"
    )


def test_the_languages_are_english_and_every_shipped_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert i18n.LANGUAGES == ("en", "es")
    assert i18n.language_name("es") == "Spanish" and i18n.language_name("en") == "English"
    shipped = i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "ottool.mo"
    for code in ("pt", "es"):
        (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / code / "LC_MESSAGES" / "ottool.mo").write_bytes(shipped.read_bytes())
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)  # no compiled catalog: not yet
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n._shipped_languages() == ("en", "es", "pt")
    assert i18n.language_name("fr") == "fr"  # no catalog names it
