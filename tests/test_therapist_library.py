"""The therapist's library (issue 26, items 7 and 10): `ottool activities show ID`, whole
area names in the table, `tags` that `--search` reads (validated, described by
`ottool schema`), and the activities for common referrals, with a technique a therapist
shows first never chosen by a screening or an age plan on its own."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import Run
from ottool.cli import app
from ottool.core.activity_choice import plan_for_focus, plan_for_result
from ottool.core.content import load_content
from ottool.core.i18n import speaking
from ottool.core.screening import Answers, score
from ottool.documents.content_search import find_activities
from ottool.documents.wording import taught_first
from properties import examples
from test_activity_choice import screenings

EN = load_content()
ES = load_content(lang="es")
NEW = ("turn-both-ways", "neck-stretches", "firm-touch-play", "new-foods-small-steps",
       "gentle-and-strong-hands")  # fmt: skip


def table(*args: str, columns: int = 80) -> str:
    run = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert run.exit_code == 0, run.output
    return run.stdout


# --- 7. finding activities ------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("torticollis", {"turn-both-ways", "neck-stretches"}),
        ("tactile", {"firm-touch-play", "textures-and-touch", "messy-play"}),
        ("gagging", {"new-foods-small-steps", "mouth-play"}),
        ("picky eating", {"new-foods-small-steps", "family-mealtimes"}),
        ("new food", {"new-foods-small-steps", "family-mealtimes", "finger-foods"}),
        ("grasp grading", {"gentle-and-strong-hands", "stacking"}),
    ],
)
def test_a_therapists_words_find_activities_through_their_tags(words: str, found: set[str]) -> None:
    assert found <= {a.id for a in find_activities(EN, search=words)}


@pytest.mark.parametrize(
    ("words", "found"),
    [("torticolis", "neck-stretches"), ("tacto", "firm-touch-play"), ("arcadas", "mouth-play"),
     ("alimento nuevo", "new-foods-small-steps")],
)  # fmt: skip
def test_the_tags_are_searched_in_spanish_too(words: str, found: str) -> None:
    assert found in {a.id for a in find_activities(ES, search=words)}


@pytest.mark.parametrize(
    ("lang", "words", "first"),
    [("en", "head turn", {"turn-both-ways", "positioning-and-carrying"}),
     ("en", "turns head", {"turn-both-ways"}),
     ("en", "plagiocephaly", {"turn-both-ways"}),
     ("es", "táctil", {"firm-touch-play"}),
     ("es", "sensibilidad tactil", {"firm-touch-play"}),
     ("es", "comidas nuevas", {"new-foods-small-steps"}),
     ("es", "quisquilloso", {"new-foods-small-steps"})],
)  # fmt: skip
def test_search_is_word_by_word_with_the_words_side_by_side_first(
    lang: str, words: str, first: set[str]
) -> None:
    """What a therapist types finds the activity: hyphens, plurals and accents aside,
    each word anywhere; the words as a phrase rank first ('head turn' for 'head-turn
    preference' before a card that says 'head' and 'turn' apart)."""
    found = [a.id for a in find_activities(EN if lang == "en" else ES, search=words)]
    assert first <= set(found), found
    if " " in words and lang == "en" and words == "head turn":
        assert set(found[:2]) == first, found


def test_search_reads_tags_on_the_command_line(cli: Callable[..., Run]) -> None:
    run = cli("activities", "--search", "Picky Eating", "--format", "json")
    assert run.exit_code == 0, run.output
    assert "new-foods-small-steps" in {a["id"] for a in json.loads(run.stdout)["activities"]}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("columns", [80, 100])
def test_area_names_are_never_cut_in_the_table(lang: str, columns: int) -> None:
    text = table("activities", "--lang", lang, columns=columns)
    lines = text.splitlines()
    assert "…" not in text
    assert all(len(line) <= columns for line in lines)
    framed = [line for line in lines if line[:1] in "│┃┏┡└"]
    assert all(line[-1:] in "│┃┓┩┘" for line in framed)  # the right edge is drawn
    content = EN if lang == "en" else ES
    shown = set(text.replace("│", " ").split())
    for area in content.domains:  # every word whole: none folded or cut
        assert set(area.name.split()) <= shown, area.name


def test_activities_show_prints_one_card_as_the_handout_does(cli: Callable[..., Run]) -> None:
    run = cli("activities", "show", "tummy-time-floor")
    assert run.exit_code == 0, run.output
    a = EN.activity_by_id["tummy-time-floor"]
    text = " ".join(run.stdout.replace("│", " ").split())
    assert a.name in text
    for part in (*a.steps, *a.safety):
        assert " ".join(part.split()) in text
    assert "5 min" in text or f"{a.minutes} min" in text
    assert "Why:" not in text  # no plan, so no reason it was chosen


def test_activities_show_in_spanish_and_as_json(cli: Callable[..., Run]) -> None:
    run = cli("activities", "show", "turn-both-ways", "--lang", "es")
    assert run.exit_code == 0, run.output
    assert ES.activity_by_id["turn-both-ways"].name in run.stdout
    assert "Pasos" in run.stdout
    data = json.loads(cli("activities", "show", "turn-both-ways", "--format", "json").stdout)
    assert data["activities"][0]["id"] == "turn-both-ways"
    assert "torticollis" in data["activities"][0]["tags"]


def test_activities_show_names_an_unknown_id_with_a_suggestion(cli: Callable[..., Run]) -> None:
    run = cli("activities", "show", "neck-stretch")
    assert run.exit_code == 1
    assert "'neck-stretch' is not a known activity (did you mean 'neck-stretches'?)" in run.stderr
    assert "Traceback" not in run.output


def test_the_activities_list_still_takes_its_options(cli: Callable[..., Run]) -> None:
    run = cli("activities", "--age-months", "3", "--area", "gross_motor", "--format", "json")
    assert run.exit_code == 0, run.output
    assert "turn-both-ways" in {a["id"] for a in json.loads(run.stdout)["activities"]}


# --- tags: a content field, validated and described ----------------------------------


@pytest.fixture
def folder(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(content_copy)
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return content_copy


#: Where an edit goes in the test content: tummy-time's areas.
ANCHOR = "    domains: [gross_motor]\n    targets: [gm-2m-head-up,"


def edit(folder: Path, old: str, new: str) -> int:
    file = folder / "activities.yaml"
    text = file.read_text()
    assert text.count(old) == 1
    file.write_text(text.replace(old, new))
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    ("tags", "offset", "message"),
    [
        ("tags: torticollis", 0, "activity 'tummy-time': tags must be conditions and goals"),
        ("tags: [[a, b]]", 0, "activity 'tummy-time': tags: each item must be"),
        ("tags:\n      - {en: flat head, fr: tête plate}", 1, "tags: unknown language 'fr'"),
        ("tags: [" + "x" * 41 + "]", 0, "each item must be a tag of 1 to 40 characters"),
        ("tag: [flat head]", 0, "'tummy-time': unknown key 'tag' (did you mean 'tags'?)"),
    ],
)
def test_a_wrong_tag_is_named_at_its_line(
    folder: Path, cli: Callable[..., Run], tags: str, offset: int, message: str
) -> None:
    line = edit(folder, ANCHOR, f"    {tags}\n{ANCHOR}")
    run = cli("validate", "--data-dir", folder)
    assert run.exit_code == 1, run.output
    assert f"activities.yaml:{line + offset}:" in run.stderr
    assert message in run.stderr, run.stderr


def test_a_tag_without_spanish_is_named_by_validate_language_es(
    folder: Path, cli: Callable[..., Run]
) -> None:
    line = edit(folder, ANCHOR, f"    tags: [flat head]\n{ANCHOR}")
    assert cli("validate", "--data-dir", folder).exit_code == 0
    run = cli("validate", "--data-dir", folder, "--language", "es")
    assert f"activities.yaml:{line}: activity 'tummy-time': tags has no Spanish" in run.stderr


def test_a_misspelt_taught_by_therapist_is_named(folder: Path, cli: Callable[..., Run]) -> None:
    line = edit(folder, ANCHOR, f"    taught_by_therapist: yes\n{ANCHOR}")
    run = cli("validate", "--data-dir", folder)
    assert run.exit_code == 1
    assert f"activities.yaml:{line}: activity 'tummy-time': taught_by_therapist: write true" in (
        run.stderr
    )


def test_ottool_schema_describes_tags_and_taught_by_therapist(cli: Callable[..., Run]) -> None:
    run = cli("schema", "activities")
    assert run.exit_code == 0, run.output
    activity = json.loads(run.stdout)["$defs"]["Activity"]["properties"]
    assert "torticollis" in activity["tags"]["description"]
    assert activity["taught_by_therapist"]["type"] == "boolean"
    assert "only a therapist" in activity["taught_by_therapist"]["description"]


# --- 10. activities for common referrals ----------------------------------------------


def test_the_new_activities_are_sourced_tagged_and_in_both_languages() -> None:
    for activity_id in NEW:
        a, es = EN.activity_by_id[activity_id], ES.activity_by_id[activity_id]
        assert a.source and a.tags and es.tags != a.tags, activity_id
        assert "%" not in " ".join([a.why, *a.steps, *a.safety]), activity_id  # no figures
    assert "Kaplan" in EN.activity_by_id["neck-stretches"].source
    assert "Laughlin" in EN.activity_by_id["turn-both-ways"].source


def test_only_the_neck_stretches_need_a_therapist_to_show_them() -> None:
    assert [a.id for a in EN.activities if a.taught_by_therapist] == ["neck-stretches"]


def test_a_technique_shown_first_says_so_on_its_card(cli: Callable[..., Run]) -> None:
    for lang in ("en", "es"):
        run = cli("activities", "show", "neck-stretches", "--lang", lang)
        with speaking(lang):
            line = taught_first()
        text = " ".join(run.stdout.replace("│", " ").split())
        assert f"1. {line}" in text


@settings(max_examples=examples(40), deadline=None)
@given(screenings(), st.integers(min_value=1, max_value=8))
def test_a_screening_never_chooses_a_technique_a_therapist_shows_first(
    drawn: tuple[Answers, int], limit: int
) -> None:
    answers, _months = drawn
    plan = plan_for_result(EN, score(EN, answers), limit)
    assert "neck-stretches" not in [p.activity.id for p in plan.activities]


def test_an_age_plan_chooses_neck_stretches_only_when_the_therapist_does() -> None:
    for months in (1, 3, 6, 10):
        auto = plan_for_focus(EN, months, focus=["gross_motor"], max_activities=20)
        assert "neck-stretches" not in [p.activity.id for p in auto.activities]
    chosen = plan_for_focus(EN, 3, activity_ids=["neck-stretches"])
    assert chosen.activities[0].activity.id == "neck-stretches"
    assert chosen.activities[0].reason == "chosen"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_handout_says_the_therapist_chose_the_activities(
    cli: Callable[..., Run], lang: str
) -> None:
    """A plan of activities the therapist named by hand does not say 'chosen for this
    age'; it names the therapist."""
    run = cli("plan", "--lang", lang, "--age-months", "3", "--activity", "turn-both-ways",
              "--activity", "tummy-time-floor", "--therapist", "A. Rivera, OT",
              "--format", "md", "--output", "-")  # fmt: skip
    assert run.exit_code == 0, run.output
    said = {
        "en": "2 short activities, chosen by your therapist (A. Rivera, OT).",
        "es": "(A. Rivera, OT)",
    }[lang]
    assert said in run.stdout
    assert "chosen for this age" not in run.stdout


@pytest.mark.parametrize("text", ["(((", "", "-"])
def test_a_search_with_no_word_is_said_not_listed_as_everything(
    cli: Callable[..., Run], text: str
) -> None:
    run = cli("activities", "--search", text)
    assert run.exit_code == 1
    assert "has no word to look for" in run.stderr and run.stdout == ""
