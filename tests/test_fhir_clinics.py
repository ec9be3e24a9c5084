"""FHIR that clinics can load (docs/fhir.md): responses that answer their form, patients,
transaction Bundles, code systems, and responses ottool must refuse or warn about.

Everything ottool writes is checked with fhir.resources, the R4 invariants (FHIRPath)
and the cross-references (tests/fhirvalid.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ANSWERS_DIR, FIXTURE_DIR, Run
from fhirvalid import (
    OTHER_TOOL,
    OTHER_TOOL_YAML,
    SPANISH,
    SPANISH_YAML,
    assert_answers_form,
    assert_valid_fhir,
    codings,
    fhir_environment,
    resources_of,
)
from ottool.core.content import load_content
from ottool.storage.fhir import BASE, build_questionnaire, to_json
from properties import examples

CONTENT = load_content(FIXTURE_DIR)


@pytest.fixture(autouse=True)
def _fixture_content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fhir_environment(monkeypatch, tmp_path / "home", FIXTURE_DIR)


def _run(cli: Callable[..., Run], *args: str | Path) -> Run:
    run = cli(*args)
    assert run.exit_code == 0, run.stderr
    return run


def _screen(cli: Callable[..., Run], answers: Path, *more: str) -> dict[str, Any]:
    return json.loads(_run(cli, "screen", "--answers", answers, *more).stdout)  # type: ignore[no-any-return]


def _form(months: int) -> dict[str, Any]:
    return json.loads(to_json(build_questionnaire(CONTENT, months)))  # type: ignore[no-any-return]


def _write(tmp_path: Path, response: dict[str, Any]) -> Path:
    path = tmp_path / "response.json"
    path.write_text(json.dumps(response, indent=2, ensure_ascii=False))
    return path


def _spanish() -> dict[str, Any]:
    return json.loads(SPANISH.read_text())  # type: ignore[no-any-return]


# --- responses from forms tools score as the same answers in YAML ------------------------


@pytest.mark.parametrize(
    ("response", "answers"), [(SPANISH, SPANISH_YAML), (OTHER_TOOL, OTHER_TOOL_YAML)]
)
def test_a_response_in_spanish_or_from_a_forms_tool_scores_exactly_as_the_yaml(
    cli: Callable[..., Run], response: Path, answers: Path
) -> None:
    """Full dateTime authored, nested groups, item text, meta, extensions, language."""
    as_json = _screen(cli, response, "--format", "json")
    assert as_json == _screen(cli, answers, "--format", "json")
    assert as_json["checklist"]["months"] == 4  # 32 weeks: the corrected age's checklist


def test_every_linkid_of_ottools_response_is_an_item_of_its_form(cli: Callable[..., Run]) -> None:
    """Earlier milestones go in the form's earlier group; later ones are left out, said."""
    run = _run(cli, "screen", "--answers", OTHER_TOOL_YAML, "--format", "fhir")
    bundle = json.loads(run.stdout)
    assert_valid_fhir(bundle)
    [response] = resources_of(bundle, "QuestionnaireResponse")
    assert_answers_form(response, _form(4))
    # A premature baby's answers to an earlier and a later checklist.
    both = OTHER_TOOL_YAML.read_text().replace(
        "answers:\n", "answers:\n  gm-2m-head-up: yes\n  gm-6m-rolls: sometimes\n"
    )
    _earlier_and_later(cli, both)


def _earlier_and_later(cli: Callable[..., Run], text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.yaml"
        answers.write_text(text)
        run = _run(cli, "screen", "--answers", answers, "--format", "fhir")
    bundle = json.loads(run.stdout)
    assert_valid_fhir(bundle)
    [response] = resources_of(bundle, "QuestionnaireResponse")
    assert_answers_form(response, _form(4))
    earlier = next(i for i in response["item"] if i["linkId"] == "earlier-milestones")
    assert earlier["item"][0]["linkId"] == "earlier-2m"
    assert earlier["item"][0]["item"][0]["linkId"] == "gm-2m-head-up"
    assert "gm-6m-rolls" not in run.stdout
    assert "leaves it out: gm-6m-rolls" in run.stderr


def test_the_weeks_are_answered_only_when_the_form_asks_them(cli: Callable[..., Run]) -> None:
    term = SPANISH_YAML.read_text().replace("  gestational_weeks: 32\n", "")
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.yaml"
        answers.write_text(term)
        bundle = json.loads(_run(cli, "screen", "--answers", answers, "--format", "fhir").stdout)
    [response] = resources_of(bundle, "QuestionnaireResponse")
    assert_answers_form(response, _form(6))
    found = {i["linkId"]: i for i in response["item"]}
    assert found["born-early"]["answer"] == [{"valueBoolean": False}]
    assert "gestational-weeks" not in found


# --- patients, transactions, timestamps ---------------------------------------------------


def test_patient_id_is_the_subject_of_the_response_and_every_observation(
    cli: Callable[..., Run],
) -> None:
    bundle = _screen(cli, OTHER_TOOL_YAML, "--format", "fhir", "--patient-id", "pat-0042")
    assert_valid_fhir(bundle)
    for entry in bundle["entry"]:
        assert entry["resource"]["subject"] == {"reference": "Patient/pat-0042"}
    for observation in resources_of(bundle, "Observation"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", observation["issued"])
        assert observation["issued"] == bundle["timestamp"]
        assert observation["interpretation"][0]["text"]
    overall = resources_of(bundle, "Observation")[-1]
    assert overall["interpretation"][0]["coding"][0]["code"] == "A"  # discuss: abnormal
    # Another patient, another screening: other ids.
    other = _screen(cli, OTHER_TOOL_YAML, "--format", "fhir", "--patient-id", "pat-0043")
    assert other["entry"][0]["fullUrl"] != bundle["entry"][0]["fullUrl"]


@pytest.mark.parametrize("bad", ["", "a b", "x" * 65, "Patient/1", "ñ"])
def test_a_patient_id_fhir_does_not_allow_is_one_clear_line(
    cli: Callable[..., Run], bad: str
) -> None:
    run = cli("screen", "--answers", OTHER_TOOL_YAML, "--format", "fhir", "--patient-id", bad)
    assert run.exit_code == 1
    assert "--patient-id must be a FHIR id" in run.stderr
    assert "Traceback" not in run.output


def test_patient_id_and_bundle_go_with_format_fhir(cli: Callable[..., Run]) -> None:
    run = cli("screen", "--answers", OTHER_TOOL_YAML, "--patient-id", "p1")
    assert run.exit_code == 1
    assert "--patient-id and --bundle go with --format fhir" in run.stderr


def test_an_incoming_subject_encounter_identifier_and_author_are_kept(
    cli: Callable[..., Run],
) -> None:
    bundle = _screen(cli, SPANISH, "--format", "fhir")
    assert_valid_fhir(bundle)
    [response] = resources_of(bundle, "QuestionnaireResponse")
    assert response["subject"] == {"reference": "Patient/sam-77", "display": "Sam"}
    assert response["encounter"] == {"reference": "Encounter/visit-9"}
    assert response["identifier"] == {"system": "http://clinic.example/forms", "value": "88"}
    assert response["author"] == {"reference": "RelatedPerson/mother-of-sam"}
    for observation in resources_of(bundle, "Observation"):
        assert observation["subject"] == response["subject"]
        assert observation["encounter"] == response["encounter"]
        assert observation["performer"] == [response["author"]]
    # --patient-id names the subject over the incoming one.
    again = _screen(cli, SPANISH, "--format", "fhir", "--patient-id", "p9")
    assert resources_of(again, "QuestionnaireResponse")[0]["subject"] == {"reference": "Patient/p9"}


def test_a_transaction_bundle_puts_every_resource_and_is_the_same_when_sent_twice(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _screen(cli, OTHER_TOOL_YAML, "--format", "fhir", "--bundle", "transaction")
    assert_valid_fhir(first)
    assert first["type"] == "transaction"
    for entry in first["entry"]:
        resource = entry["resource"]
        assert entry["request"] == {
            "method": "PUT",
            "url": f"{resource['resourceType']}/{resource['id']}",
        }
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1754999999")  # later: same ids, new timestamp
    second = _screen(cli, OTHER_TOOL_YAML, "--format", "fhir", "--bundle", "transaction")
    assert [e["request"] for e in second["entry"]] == [e["request"] for e in first["entry"]]
    assert second["timestamp"] != first["timestamp"]
    collection = _screen(cli, OTHER_TOOL_YAML, "--format", "fhir")
    assert collection["type"] == "collection"
    assert all("request" not in e for e in collection["entry"])


# --- code systems -------------------------------------------------------------------------


def test_every_code_ottool_writes_is_in_one_of_its_code_systems(cli: Callable[..., Run]) -> None:
    systems = json.loads(_run(cli, "fhir", "codesystem").stdout)
    assert_valid_fhir(systems)
    codes = {
        entry["resource"]["url"]: {c["code"] for c in entry["resource"]["concept"]}
        for entry in systems["entry"]
    }
    for entry in systems["entry"]:
        assert entry["fullUrl"] == entry["resource"]["url"]
        assert entry["resource"]["count"] == len(entry["resource"]["concept"])
    written = [
        _screen(cli, OTHER_TOOL_YAML, "--format", "fhir"),
        _screen(cli, SPANISH, "--format", "fhir"),
        json.loads(_run(cli, "fhir", "questionnaire").stdout),
    ]
    used = [c for resource in written for c in codings(resource)]
    ours = [c for c in used if c.get("system", "").startswith(BASE)]
    assert len(ours) > 20
    for coding in ours:
        assert coding["code"] in codes[coding["system"]], coding
    spanish = next(
        c for e in systems["entry"] for c in e["resource"]["concept"] if c["code"] == "not-yet"
    )
    assert spanish["designation"] == [{"language": "es", "value": "Todavía no"}]
    transaction = json.loads(_run(cli, "fhir", "codesystem", "--bundle", "transaction").stdout)
    assert_valid_fhir(transaction)


def test_the_overall_observation_carries_the_act_referrals_and_next_check(
    cli: Callable[..., Run],
) -> None:
    """A reported sign: the act, each referral and the next-check date are parts of the
    overall Observation, coded in ottool's own CodeSystems (Spanish as designations)."""
    answers = ANSWERS_DIR / "preterm-32-weeks.yaml"
    result = _screen(cli, answers, "--format", "json")
    assert result["warning_signs"] and result["referrals"]
    bundle = _screen(cli, answers, "--format", "fhir")
    assert_valid_fhir(bundle)
    overall = next(
        o
        for o in resources_of(bundle, "Observation")
        if o["code"]["coding"][0]["code"] == "overall"
    )
    parts: dict[str, list[dict[str, Any]]] = {}
    for component in overall["component"]:
        parts.setdefault(component["code"]["coding"][0]["code"], []).append(component)
    [act] = parts["act"]
    assert act["valueCodeableConcept"]["coding"][0]["system"] == f"{BASE}/CodeSystem/act"
    assert act["valueCodeableConcept"]["coding"][0]["code"] == result["act"] == "days"
    referred = [p["valueCodeableConcept"]["coding"][0]["code"] for p in parts["referral"]]
    assert referred == result["referrals"]
    [when] = parts["next-check"]
    assert when["valueDateTime"] == result["next_check"]["date"]
    [why] = parts["next-check-reason"]
    assert why["valueCodeableConcept"]["coding"][0]["code"] == result["next_check"]["why"]
    systems = json.loads(_run(cli, "fhir", "codesystem").stdout)
    codes = {
        e["resource"]["url"]: {c["code"]: c for c in e["resource"]["concept"]}
        for e in systems["entry"]
    }
    for coding in codings(overall):
        if coding["system"].startswith(BASE):
            assert coding["code"] in codes[coding["system"]], coding
    emergency = codes[f"{BASE}/CodeSystem/act"]["emergency"]
    assert emergency["designation"][0]["language"] == "es"
    assert "{" not in emergency["display"] + emergency["designation"][0]["value"]
    assert set(codes[f"{BASE}/CodeSystem/referral"]) >= set(result["referrals"])
    assert all(c.get("designation") for c in codes[f"{BASE}/CodeSystem/referral"].values())


# --- responses ottool refuses, or reads with a warning --------------------------------------


def test_an_unknown_modifier_extension_anywhere_refuses_the_response(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    retracted = [{"url": "http://example.org/answer-retracted", "valueBoolean": True}]
    for place in ("resource", "item", "answer"):
        response = _spanish()
        if place == "resource":
            response["modifierExtension"] = retracted
        elif place == "item":
            response["item"][5]["item"][0]["modifierExtension"] = retracted
        else:
            response["item"][5]["item"][0]["answer"][0]["modifierExtension"] = retracted
        run = cli("screen", "--answers", _write(tmp_path, response))
        assert run.exit_code == 1, place
        assert "modifierExtension ottool does not understand" in run.stderr
        assert "http://example.org/answer-retracted" in run.stderr
        if place != "resource":
            assert "item 'gm-4m-head-steady'" in run.stderr


def test_a_response_to_another_form_is_read_with_a_warning(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    response = _spanish()
    response["questionnaire"] = "http://loinc.org/q/44249-1"  # a PHQ-9
    path = _write(tmp_path, response)
    for fmt in ("fhir", "json", "terminal"):
        run = _run(cli, "screen", "--answers", path, "--format", fmt)
        assert "answers the form http://loinc.org/q/44249-1, not one of ottool's" in run.stderr
    ours = _run(cli, "screen", "--answers", SPANISH, "--format", "fhir")
    assert "not one of ottool's" not in ours.stderr


@pytest.mark.parametrize(
    ("link_id", "answer", "message"),
    [
        ("birth-date", {"valueDateTime": "2025-01-01T08:00:00Z"},
         "item 'birth-date': the answer must be a date (valueDate), got valueDateTime"),
        ("gestational-weeks", {"valueDecimal": 30.5},
         "item 'gestational-weeks': the weeks of pregnancy must be a whole number"),
        ("gm-4m-pushes-up-elbows", {"valueString": "yes"},
         "item 'gm-4m-pushes-up-elbows': the answer must be a coding (valueCoding), got "
         "valueString"),
        ("gm-4m-pushes-up-elbows", {"valueDecimal": 1},
         "item 'gm-4m-pushes-up-elbows': the answer must be a coding (valueCoding), got "
         "valueDecimal"),
        ("ws-no-grasp", {"valueQuantity": {"value": 1}},
         "item 'ws-no-grasp': the answer must be true or false (valueBoolean), got valueQuantity"),
        ("gm-4m-pushes-up-elbows", {"valueCoding": {"code": "yes"}, "valueBoolean": True},
         "the answer has 2 values (valueCoding, valueBoolean); give one"),
        ("born-early", {"valueString": "yes"}, "item 'born-early': the answer must be true"),
    ],
)  # fmt: skip
def test_an_answer_in_a_value_type_ottool_does_not_read_is_an_error_never_a_default(
    cli: Callable[..., Run], tmp_path: Path, link_id: str, answer: dict[str, Any], message: str
) -> None:
    response = _spanish()
    _set_answer(response["item"], link_id, answer)
    run = cli("screen", "--answers", _write(tmp_path, response))
    assert run.exit_code == 1
    assert message in run.stderr
    assert "Traceback" not in run.output


def test_an_unknown_link_id_is_reported_whatever_its_value_type(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    response = _spanish()
    response["item"].append({"linkId": "head-circumference", "answer": [{"valueDecimal": 41.5}]})
    run = cli("screen", "--answers", _write(tmp_path, response))
    assert run.exit_code == 1
    assert "item 'head-circumference': is not a question of ottool's milestone check" in run.stderr


def test_whole_weeks_as_a_decimal_are_those_weeks(cli: Callable[..., Run], tmp_path: Path) -> None:
    response = _spanish()
    _set_answer(response["item"], "gestational-weeks", {"valueDecimal": 32.0})
    assert _screen(cli, _write(tmp_path, response), "--format", "json") == _screen(
        cli, SPANISH_YAML, "--format", "json"
    )


def test_born_early_without_the_weeks_is_an_error_not_full_term(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    response = _spanish()
    response["item"] = [i for i in response["item"] if i["linkId"] != "gestational-weeks"]
    run = cli("screen", "--answers", _write(tmp_path, response))
    assert run.exit_code == 1
    assert "item 'born-early': the child was born early: give the weeks" in run.stderr


@pytest.mark.parametrize("where", ["weeks", "meta", "extension"])
def test_a_number_of_thousands_of_digits_anywhere_is_one_clear_line(
    cli: Callable[..., Run], tmp_path: Path, where: str
) -> None:
    huge = "9" * 5000
    text = SPANISH.read_text()
    if where == "weeks":
        text = text.replace('"valueInteger": 32', f'"valueInteger": {huge}')
    elif where == "meta":
        text = text.replace('"source": "#tablet-3"', f'"versionId": {huge}')
    else:
        text = text.replace('"valueString": "tablet"', f'"valueInteger": {huge}')
    path = tmp_path / "response.json"
    path.write_text(text)
    run = cli("screen", "--answers", path)
    assert run.exit_code == 1
    assert run.stderr.strip() == f"{path}: the JSON holds a number too long to read"


def test_thousands_of_problems_are_listed_up_to_fifty_then_counted(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    response = _spanish()
    response["item"] += [
        {"linkId": f"extra-{n}", "answer": [{"valueString": "x"}]} for n in range(3000)
    ]
    run = cli("screen", "--answers", _write(tmp_path, response))
    assert run.exit_code == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 51
    assert lines[-1].endswith("... and 2950 more problems")
    assert "(did you mean" not in lines[20]  # suggestions only for the first few


def test_lines_point_at_each_items_own_linkid_even_with_escapes(tmp_path: Path) -> None:
    from ottool.storage.fhir.response import _link_id_lines

    text = '{\n"linkId": "a\\"b",\n\n "linkId" :"c",\n"linkId": "a\\"b"}'
    assert {k: list(v) for k, v in _link_id_lines(text).items()} == {'a"b': [2, 5], "c": [4]}


def _set_answer(items: list[dict[str, Any]], link_id: str, answer: dict[str, Any]) -> None:
    for item in items:
        if item["linkId"] == link_id:
            item["answer"] = [answer]
            return
        _set_answer(item.get("item", []), link_id, answer)


# --- fuzzing: any value type, any size, any number ----------------------------------------

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.dictionaries(st.sampled_from(["code", "system", "display", "value"]), st.text(max_size=8)),
    st.lists(st.integers(), max_size=3),
)
_KEYS = st.sampled_from(
    ["valueBoolean", "valueInteger", "valueDecimal", "valueDate", "valueDateTime", "valueTime",
     "valueString", "valueUri", "valueCoding", "valueQuantity", "valueReference", "item",
     "extension", "modifierExtension"]
)  # fmt: skip
_LINK_IDS = st.sampled_from(
    ["birth-date", "born-early", "gestational-weeks", "child-name", "concerns",
     "gm-4m-head-steady", "ws-no-grasp", "earlier-milestones", "nobody-knows", ""]
)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=st.lists(
        st.tuples(_LINK_IDS, st.dictionaries(_KEYS, _VALUES, max_size=3)), max_size=12
    ),
    padding=st.integers(0, 2000),
    huge=st.booleans(),
)
def test_any_response_is_answers_or_clear_problems_never_a_crash(
    answers: list[tuple[str, dict[str, Any]]], padding: int, huge: bool
) -> None:
    from ottool.core.errors import InputError
    from ottool.storage.fhir import answers_from_fhir

    response = _spanish()
    response["item"] += [{"linkId": link_id, "answer": [value]} for link_id, value in answers]
    response["item"] += [{"linkId": f"note-{n}", "text": "."} for n in range(padding)]
    text = json.dumps(response, indent=1)
    if huge:
        text = text.replace('"valueInteger": 32', '"valueInteger": ' + "7" * 4400, 1)
    try:
        answers_from_fhir(text, CONTENT, "r.json")
    except InputError as error:
        assert error.problems
        assert all(p.message and "Traceback" not in p.message for p in error.problems)
        assert len(error.problems) <= 51
