"""The content's fields for when to act, whom to see and where (docs/content.md):
`act` and `refer` on warning signs, `refer` on areas and milestones, and the
`referrals` and `regions` tables, as loaded, described by `ottool schema` and
checked by `ottool validate`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURE_DIR, Run, sign
from ottool.core import screening, vocabulary
from ottool.core.content import Content, Referral, Region, load_content
from ottool.core.vocabulary import ACTS, REFERRAL_KINDS, most_urgent
from test_validate import Folder, Mistake, errors, the_error

# --- the vocabulary ----------------------------------------------------------------


@given(st.lists(st.sampled_from(ACTS)))
def test_most_urgent_is_never_less_urgent_than_any_act(acts: list[vocabulary.Act]) -> None:
    chosen = most_urgent(acts)
    assert all(ACTS.index(chosen) <= ACTS.index(a) for a in acts)
    assert chosen in acts or (not acts and chosen == "next_check")


def test_most_urgent_examples() -> None:
    assert most_urgent(["visit", "days", "recheck"]) == "days"
    assert most_urgent(iter(["next_check", "emergency"])) == "emergency"
    assert most_urgent([]) == "next_check"


def test_screening_still_offers_its_codes() -> None:
    """The codes moved to ottool.core.vocabulary; callers importing them from screening work."""
    assert screening.Answer is vocabulary.Answer
    assert screening.ANSWERS == vocabulary.ANSWERS
    assert screening.OVERALLS == vocabulary.OVERALLS
    assert "incomplete" in vocabulary.OVERALLS


# --- the model ------------------------------------------------------------------------


def test_a_sign_is_an_emergency_exactly_when_its_act_is_emergency() -> None:
    assert sign("ws-a", "urgent", act="emergency").emergency
    assert not sign("ws-b", "urgent", act="today").emergency
    assert not sign("ws-c").emergency
    assert sign("ws-d", refer=["doctor"]).refer == ("doctor",)


def test_the_test_content_loads_its_referrals_and_regions(content: Content) -> None:
    assert tuple(r.id for r in content.referrals) == REFERRAL_KINDS
    assert isinstance(content.referral_by_id["speech_therapy"], Referral)
    assert content.referral_by_id["speech_therapy"].name == "a speech-language therapist"
    us = content.region_by_id["US"]
    assert isinstance(us, Region) and us.emergency == "911"
    assert content.warning_sign_by_id["ws-lost-skills"].act == "days"


def test_content_made_in_code_has_no_referrals_or_regions() -> None:
    empty = Content((), (), (), ())
    assert empty.referrals == () and empty.regions == ()
    assert dict(empty.referral_by_id) == {} and dict(empty.region_by_id) == {}


# --- ottool schema ---------------------------------------------------------------------


def test_schema_describes_act_refer_referrals_and_regions(cli: Callable[..., Run]) -> None:
    run = cli("schema", "milestones")
    assert run.exit_code == 0, run.stderr
    schema = json.loads(run.stdout)
    defs = schema["$defs"]
    act = defs["WarningSign"]["properties"]["act"]
    assert sorted(act["enum"]) == sorted(vocabulary.SIGN_ACTS)
    assert "emergency number" in act["description"]
    for struct in ("WarningSign", "Domain", "Milestone"):
        refer = json.dumps(defs[struct]["properties"]["refer"])
        assert "referral" in refer, struct
    assert set(defs["MilestonesFile"]["properties"]) >= {"referrals", "regions"}
    region = defs["Region"]
    assert region["properties"]["id"]["pattern"] == "^[A-Z]{2}$"
    assert region["properties"]["name"]["$ref"] == "#/$defs/Text"
    assert region["properties"]["early_intervention"]["$ref"] == "#/$defs/Text"
    assert defs["Referral"]["properties"]["name"]["$ref"] == "#/$defs/Text"
    assert "emergency" not in defs["WarningSign"]["properties"]


@pytest.mark.parametrize("kind", REFERRAL_KINDS)
def test_referral_kinds_are_ids(kind: str) -> None:
    assert kind.replace("_", "").isalpha() and kind.islower()


# --- the shipped content: when to act, whom to see, where ------------------------------

SHIPPED = load_content()
SPEECH_AND_SOCIAL = {
    "doctor",
    "hearing_test",
    "speech_therapy",
    "developmental_screening",
    "autism_screening",
    "early_intervention",
}


def test_every_shipped_sign_acts_as_a_clinician_would() -> None:
    """Issue 19 #2 and #10: tone, weakness, one side, hand preference, lost skills, not
    walking at 18 months and not following with the eyes ask for days; blue lips while
    feeding is an emergency."""
    act = {w.id: w.act for w in SHIPPED.warning_signs}
    assert act["ws-feeding-breathing"] == "emergency"
    for sid in (
        "ws-lost-skills",
        "ws-stiff-or-floppy",
        "ws-weaker",
        "ws-one-side",
        "ws-hand-preference",
        "ws-not-walking",
        "ws-no-tracking",
    ):
        assert act[sid] == "days", sid
    assert [w.id for w in SHIPPED.warning_signs if w.emergency] == ["ws-feeding-breathing"]
    for w in SHIPPED.warning_signs:
        assert w.act in vocabulary.ACTS_OF_LEVEL[w.level], w.id


@pytest.mark.parametrize("sid", ["ws-not-walking", "ws-no-tracking"])
def test_signs_that_act_within_days_do_not_say_the_next_visit(sid: str) -> None:
    for lang in ("en", "es"):
        w = load_content(lang=lang).warning_sign_by_id[sid]
        assert "next visit" not in w.advice and "próxima consulta" not in w.advice, lang
        assert "within a few days" in w.advice or "próximos días" in w.advice, lang


def test_every_shipped_referral_kind_has_words_in_both_languages() -> None:
    spanish = load_content(lang="es")
    assert {r.id for r in SHIPPED.referrals} == set(REFERRAL_KINDS)
    assert spanish.referral_by_id["speech_therapy"].name == (
        "un terapeuta del lenguaje (fonoaudiólogo, logopeda)"
    )
    assert spanish.referral_by_id["physical_therapy"].name == "un fisioterapeuta"


def test_every_area_names_whom_to_see() -> None:
    refer = {d.id: set(d.refer) for d in SHIPPED.domains}
    assert all(refer.values())
    assert {"speech_therapy", "hearing_test"} <= refer["communication"]
    assert "physical_therapy" in refer["gross_motor"]
    for area in ("fine_motor", "sensory", "feeding"):
        assert "occupational_therapy" in refer[area], area
    assert "feeding_specialist" in refer["feeding"]


def test_lost_skills_and_missing_speech_lead_to_speech_hearing_autism_and_early_help() -> None:
    """Issue 19 #7: never only "a doctor or an occupational therapist"."""
    for sid in ("ws-lost-skills", "ws-social-communication", "ws-no-words", "ws-no-phrases"):
        assert set(SHIPPED.warning_sign_by_id[sid].refer) >= SPEECH_AND_SOCIAL, sid
    for mid in ("cm-18m-three-words", "se-18m-points-to-show", "cm-24m-two-words"):
        assert set(SHIPPED.milestone_by_id[mid].refer) >= SPEECH_AND_SOCIAL, mid


def test_signs_name_the_check_they_need() -> None:
    refer = {w.id: set(w.refer) for w in SHIPPED.warning_signs}
    assert "hearing_test" in refer["ws-hearing"]
    assert "eye_exam" in refer["ws-eyes"] and "eye_exam" in refer["ws-no-tracking"]
    assert "feeding_specialist" in refer["ws-feeding"]
    assert {"doctor", "physical_therapy", "early_intervention"} <= refer["ws-stiff-or-floppy"]
    # An emergency box does not end with an early-intervention referral (issue 19 #9).
    assert "early_intervention" not in refer["ws-feeding-breathing"]


def test_the_missing_speech_red_flags_are_sourced_and_age_ranged() -> None:
    """Issue 20 #7: no words by 16 months, no two-word phrases by 24 months (AAP)."""
    words = SHIPPED.warning_sign_by_id["ws-no-words"]
    phrases = SHIPPED.warning_sign_by_id["ws-no-phrases"]
    assert (words.min_months, words.max_months, words.act) == (16, 29, "days")
    assert (phrases.min_months, phrases.max_months, phrases.act) == (24, 29, "days")
    for w in (words, phrases):
        assert "AAP" in w.source and w.domains == ("communication",)
    named = SHIPPED.warning_sign_by_id["ws-social-communication"]
    assert named.min_months == 12 and "name" in named.text and named.act == "days"
    purees = SHIPPED.warning_sign_by_id["ws-only-purees"]
    assert purees.min_months == 12 and "Refuses all solids" in purees.text
    choking = SHIPPED.warning_sign_by_id["ws-feeding-breathing"]
    assert "chokes" in choking.text and choking.act == "emergency"


#: The emergency numbers shipped, each checked against the source named in the content.
EMERGENCY_NUMBERS = {
    "US": "911",
    "CA": "911",
    "MX": "911",
    "CO": "123",
    "ES": "112",
    "GB": "999",
    "AR": "107",
    "CL": "131",
    "PE": "106",
}


def test_regions_have_the_right_emergency_numbers_and_sources() -> None:
    assert {r.id: r.emergency for r in SHIPPED.regions} == EMERGENCY_NUMBERS
    assert SHIPPED.region_by_id["GB"].emergency_also == ("112",)
    for r in SHIPPED.regions:
        assert r.source.strip(), r.id


def test_region_ids_are_countries() -> None:
    from babel import Locale

    territories = Locale("en").territories
    for r in SHIPPED.regions:
        assert r.id in territories, r.id
        assert territories[r.id].split(" ")[0] in r.name or r.id in ("US", "GB"), r.id


def test_early_intervention_routes_by_region() -> None:
    spanish = load_content(lang="es")
    us = SHIPPED.region_by_id["US"].early_intervention
    assert "yourself" in us and "free" in us and "Find EI" in us
    assert "Atención Temprana" in spanish.region_by_id["ES"].early_intervention
    for cc in ("MX", "CO", "AR", "CL", "PE"):
        assert "médico de su hijo" in spanish.region_by_id[cc].early_intervention, cc


# --- ottool validate: the new fields ------------------------------------------------------

M = "milestones.yaml"
GRASP_SOURCE = "    advice: Mention it to your child's doctor.\n    source: AAP 2013\n"


@pytest.fixture
def folder(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Folder:
    """A copy of the test content, edited one replacement at a time (as in test_validate)."""
    monkeypatch.chdir(content_copy)
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return Folder(content_copy)


@pytest.fixture
def validate(folder: Folder, cli: Callable[..., Run]) -> Callable[..., Run]:
    def run(*extra: str) -> Run:
        return cli("validate", "--data-dir", folder.path, *extra)

    return run


FIELD_MISTAKES = {
    "a misspelt referral kind in a sign's refer": Mistake(
        M,
        GRASP_SOURCE + "    act: visit\n",
        GRASP_SOURCE + "    act: visit\n    refer: [doctor, ocupational_therapy]\n",
        "warning sign 'ws-no-grasp': refer 'ocupational_therapy' is not a known referral kind"
        " (did you mean 'occupational_therapy'?) (known: doctor, early_intervention,",
        at="    refer: [doctor, ocupational_therapy]",
    ),
    "an unknown referral kind in an area's refer, as a block list": Mistake(
        M,
        "  - id: fine_motor\n    name: Hands and fingers\n",
        "  - id: fine_motor\n    name: Hands and fingers\n    refer:\n      - doctor\n"
        "      - wizard\n",
        "domain 'fine_motor': refer 'wizard' is not a known referral kind (known: doctor,",
        at="      - wizard",
    ),
    "a referral kind that is not an id": Mistake(
        M,
        "    source: CDC LTSAE 2022\n  - id: se-6m-mirror",
        "    source: CDC LTSAE 2022\n    refer: [Speech Therapy]\n  - id: se-6m-mirror",
        "milestone 'fm-6m-reaches': refer: each item must be a referral kind id of lower-case"
        " letters, digits and underscores, such as 'speech_therapy', got 'Speech Therapy'",
        at="    refer: [Speech Therapy]",
    ),
    "an emergency sign that is only 'discuss'": Mistake(
        M,
        GRASP_SOURCE + "    act: visit\n",
        GRASP_SOURCE + "    act: emergency\n",
        "warning sign 'ws-no-grasp': act 'emergency' does not fit level 'discuss' (level"
        " 'discuss' goes with act 'days' or 'visit'; docs/content.md)",
        at="    act: emergency",
    ),
    "an urgent sign left for the next visit": Mistake(
        M,
        "    source: CDC LTSAE 2022\n    act: days\n",
        "    source: CDC LTSAE 2022\n    act: visit\n",
        "warning sign 'ws-lost-skills': act 'visit' does not fit level 'urgent' (level 'urgent'"
        " goes with act 'emergency' or 'today' or 'days'; docs/content.md)",
        at="    act: visit\n  - id: ws-no-tracking",
    ),
    "an act that is not one": Mistake(
        M,
        GRASP_SOURCE + "    act: visit\n",
        GRASP_SOURCE + "    act: soon\n",
        "warning sign 'ws-no-grasp': act must be one of 'emergency' (call the emergency number"
        " now), 'today' (the doctor today), 'days' (the doctor within a few days) or 'visit'"
        " (the next visit), got 'soon'",
        at="    act: soon",
    ),
    "a sign without act": Mistake(
        M,
        GRASP_SOURCE + "    act: visit\n",
        GRASP_SOURCE,
        "warning sign 'ws-no-grasp': missing 'act'",
        at="  - id: ws-no-grasp",
    ),
    "the old emergency flag": Mistake(
        M,
        GRASP_SOURCE + "    act: visit\n",
        GRASP_SOURCE + "    act: visit\n    emergency: true\n",
        "warning sign 'ws-no-grasp': unknown key 'emergency'",
        at="    emergency: true",
    ),
    "a referral kind left out": Mistake(
        M,
        "  - id: eye_exam\n    name: {en: an eye examination, es: un examen de la vista}\n",
        "",
        "referrals: no entry for 'eye_exam' (results name every shipped referral kind: each"
        " needs its words; docs/content.md)",
        at="  - id: doctor",
    ),
    "a region in lower case": Mistake(
        M,
        "  - id: ES\n",
        "  - id: es\n",
        "region 'es': id must be a country code of two capital letters (ISO 3166), such as"
        " 'MX', got 'es'",
    ),
    "a region written twice": Mistake(
        M,
        "  - id: ES\n",
        "  - id: US\n",
        "region 'US': the id is used twice, on line",
    ),
    "an emergency number that is not one": Mistake(
        M,
        '    emergency: "112"\n',
        "    emergency: 112\n",
        "region 'ES': emergency must be an emergency number of 2 to 4 digits, written in"
        " quotes, such as '112', got 112",
    ),
    "a region without its early-intervention route": Mistake(
        M,
        "    early_intervention: {en: Atención Temprana (early care), es: Atención Temprana}\n",
        "",
        "region 'ES': missing 'early_intervention'",
        at="  - id: ES",
    ),
}  # fmt: skip


@pytest.mark.parametrize("mistake", FIELD_MISTAKES.values(), ids=FIELD_MISTAKES.keys())
def test_a_mistake_in_the_new_fields_is_one_problem_at_its_line(
    folder: Folder, validate: Callable[..., Run], mistake: Mistake
) -> None:
    line = folder.edit(mistake.file, mistake.old, mistake.new)
    if mistake.at is not None:
        line = folder.line(mistake.file, mistake.at)
    problem = the_error(validate())
    assert problem.startswith(f"{mistake.file}:{line}: "), problem
    assert mistake.message in problem


def test_content_without_a_referrals_table_is_one_problem(
    folder: Folder, validate: Callable[..., Run]
) -> None:
    text = (folder.path / M).read_text()
    (folder.path / M).write_text(text[: text.index("\nreferrals:")] + "\n")
    assert the_error(validate()) == (
        f"{M}:2: missing the list 'referrals' (the words for each referral kind: "
        + ", ".join(REFERRAL_KINDS)
        + "; docs/content.md)"
    )


def test_a_referral_kind_written_twice_is_also_one_kind_missing(
    folder: Folder, validate: Callable[..., Run]
) -> None:
    line = folder.edit(M, "  - id: eye_exam\n", "  - id: hearing_test\n")
    first = folder.line(M, "  - id: hearing_test\n    name: {en: a hearing test")
    missing, duplicate = errors(validate())  # in line order
    assert duplicate.startswith(f"{M}:{line}: referral 'hearing_test': the id is used twice")
    assert f"on line {first}" in duplicate
    assert "referrals: no entry for 'eye_exam'" in missing


@pytest.fixture
def spanish_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folder:
    """A copy of the test content with every text in Spanish too."""
    shutil.copytree(FIXTURE_DIR.parent / "content-es", tmp_path / "content")
    monkeypatch.chdir(tmp_path / "content")
    return Folder(tmp_path / "content")


def test_spanish_is_required_for_referrals_and_regions(
    spanish_folder: Folder, cli: Callable[..., Run]
) -> None:
    folder = spanish_folder
    line = folder.edit(
        M,
        "    name: {en: a hearing test, es: una prueba de audición}\n",
        "    name: a hearing test\n",
    )
    folder.edit(
        M,
        "    early_intervention: {en: Atención Temprana (early care), es: Atención Temprana}\n",
        "    early_intervention: Atención Temprana (early care)\n",
    )
    ei = folder.line(M, "    early_intervention: Atención Temprana (early care)")
    assert cli("validate", "--data-dir", folder.path).exit_code == 0
    assert errors(cli("validate", "--data-dir", folder.path, "--language", "es")) == [
        f"{M}:{line}: referral 'hearing_test': name has no Spanish ('es') text"
        " (English: 'a hearing test')",
        f"{M}:{ei}: region 'ES': early_intervention has no Spanish ('es') text"
        " (English: 'Atención Temprana (early care)')",
    ]
