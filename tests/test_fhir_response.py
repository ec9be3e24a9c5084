"""FHIR screenings (docs/design.md §9): `screen --format fhir`, QuestionnaireResponses from any
forms tool as `--answers`, and `history export --format fhir`."""

from __future__ import annotations

import datetime as dt
import json
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DIR, Run
from fhirvalid import (
    FHIR_FIXTURES,
    OTHER_TOOL,
    OTHER_TOOL_YAML,
    assert_answers_form,
    assert_valid_fhir,
    fhir_environment,
    resources_of,
)
from ottool.core.activity_choice import plan_for_result
from ottool.core.content import load_content
from ottool.core.errors import InputError
from ottool.core.screening import ANSWERS, score
from ottool.storage.answerfile import read_answers
from ottool.storage.fhir import (
    ANSWER_CODES,
    ANSWER_SYSTEM,
    BASE,
    OBSERVATION_SYSTEM,
    STATUS_SYSTEM,
    build_questionnaire,
)
from ottool.storage.result_json import result_to_data
from properties import examples

CONTENT = load_content(FIXTURE_DIR)


@pytest.fixture(autouse=True)
def _fixture_content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fhir_environment(monkeypatch, tmp_path / "home", FIXTURE_DIR)


def _screen(cli: Callable[..., Run], answers: Path, fmt: str = "json") -> dict[str, Any]:
    run = cli("screen", "--answers", answers, "--format", fmt)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_a_screening_is_a_bundle_of_its_response_and_an_observation_per_area(
    cli: Callable[..., Run],
) -> None:
    bundle = _screen(cli, OTHER_TOOL_YAML, "fhir")
    result = _screen(cli, OTHER_TOOL_YAML, "json")
    assert_valid_fhir(bundle)
    assert bundle["type"] == "collection"
    [response] = resources_of(bundle, "QuestionnaireResponse")
    response_url = bundle["entry"][0]["fullUrl"]
    assert response_url == f"urn:uuid:{response['id']}"
    assert response["questionnaire"] == f"{BASE}/Questionnaire/milestones-4m|{CONTENT.version}"
    assert response["status"] == "completed"
    assert response["authored"] == "2025-08-01"
    observations = resources_of(bundle, "Observation")
    assert len(observations) == len(CONTENT.domains) + 1
    for obs in observations:
        assert obs["status"] == "final"
        assert obs["category"][0]["coding"][0]["code"] == "survey"
        assert obs["effectiveDateTime"] == "2025-08-01"
        assert obs["derivedFrom"] == [{"reference": response_url}]
        assert obs["code"]["coding"][0]["system"] == OBSERVATION_SYSTEM
        assert obs["valueCodeableConcept"]["coding"][0]["system"] == STATUS_SYSTEM
    found = {
        o["code"]["coding"][0]["code"]: o["valueCodeableConcept"]["coding"][0]["code"]
        for o in observations
    }
    expected = {d["id"]: d["status"] for d in result["domains"]} | {"overall": result["overall"]}
    assert found == expected
    assert found["overall"] == "discuss"  # a warning sign was ticked
    overall = observations[-1]
    assert len(overall["hasMember"]) == len(CONTENT.domains)
    # The ticked warning sign behind the overall step, with its level, then the act,
    # the referrals and the next check (tests/test_fhir_clinics.py).
    [sign] = [c for c in overall["component"] if c["code"]["coding"][0]["code"].startswith("ws-")]
    assert sign["code"]["coding"][0]["code"] == "ws-no-grasp"
    assert sign["code"]["coding"][0]["display"] == "Cannot grasp or hold objects"
    assert sign["valueCodeableConcept"]["coding"][0]["code"] == "discuss"
    assert [w["id"] for w in result["warning_signs"]] == ["ws-no-grasp"]


def test_the_response_holds_every_answer_with_codes_from_ottools_code_system(
    cli: Callable[..., Run],
) -> None:
    bundle = _screen(cli, OTHER_TOOL_YAML, "fhir")
    [response] = resources_of(bundle, "QuestionnaireResponse")
    values: dict[str, Any] = {}
    stack = list(response["item"])
    while stack:
        item = stack.pop()
        stack.extend(item.get("item", []))
        for answer in item.get("answer", []):
            values[item["linkId"]] = answer
    given = yaml.safe_load(OTHER_TOOL_YAML.read_text())
    words = {True: "yes", "not yet": "not-yet", "sometimes": "sometimes"}  # YAML's yes is True
    assert values["birth-date"] == {"valueDate": "2025-01-01"}
    assert values["gestational-weeks"] == {"valueInteger": 32}
    assert values["child-name"] == {"valueString": "Sam"}
    assert values["concerns"] == {"valueString": given["concerns"]}
    for milestone_id, answer in given["answers"].items():
        coding = values[milestone_id]["valueCoding"]
        assert coding["system"] == ANSWER_SYSTEM
        assert coding["code"] == words[answer]
    for sign_id, ticked in given["warning_signs"].items():
        assert values[sign_id] == {"valueBoolean": ticked}


def test_the_bundle_goes_to_a_private_file_with_output(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "screening.json"
    run = cli("screen", "--answers", OTHER_TOOL_YAML, "--format", "fhir", "--output", out)
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text()) == _screen(cli, OTHER_TOOL_YAML, "fhir")


def test_a_bundle_ottool_wrote_scores_again_to_the_same_result(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    bundle_file = tmp_path / "bundle.json"
    bundle_file.write_text(json.dumps(_screen(cli, OTHER_TOOL_YAML, "fhir")))
    response_file = tmp_path / "response.json"
    [response] = resources_of(json.loads(bundle_file.read_text()), "QuestionnaireResponse")
    response_file.write_text(json.dumps(response, indent=2))
    expected = _screen(cli, OTHER_TOOL_YAML)
    assert _screen(cli, bundle_file) == expected
    assert _screen(cli, response_file) == expected


def test_a_response_from_another_forms_tool_scores_like_the_same_answers_in_yaml(
    cli: Callable[..., Run],
) -> None:
    """Different item order, extra display text, foreign groups, nested answers, a time."""
    assert _screen(cli, OTHER_TOOL) == _screen(cli, OTHER_TOOL_YAML)


def test_every_problem_of_a_response_is_reported_in_one_run_with_its_link_id(
    cli: Callable[..., Run],
) -> None:
    run = cli("screen", "--answers", FHIR_FIXTURES / "bad-response.json")
    assert run.exit_code == 1
    assert "Traceback" not in run.output
    lines = run.stderr.strip().splitlines()
    file = str(FHIR_FIXTURES / "bad-response.json")
    assert lines == [
        f"{file}:6: item 'gestational-weeks': the answer is not valid FHIR: valueInteger "
        "must be a whole number, got text",
        f"{file}:7: item 'gm-4m-head-stedy': is not a question of ottool's milestone check "
        "(did you mean 'gm-4m-head-steady'?) (questions: milestone and warning-sign ids, "
        "child-name, birth-date, born-early, gestational-weeks, concerns)",
        f"{file}:8: item 'gm-4m-pushes-up-elbows': the answer must be a coding (valueCoding), "
        "got valueString",
        f"{file}:9: item 'fm-4m-holds-toy': 'maybe' is not an answer code (codes: yes, "
        f"sometimes, not-yet, unsure in {ANSWER_SYSTEM})",
        f"{file}:10: item 'ws-no-grasp': the answer must be true or false (valueBoolean), "
        "got valueCoding",
        f"{file}: item 'birth-date': the birth date is required (an item 'birth-date')",
    ]


def _response(items: list[dict[str, Any]], **extra: Any) -> str:
    return json.dumps({"resourceType": "QuestionnaireResponse", "status": "completed",
                       "authored": "2025-08-01", "item": items} | extra, indent=2)  # fmt: skip


BIRTH = {"linkId": "birth-date", "answer": [{"valueDate": "2025-01-01"}]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"resourceType": "Patient", "id": "p1"}', "this is a FHIR Patient resource"),
        ('{"resourceType": "Bundle", "type": "collection", "entry": []}', "holds 0 Question"),
        ('{"resourceType": "QuestionnaireResponse",\n "item": [}', ":2: this is not valid JSON"),
        (_response([{"linkId": "birth-date", "answer": [{"valueDate": "2025-01"}]}]),
         "the birth date must be a full date like 2026-04-01, got '2025-01'"),
        (_response([BIRTH], authored="last week"), "'authored' must be a date"),
        (_response([BIRTH, {"linkId": "gestational-weeks", "answer": [{"valueInteger": 50}]}]),
         "item 'gestational-weeks': gestational weeks must be between 22 and 44, got 50"),
        (_response([BIRTH], authored="2024-12-01"), "is before the birth date"),
        (_response([BIRTH, BIRTH]), "item 'birth-date': is answered more than once"),
        (_response([BIRTH, {"linkId": "gm-4m-pushes-up-elbows", "answer": [
            {"valueCoding": {"code": "yes"}}, {"valueCoding": {"code": "no"}}]}]),
         "item 'gm-4m-pushes-up-elbows': has 2 answers; give one"),
        (_response([BIRTH], status="entered-in-error"), "marked entered-in-error"),
        (_response([{"text": "no link"}, BIRTH]), "item[0] has no linkId"),
        (_response([BIRTH, {"linkId": "gm-4m-pushes-up-elbows", "answer": [
            {"valueCoding": {"display": "Yes"}}]}]),
         "item 'gm-4m-pushes-up-elbows': the answer's coding has no code (codes: yes,"),
        ('{"resourceType": "QuestionnaireResponse", "item": ' + "[" * 5000 + "]" * 5000 + "}",
         "nested too deeply"),
    ],
)  # fmt: skip
def test_a_response_ottool_cannot_use_is_one_clear_line(
    cli: Callable[..., Run], tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "response.json"
    path.write_text(text)
    run = cli("screen", "--answers", path)
    assert run.exit_code == 1
    assert "Traceback" not in run.output
    assert message in run.stderr
    assert run.stderr.startswith(str(path))


def test_a_problem_points_at_the_line_of_that_very_item(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "response.json"
    path.write_text(_response([BIRTH, {"linkId": "page", "item": [BIRTH]}]))
    lines = path.read_text().splitlines()
    second = [n for n, line in enumerate(lines, 1) if '"birth-date"' in line][1]
    run = cli("screen", "--answers", path)
    assert run.exit_code == 1
    assert run.stderr.strip() == f"{path}:{second}: item 'birth-date': is answered more than once"


def test_a_response_saved_with_a_byte_order_mark_is_read(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "response.json"
    path.write_bytes(b"\xef\xbb\xbf" + OTHER_TOOL.read_bytes())
    assert _screen(cli, path) == _screen(cli, OTHER_TOOL_YAML)


def test_unanswered_items_with_other_link_ids_are_only_the_forms_own(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "response.json"
    path.write_text(_response([BIRTH, {"linkId": "consent-text", "text": "Read me"}]))
    yaml_file = tmp_path / "answers.yaml"
    yaml_file.write_text("child:\n  birth_date: 2025-01-01\ndate: 2025-08-01\n")
    assert _screen(cli, path) == _screen(cli, yaml_file)


# --- the same answers as YAML and as FHIR give the same result ------------------------

TODAY = dt.date(2026, 1, 1)
_words = st.text(alphabet="abc xyzÉñ'", max_size=12)


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    birth = draw(st.dates(dt.date(2024, 1, 1), dt.date(2025, 6, 30)))
    days = draw(st.integers(0, 240))
    milestones = draw(
        st.dictionaries(
            st.sampled_from([m.id for m in CONTENT.milestones]), st.sampled_from(ANSWERS)
        )
    )
    signs = draw(
        st.dictionaries(st.sampled_from([w.id for w in CONTENT.warning_signs]), st.booleans())
    )
    return {
        "name": draw(st.none() | _words),
        "birth": birth,
        "date": birth + dt.timedelta(days=days),
        "weeks": draw(st.none() | st.integers(22, 44)),
        "milestones": milestones,
        "signs": signs,
        "concerns": draw(st.none() | _words),
    }


def _as_yaml(a: dict[str, Any]) -> str:
    child: dict[str, Any] = {"birth_date": a["birth"].isoformat()}
    if a["name"] is not None:
        child["name"] = a["name"]
    if a["weeks"] is not None:
        child["gestational_weeks"] = a["weeks"]
    data = {"child": child, "date": a["date"].isoformat(), "answers": a["milestones"],
            "warning_signs": a["signs"]}  # fmt: skip
    if a["concerns"] is not None:
        data["concerns"] = a["concerns"]
    return yaml.safe_dump(data, allow_unicode=True)


def _as_response(a: dict[str, Any], data: st.DataObject) -> str:
    """The answers as another tool might write them: any order, some in foreign groups."""

    def item(link_id: str, **value: Any) -> dict[str, Any]:
        return {"linkId": link_id, "answer": [value]}

    leaves = [item("birth-date", valueDate=a["birth"].isoformat())]
    if a["name"] is not None:
        leaves.append(item("child-name", valueString=a["name"]))
    if a["weeks"] is not None:
        leaves.append(item("gestational-weeks", valueInteger=a["weeks"]))
    if a["concerns"] is not None:
        leaves.append(item("concerns", valueString=a["concerns"]))
    for mid, answer in a["milestones"].items():
        leaves.append(item(mid, valueCoding={"code": ANSWER_CODES[answer], "display": "x"}))
    leaves += [item(sid, valueBoolean=ticked) for sid, ticked in a["signs"].items()]
    leaves = data.draw(st.permutations(leaves))
    items: list[dict[str, Any]] = []
    for index, leaf in enumerate(leaves):
        if data.draw(st.booleans()):
            leaf = {"linkId": f"page-{index}", "text": "A page", "item": [leaf]}
        items.append(leaf)
    return json.dumps({"resourceType": "QuestionnaireResponse", "status": "completed",
                       "authored": a["date"].isoformat(), "item": items})  # fmt: skip


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(), data=st.data())
def test_the_same_answers_as_yaml_and_as_fhir_give_the_same_result(
    answers: dict[str, Any], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        yaml_file = Path(folder) / "answers.yaml"
        yaml_file.write_text(_as_yaml(answers), encoding="utf-8")
        fhir_file = Path(folder) / "response.json"
        fhir_file.write_text(_as_response(answers, data), encoding="utf-8")
        try:
            from_yaml = read_answers(yaml_file, CONTENT, today=TODAY)
        except InputError as yaml_error:
            # Impossible ages are refused from both, for the same reason.
            with pytest.raises(InputError) as fhir_error:
                read_answers(fhir_file, CONTENT, today=TODAY)
            said = [p.message for p in fhir_error.value.problems]
            for problem in yaml_error.problems:
                assert any(m.endswith(problem.message) for m in said), (problem, said)
            return
        from_fhir = read_answers(fhir_file, CONTENT, today=TODAY)
    assert from_fhir == from_yaml
    result = score(CONTENT, from_fhir, today=TODAY)
    expected = score(CONTENT, from_yaml, today=TODAY)
    got = result_to_data(result, plan_for_result(CONTENT, result, 4))
    wanted = result_to_data(expected, plan_for_result(CONTENT, expected, 4))
    # Unused answers are listed in each file's own order (the response's items are shuffled).
    assert sorted(got.pop("unused_answers")) == sorted(wanted.pop("unused_answers"))
    assert got == wanted


def test_a_yaml_file_is_still_read_as_yaml(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        'child: {birth_date: 2025-01-01}\ndate: 2025-08-01\nconcerns: "{resourceType}"\n'
    )
    assert read_answers(path, CONTENT, today=TODAY).concerns == "{resourceType}"
    path.write_text('{"resourceType": "QuestionnaireResponse", "item": []}')
    with pytest.raises(InputError, match="birth date is required"):
        read_answers(path, CONTENT, today=TODAY)


# --- history export --format fhir ------------------------------------------------------


def test_history_exports_each_saved_screening_as_the_bundle_screen_wrote(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    second = tmp_path / "second.yaml"
    second.write_text("child:\n  name: Ana\n  birth_date: 2025-03-01\ndate: 2025-07-10\n")
    for answers in (OTHER_TOOL_YAML, second):
        assert cli("screen", "--answers", answers, "--format", "json", "--save").exit_code == 0
    out = tmp_path / "history.ndjson"
    run = cli("history", "export", "--format", "fhir", "--output", out)
    assert run.exit_code == 0, run.stderr
    assert "Exported 2 screenings" in run.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    lines = out.read_text().splitlines()
    assert len(lines) == 2
    bundles = [json.loads(line) for line in lines]
    for bundle in bundles:
        assert_valid_fhir(bundle)
    # Oldest screening first; the very Bundle `screen --format fhir` gives for it, but
    # for its timestamp: when the screening was saved rather than now.
    assert _timeless(bundles[1]) == _timeless(_screen(cli, OTHER_TOOL_YAML, "fhir"))
    assert _timeless(bundles[0]) == _timeless(_screen(cli, second, "fhir"))
    assert bundles[0]["timestamp"] != _screen(cli, second, "fhir")["timestamp"]
    only_ana = tmp_path / "ana.ndjson"
    run = cli("history", "export", "--format", "fhir", "--child", "ana", "--output", only_ana)
    assert run.exit_code == 0
    assert [json.loads(line) for line in only_ana.read_text().splitlines()] == [bundles[0]]


def test_a_screening_with_the_shipped_content_is_a_valid_bundle_and_reads_back(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    from ottool.core.content import default_data_dir

    shipped = load_content(default_data_dir())
    birth = dt.date.today() - dt.timedelta(days=380)  # the 12-month checklist
    asked = shipped.checklist(12)
    data = {
        "child": {"name": "Ana", "birth_date": birth.isoformat()},
        "answers": {m.id: ANSWERS[i % 4] for i, m in enumerate(asked)},
        "warning_signs": {w.id: False for w in shipped.warning_signs_at(12.5)},
        "concerns": "Sleeps badly",
    }
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(data))
    out = tmp_path / "bundle.json"
    run = cli("screen", "--answers", answers, "--format", "fhir", "--output", out,
              "--data-dir", default_data_dir())  # fmt: skip
    assert run.exit_code == 0, run.stderr
    bundle = json.loads(out.read_text())
    assert_valid_fhir(bundle)
    assert resources_of(bundle, "QuestionnaireResponse")[0]["questionnaire"].endswith(
        f"milestones-12m|{shipped.version}"
    )
    again = cli("screen", "--answers", out, "--format", "json", "--data-dir", default_data_dir())
    first = cli(
        "screen", "--answers", answers, "--format", "json", "--data-dir", default_data_dir()
    )
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)


def _timeless(bundle: dict[str, Any]) -> dict[str, Any]:
    """A Bundle without the moments it was written (its timestamp, Observations' issued)."""
    copy = json.loads(json.dumps(bundle))
    copy.pop("timestamp")
    for entry in copy["entry"]:
        entry["resource"].pop("issued", None)
    return copy  # type: ignore[no-any-return]


def test_answers_the_form_does_not_ask_are_left_out_of_the_response_and_said() -> None:
    from ottool.storage.fhir import answers_left_out, screening_bundle, to_json
    from ottool.storage.formats import AnswerFile, Result

    answers = yaml.safe_load(OTHER_TOOL_YAML.read_text())
    answers["answers"] = {"gm-4m-head-steady": "yes", "gm-4m-old-item": "not_yet",
                          "gm-2m-head-up": "yes", "gm-6m-rolls": "sometimes"}  # fmt: skip
    answers["warning_signs"] = {"ws-gone": True, "ws-no-grasp": False}
    typed = msgspec.convert(answers, AnswerFile)
    result = msgspec.convert(
        {"date": "2025-08-01", "checklist": {"months": 4}, "overall": "discuss",
         "child": {"birth_date": "2025-01-01"}, "age": {"chronological_months": 7.0},
         "domains": [{"id": "old_area", "status": "discuss"}]},
        Result,
    )  # fmt: skip
    bundle = json.loads(to_json(screening_bundle(CONTENT, result, typed)))
    assert_valid_fhir(bundle)
    [response] = resources_of(bundle, "QuestionnaireResponse")
    form = json.loads(to_json(build_questionnaire(CONTENT, 4)))
    assert_answers_form(response, form)
    text = json.dumps(response)
    for kept in ("gm-4m-head-steady", "gm-2m-head-up", "ws-no-grasp"):
        assert f'"linkId": "{kept}"' in text
    assert answers_left_out(CONTENT, 4, typed) == ["gm-4m-old-item", "gm-6m-rolls", "ws-gone"]
    for left_out in answers_left_out(CONTENT, 4, typed):
        assert f'"{left_out}"' not in text
    assert response["questionnaire"] == f"{BASE}/Questionnaire/milestones-4m"  # no version
    area = resources_of(bundle, "Observation")[0]
    assert area["code"]["coding"][0] == {"system": OBSERVATION_SYSTEM, "code": "old_area"}


@pytest.mark.slow
def test_the_readmes_fhir_examples_run(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    readme = (Path(__file__).parents[1] / "README.md").read_text()
    section = readme.split("## For clinics: FHIR", 1)[1].split("\n## ", 1)[0]
    commands = [
        line.split("#", 1)[0].strip()
        for block in section.split("```sh\n")[1:]
        for line in block.split("```", 1)[0].splitlines()
        if line.startswith("ottool ")
    ]
    assert len(commands) >= 5
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_text(OTHER_TOOL_YAML.read_text())
    (tmp_path / "response.json").write_text(OTHER_TOOL.read_text())
    assert cli("screen", "--answers", "answers.yaml", "--save").exit_code == 0
    for command in commands:
        words = shlex.split(command)[1:]
        target = None
        if ">" in words:
            words, target = words[: words.index(">")], words[words.index(">") + 1]
        run = cli(*words)
        assert run.exit_code == 0, (command, run.stderr)
        if target:
            (tmp_path / target).write_text(run.stdout)
    written_files = ("milestones-4m.json", "milestones.json", "load-forms.json",
                     "codesystems.json", "screening.json", "send.json")  # fmt: skip
    for written in written_files:
        assert_valid_fhir(json.loads((tmp_path / written).read_text()))
    assert_valid_fhir(json.loads((tmp_path / "history.ndjson").read_text().splitlines()[0]))
