"""Content in more than one language (docs/design.md §2, §8): `{en: ..., es: ...}` text fields,
`ottool validate --language es` finding every text without Spanish, and the schema."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURE_DIR, Run
from ottool.core.content import Activity, Domain, Milestone, WarningSign, load_content
from ottool.core.content.editorial import SPANISH_TERMS, Term
from ottool.core.vocabulary import ROUTINES
from ottool.core.yamlsource import YAML11_BOOLEANS

SPANISH_DIR = FIXTURE_DIR.parent / "content-es"
M = "milestones.yaml"
A = "activities.yaml"
PROBLEM = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<message>.*)$")


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the Spanish test content; the working folder is set to it."""
    folder = tmp_path / "content-es"
    shutil.copytree(SPANISH_DIR, folder)
    monkeypatch.chdir(folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` (which must occur once) and return the line where it started."""
    file = folder / name
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(folder: Path, name: str, needle: str) -> int:
    """The 1-based line of ``needle`` (which must occur once) in ``name``."""
    text = (folder / name).read_text(encoding="utf-8")
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def problems(run: Run) -> list[tuple[str, int, str]]:
    """(file, line, message) of each problem of a failed validation (exit 1, no traceback)."""
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output
    *lines, summary = run.stderr.strip().splitlines()
    assert summary == f"{len(lines)} problem{'s' if len(lines) != 1 else ''} found."
    found = []
    for line in lines:
        match = PROBLEM.match(line)
        assert match, line
        found.append((match["file"], int(match["line"]), match["message"]))
    return found


def english_texts(folder: Path) -> list[str]:
    """Every human-readable English text of a content folder, read with plain PyYAML."""
    kinds = {
        M: {"domains": Domain, "milestones": Milestone, "warning_signs": WarningSign},
        A: {"activities": Activity},
    }
    texts = []
    for name, lists in kinds.items():
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        for key, model in lists.items():
            for entry in data.get(key, []):
                for field in model.TEXT_FIELDS:
                    if field in entry:
                        texts.append(entry[field])
                for field in getattr(model, "TEXT_LIST_FIELDS", ()):
                    texts.extend(entry.get(field, []))
    return texts


# --- validate --language es ----------------------------------------------------------


def test_spanish_content_passes_validate_language_es(cli: Callable[..., Run]) -> None:
    run = cli("validate", "--data-dir", SPANISH_DIR, "--language", "es")
    assert run.exit_code == 0, run.stderr
    assert "Content is valid: 11 milestones in 3 checklists" in run.stdout
    assert "Every text has its Spanish ('es') translation." in run.stdout


def test_english_only_content_reports_every_text_without_spanish(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_DIR, folder)
    monkeypatch.chdir(folder)
    found = problems(cli("validate", "--data-dir", folder, "--language", "es"))
    texts = english_texts(folder)
    assert len(found) == len(texts)
    lines = {name: (folder / name).read_text().splitlines() for name in (M, A)}
    for file, line, message in found:
        assert "has no Spanish ('es') text" in message
        # Each problem points at the line that holds the English text it names.
        english = re.search(r"\(English: '(.*?)(\.\.\.)?'\)$", message)
        assert english, message
        assert english[1] in lines[file][line - 1]
    assert (
        M,
        folder.joinpath(M).read_text().splitlines().index("    text: Rolls from tummy to back") + 1,
        "milestone 'gm-6m-rolls': text has no Spanish ('es') text "
        "(English: 'Rolls from tummy to back')",
    ) in found


def test_without_language_english_only_content_is_valid_and_says_what_spanish_lacks(
    cli: Callable[..., Run],
) -> None:
    run = cli("validate", "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 0
    count = len(english_texts(FIXTURE_DIR))
    assert (
        f"! {count} texts have no Spanish (run `ottool validate --language es` to list them)."
        in run.stdout
    )
    run = cli("validate", "--data-dir", FIXTURE_DIR, "--format", "json")
    assert json.loads(run.stdout)["summary"]["untranslated"] == {"es": count}


def test_complete_spanish_content_says_nothing_about_spanish_without_language(
    cli: Callable[..., Run],
) -> None:
    run = cli("validate", "--data-dir", SPANISH_DIR)
    assert run.exit_code == 0
    assert "no Spanish" not in run.stdout


@pytest.mark.parametrize(
    "args",
    [["--lang", "es"], ["--language", "es"], ["--lang", "en", "--language", "es"]],
    ids=["--lang es", "--language es", "both"],
)
def test_lang_es_checks_the_spanish_texts_as_language_es_does(
    cli: Callable[..., Run], args: list[str]
) -> None:
    """The interface's --lang and the content's --language cannot mean different things
    to a content editor: `validate --lang es` checks the Spanish too."""
    run = cli("validate", "--data-dir", FIXTURE_DIR, *args)
    assert run.exit_code == 1
    count = len(english_texts(FIXTURE_DIR))
    found = (
        f"{count} problemas encontrados."
        if args[:2] == ["--lang", "es"]
        else f"{count} problems found."
    )
    assert run.stderr.strip().endswith(found)  # validate's own lines speak the run's language
    assert cli("--lang", "es", "validate", "--data-dir", FIXTURE_DIR).exit_code == 1
    assert cli("validate", "--data-dir", FIXTURE_DIR, "--lang", "en").exit_code == 0


ROLLS = (
    "milestone 'gm-6m-rolls': text has no Spanish ('es') text (English: 'Rolls from tummy to back')"
)
SONGS = "activity 'songs': name has no Spanish ('es') text (English: 'Songs and rhymes')"


@pytest.mark.parametrize(
    ("name", "old", "new", "at", "message"),
    [
        pytest.param(
            M, "      es: Se da vuelta de boca abajo a boca arriba\n", "",
            "      en: Rolls from tummy to back\n", ROLLS, id="mapping-without-es",
        ),
        pytest.param(
            M, "    text:\n      en: Rolls from tummy to back\n"
            "      es: Se da vuelta de boca abajo a boca arriba\n",
            "    text: Rolls from tummy to back\n",
            "    text: Rolls from tummy to back\n", ROLLS, id="plain-string",
        ),
        pytest.param(
            A, "        es: Póngase a su altura, cara a cara.\n", "",
            "      - en: Get down face to face.\n",
            "activity 'tummy-time': steps has no Spanish ('es') text "
            "(English: 'Get down face to face.')", id="list-item-at-its-own-line",
        ),
        pytest.param(
            A, "      es: Canciones y rimas\n", '      es: ""\n',
            "      en: Songs and rhymes\n", SONGS, id="empty",
        ),
        pytest.param(
            A, "      es: Canciones y rimas\n", "      es: '   '\n",
            "      en: Songs and rhymes\n", SONGS, id="blank",
        ),
    ],
)  # fmt: skip
def test_one_text_without_spanish_is_reported_at_its_line(
    spanish: Path, cli: Callable[..., Run], name: str, old: str, new: str, at: str, message: str
) -> None:
    edit(spanish, name, old, new)
    assert problems(cli("validate", "--data-dir", spanish, "--language", "es")) == [
        (name, line_of(spanish, name, at), message)
    ]


def test_without_spanish_a_spanish_reader_gets_english(spanish: Path) -> None:
    edit(spanish, M, "      es: Se da vuelta de boca abajo a boca arriba\n", "")
    content = load_content(spanish, lang="es")
    assert content.milestone_by_id["gm-6m-rolls"].text == "Rolls from tummy to back"
    assert content.milestone_by_id["fm-6m-reaches"].text == (
        "Estira la mano para agarrar un juguete que quiere"
    )


def test_json_format_lists_the_missing_translations(spanish: Path, cli: Callable[..., Run]) -> None:
    edit(spanish, A, "        es: Solo cuando está despierto y alguien lo vigila.\n", "")
    run = cli("validate", "--data-dir", spanish, "--language", "es", "--format", "json")
    assert run.exit_code == 1
    report = json.loads(run.stdout)
    assert report["valid"] is False
    [error] = report["errors"]
    assert error["file"] == A
    assert error["message"] == (
        "activity 'tummy-time': safety has no Spanish ('es') text "
        "(English: 'Only while awake and watched.')"
    )


def test_an_unknown_language_is_a_usage_error(cli: Callable[..., Run]) -> None:
    run = cli("validate", "--data-dir", SPANISH_DIR, "--language", "sp")
    assert run.exit_code == 2
    assert "Traceback" not in run.output


# --- the translation mappings themselves ---------------------------------------------


def test_an_unknown_language_key_is_an_error(spanish: Path, cli: Callable[..., Run]) -> None:
    line = edit(spanish, M, "      es: Manos y dedos\n", "      esp: Manos y dedos\n")
    assert problems(cli("validate", "--data-dir", spanish)) == [
        (
            M,
            line - 1,
            "domain 'fine_motor': name: unknown language 'esp' (did you mean 'es'?) "
            "(languages: en, es)",
        )
    ]


def test_a_translation_must_be_text(spanish: Path, cli: Callable[..., Run]) -> None:
    line = edit(spanish, M, "      es: Manos y dedos\n", "      es: [Manos, dedos]\n")
    assert problems(cli("validate", "--data-dir", spanish)) == [
        (M, line - 1, "domain 'fine_motor': name: the 'es' text must be text, got a list")
    ]


def test_spanish_content_is_read_in_spanish_and_english() -> None:
    spanish = load_content(SPANISH_DIR, lang="es")
    english = load_content(SPANISH_DIR)
    assert spanish.domain_by_id["fine_motor"].name == "Manos y dedos"
    assert english.domain_by_id["fine_motor"].name == "Hands and fingers"
    steady = spanish.milestone_by_id["gm-4m-head-steady"]
    assert steady.prompt.startswith("Cuando usted sostiene a su bebé")
    tummy = spanish.activity_by_id["tummy-time"]
    assert tummy.steps[0] == "Acueste a su bebé boca abajo sobre una manta."
    # Routines are ids in every language; their words come from the catalog.
    assert tummy.routines == ("diaper_change",)
    assert spanish.warning_sign_by_id["ws-lost-skills"].text == (
        "Ha perdido habilidades que antes tenía"
    )
    # Ids, numbers and sources are the same in both languages.
    assert [m.id for m in spanish.milestones] == [m.id for m in english.milestones]
    tummy_es, tummy_en = spanish.activity_by_id["tummy-time"], english.activity_by_id["tummy-time"]
    for field in ("minutes", "times_per_day", "days_per_week"):
        assert getattr(tummy_es, field) == getattr(tummy_en, field)
    assert spanish.checklists == english.checklists == load_content(FIXTURE_DIR).checklists


# --- ottool schema -------------------------------------------------------------------


@pytest.mark.parametrize("which", ["milestones", "activities"])
def test_schema_describes_the_translation_mappings(cli: Callable[..., Run], which: str) -> None:
    schema = json.loads(cli("schema", which).stdout)
    text = schema["$defs"]["Text"]
    plain, translations = text["anyOf"]
    # A bare Yes or No is not text: validate says "write 'Yes' in quotes".
    assert plain == {"type": "string", "not": {"enum": sorted(YAML11_BOOLEANS)}}
    assert translations["type"] == "object"
    assert set(translations["properties"]) == {"en", "es"}
    assert translations["required"] == ["en"]
    assert translations["additionalProperties"] is False
    assert "--language es" in text["description"]
    ref = {"$ref": "#/$defs/Text"}
    if which == "milestones":
        for struct, fields in (("Domain", ["name", "description"]),
                               ("Milestone", ["text", "question", "hint"]),
                               ("WarningSign", ["text", "advice"])):  # fmt: skip
            for field in fields:
                assert schema["$defs"][struct]["properties"][field]["$ref"] == ref["$ref"]
    else:
        activity = schema["$defs"]["Activity"]["properties"]
        assert activity["name"]["$ref"] == activity["why"]["$ref"] == ref["$ref"]
        for field in ("steps", "safety", "materials"):
            assert activity[field]["items"] == ref
        assert set(activity["routines"]["items"]["enum"]) == set(ROUTINES)


def test_the_schema_accepts_the_spanish_content_and_refuses_a_typo(
    cli: Callable[..., Run],
) -> None:
    for which, name in (("milestones", M), ("activities", A)):
        schema = json.loads(cli("schema", which).stdout)
        data = yaml.safe_load((SPANISH_DIR / name).read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
    schema = json.loads(cli("schema", "milestones").stdout)
    data = yaml.safe_load((SPANISH_DIR / M).read_text(encoding="utf-8"))
    data["domains"][0]["name"] = {"en": "Movement", "sp": "Movimiento"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# --- the shipped content in Spanish --------------------------------------------------

SHIPPED_DIR = Path(__file__).parents[1] / "data"


def text_pairs(folder: Path) -> list[tuple[str, str, str]]:
    """(where, English, Spanish) for every human-readable text of a content folder."""
    english, spanish = load_content(folder), load_content(folder, lang="es")
    pairs = []
    for kind in ("domains", "milestones", "warning_signs", "activities"):
        for en_item, es_item in zip(getattr(english, kind), getattr(spanish, kind), strict=True):
            for field in en_item.TEXT_FIELDS:
                pairs.append(
                    (f"{en_item.id}.{field}", getattr(en_item, field), getattr(es_item, field))
                )
            for field in getattr(en_item, "TEXT_LIST_FIELDS", ()):
                for i, (en, es) in enumerate(
                    zip(getattr(en_item, field), getattr(es_item, field), strict=True)
                ):
                    pairs.append((f"{en_item.id}.{field}[{i}]", en, es))
    return [(where, en, es) for where, en, es in pairs if en]


def test_the_shipped_content_passes_validate_language_es(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    run = cli("validate", "--language", "es")
    assert run.exit_code == 0, run.stderr
    assert "Every text has its Spanish ('es') translation." in run.stdout


def test_shipped_spanish_is_a_translation() -> None:
    """Every English text has its own Spanish; validate's editorial rules (usted, one
    term per idea, tests/test_editorial.py) pass on it in the test above."""
    pairs = text_pairs(SHIPPED_DIR)
    assert len(pairs) > 800  # routines are ids, named by the catalog
    assert all(es and es != en for _, en, es in pairs)


@pytest.mark.parametrize("term", SPANISH_TERMS, ids=[t.name for t in SPANISH_TERMS])
def test_each_spanish_term_rule_has_texts_to_judge(term: Term) -> None:
    """validate holds these terms (one Spanish term per idea); each is used in the content."""
    found = [es for _, en, es in text_pairs(SHIPPED_DIR) if re.search(term.english, en, re.I)]
    assert found
    assert all(term.spanish in es.lower() for es in found)


def test_shipped_spanish_names_each_routine_and_area_one_way() -> None:
    english, spanish = load_content(SHIPPED_DIR), load_content(SHIPPED_DIR, lang="es")
    routines: dict[str, str] = {}
    for en_activity, es_activity in zip(english.activities, spanish.activities, strict=True):
        for en, es in zip(en_activity.routines, es_activity.routines, strict=True):
            assert routines.setdefault(en, es) == es, (en_activity.id, en, es)
    assert len(set(routines.values())) == len(routines)
    assert spanish.domain_by_id["gross_motor"].name == "Movimiento (músculos grandes)"
