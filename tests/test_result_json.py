"""The result JSON contract (docs/design.md §4): `ottool screen --answers F --format json`."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURE_DIR, Run, answers_text
from ottool.core.activity_choice import plan_for_result
from ottool.core.content import load_content
from ottool.core.errors import InputError
from ottool.core.screening import Answers, Child, score
from ottool.storage.formats import RESULT_FORMAT as FORMAT
from ottool.storage.result_json import read_result, result_from_data, result_to_data

CONTENT = load_content(FIXTURE_DIR)

PRETERM = answers_text("preterm-32-weeks")

TERM = answers_text("term-4-months-all-yes")


@pytest.fixture
def run_json(tmp_path: Path, cli: Callable[..., Run]) -> Callable[..., dict[str, Any]]:
    def run(text: str, *extra: str | Path) -> dict[str, Any]:
        path = tmp_path / "answers.yaml"
        path.write_text(text)
        result = cli(
            "screen", "--answers", path, "--format", "json", "--data-dir", FIXTURE_DIR, *extra
        )
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return run


def test_contract_keys_and_types(run_json: Any) -> None:
    doc = run_json(PRETERM)
    assert doc["format"] == "ottool-result/1" == FORMAT
    assert doc["date"] == "2025-08-01"
    assert doc["child"] == {"name": "Sam", "birth_date": "2025-01-01", "gestational_weeks": 32}
    age = doc["age"]
    assert age["chronological_months"] == 7.0  # 1 January to 1 August: 7 calendar months
    assert age["corrected_months"] == 5.1  # due 26 February: 5 months 6 days (of 31), cut
    assert age["used_months"] == 5.1
    assert age["corrected"] is True
    assert doc["checklist"] == {"months": 4, "early": False}
    assert isinstance(doc["domains"], list)
    for d in doc["domains"]:
        assert set(d) >= {"id", "status", "not_yet", "sometimes", "unsure", "yes"}
        assert d["status"] in {"on_track", "emerging", "incomplete", "discuss"}
        for key in ("not_yet", "sometimes", "unsure", "yes"):
            assert isinstance(d[key], list) and all(isinstance(m, str) for m in d[key])
    assert doc["overall"] in {"on_track", "monitor", "incomplete", "discuss", "urgent"}
    assert isinstance(doc["plan"]["activities"], list)


def test_statuses_and_overall_match_the_answers(run_json: Any) -> None:
    doc = run_json(PRETERM)
    by_id = {d["id"]: d for d in doc["domains"]}
    assert by_id["gross_motor"]["status"] == "discuss"
    assert by_id["gross_motor"]["not_yet"] == ["gm-4m-pushes-up-elbows"]
    assert by_id["gross_motor"]["yes"] == ["gm-4m-head-steady"]
    # "Cannot grasp" was reported: its area shows it, whatever its answers say.
    assert by_id["fine_motor"]["status"] == "discuss"
    assert by_id["fine_motor"]["sometimes"] == ["fm-4m-holds-toy"]
    assert by_id["social_emotional"]["status"] == "on_track"
    assert doc["overall"] == "discuss"


def test_every_domain_appears_in_content_order(run_json: Any) -> None:
    for text in (PRETERM, TERM):
        doc = run_json(text)
        assert [d["id"] for d in doc["domains"]] == [d.id for d in CONTENT.domains]
        assert [d["id"] for d in doc["domains"]] == [
            "gross_motor",
            "fine_motor",
            "social_emotional",
        ]


def test_corrected_months_is_null_without_correction(run_json: Any) -> None:
    doc = run_json(TERM)
    assert doc["age"]["corrected_months"] is None
    assert doc["age"]["corrected"] is False
    assert doc["age"]["chronological_months"] == 4.3  # 4 months 10 days (of 31): 4.32, cut
    assert doc["age"]["used_months"] == 4.3
    assert doc["child"]["name"] is None
    assert doc["child"]["gestational_weeks"] == 40
    assert doc["overall"] == "on_track"


def test_early_checklist_is_marked(run_json: Any) -> None:
    doc = run_json("child:\n  birth_date: 2025-01-01\ndate: 2025-01-31\n")
    assert doc["checklist"] == {"months": 2, "early": True}


def test_warning_signs_lists_only_those_reported_true(run_json: Any) -> None:
    doc = run_json(PRETERM)
    assert doc["warning_signs"] == [{"id": "ws-no-grasp", "level": "discuss", "act": "visit"}]
    urgent = run_json(TERM + "warning_signs:\n  ws-lost-skills: true\n  ws-no-grasp: false\n")
    assert [(w["id"], w["level"]) for w in urgent["warning_signs"]] == [
        ("ws-lost-skills", "urgent")
    ]
    assert urgent["overall"] == "urgent"
    assert run_json(TERM)["warning_signs"] == []


def test_plan_activities_carry_id_targets_and_dose(run_json: Any) -> None:
    doc = run_json(PRETERM)
    activities = doc["plan"]["activities"]
    assert 1 <= len(activities) <= 4
    for a in activities:
        assert set(a) >= {"id", "targets", "minutes", "times_per_day", "days_per_week"}
        source = CONTENT.activity_by_id[a["id"]]
        assert a["minutes"] == source.minutes
        assert a["times_per_day"] == source.times_per_day
        assert a["days_per_week"] == source.days_per_week
        assert set(a["targets"]) <= set(source.targets)
    # Worked by hand: tummy time practices the not-yet pushes-up (rank first), reach and
    # grasp practices the sometimes holds-toy.
    assert activities[0] == {
        **activities[0],
        "id": "tummy-time",
        "targets": ["gm-4m-pushes-up-elbows"],
        "minutes": 5,
        "times_per_day": 3,
        "days_per_week": 7,
    }
    assert activities[1]["id"] == "reach-and-grasp"
    assert activities[1]["targets"] == ["fm-4m-holds-toy"]
    assert activities[1]["days_per_week"] == 5


def test_max_activities_option(run_json: Any) -> None:
    doc = run_json(PRETERM, "--max-activities", "1")
    assert [a["id"] for a in doc["plan"]["activities"]] == ["tummy-time"]


def test_output_file_holds_the_same_json_and_is_private(
    run_json: Any, tmp_path: Path, cli: Callable[..., Run]
) -> None:
    printed = run_json(PRETERM)
    out = tmp_path / "result.json"
    out.write_text("old")
    out.chmod(0o644)
    run = cli(
        "screen",
        "--answers",
        tmp_path / "answers.yaml",
        "--format",
        "json",
        "--output",
        out,
        "--force",  # an existing file is replaced only when asked
        "--data-dir",
        FIXTURE_DIR,
    )
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert json.loads(out.read_text()) == printed
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_output_to_a_missing_folder_is_a_clean_error(
    run_json: Any, tmp_path: Path, cli: Callable[..., Run]
) -> None:
    run_json(TERM)
    out = tmp_path / "no" / "such" / "result.json"
    run = cli(
        "screen", "--answers", tmp_path / "answers.yaml", "--format", "json",
        "--output", out, "--data-dir", FIXTURE_DIR,
    )  # fmt: skip
    assert run.exit_code == 1
    assert "does not exist" in run.stderr and "Traceback" not in run.output


# --- the document in code: written, then read back ---------------------------------


def _result(signs: dict[str, bool] | None = None) -> Any:
    answers = Answers(
        Child(dt.date(2025, 1, 1), 32, "Sam"),
        dt.date(2025, 8, 1),
        {
            "gm-4m-pushes-up-elbows": "not_yet",
            "fm-4m-holds-toy": "sometimes",
            "gm-2m-head-up": "yes",
        },
        signs or {"ws-no-grasp": True},
        "sleeps a lot",
    )
    result = score(CONTENT, answers, today=dt.date(2026, 1, 1))
    return result, plan_for_result(CONTENT, result)


def test_result_document_reads_back_to_the_same_result() -> None:
    result, plan = _result()
    data = json.loads(json.dumps(result_to_data(result, plan)))
    back, back_plan = result_from_data(data, CONTENT, "r.json")
    assert back.age == result.age
    assert back.checklist == result.checklist
    assert back.domains == result.domains
    assert back.warning_signs == result.warning_signs
    assert back.overall == result.overall
    assert back.child == result.child
    assert back.concerns == "sleeps a lot"
    # Each activity keeps why it was chosen and the milestones it practices.
    assert back_plan.activities == plan.activities
    assert any(p.targets for p in back_plan.activities)
    assert (back_plan.used_months, back_plan.checklist_months) == (
        plan.used_months,
        plan.checklist_months,
    )


def test_result_from_another_tool_without_days() -> None:
    result, plan = _result()
    data = result_to_data(result, plan)
    del data["age"]["chronological_days"], data["age"]["corrected_days"]
    back, _ = result_from_data(data, CONTENT, "r.json")
    # the days come from the dates saved with it, the correction from the weeks
    assert back.age.chronological_days == 212
    assert back.age.corrected_days == 212 - 8 * 7


def test_result_from_another_tool_with_decimal_months_only() -> None:
    result, plan = _result()
    data = result_to_data(result, plan)
    del data["age"]["chronological_days"], data["age"]["corrected_days"]
    del data["child"]["gestational_weeks"]
    data["age"]["corrected_months"] = 5.2  # 5 months and 6 of July's 31 days, rounded
    back, _ = result_from_data(data, CONTENT, "r.json")
    assert back.age.chronological_days == 212
    assert back.age.corrected_days == 156  # counted back from 1 August: 26 February
    assert back.age.used.months == 5


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(format="other/1"), 'expected "format": "ottool-result/1"'),
        (lambda d: d["domains"][0].update(id="gross_motr"), "did you mean 'gross_motor'"),
        (
            lambda d: d["domains"][0].update(status="fine"),
            "'fine' is not one of the allowed values, at $.domains[0].status",
        ),
        (lambda d: d["domains"][0].update(yes=["gm-9m-x"]), "milestone 'gm-9m-x'"),
        (lambda d: d["warning_signs"].append({"id": "ws-nope"}), "warning sign 'ws-nope'"),
        (lambda d: d["plan"]["activities"].append({"id": "tummy"}), "activity 'tummy'"),
        (
            lambda d: d.update(overall="fine"),
            "'fine' is not one of the allowed values, at $.overall",
        ),
        (lambda d: d.pop("child"), "the field 'child' is missing"),
        (lambda d: d.update(date="yesterday"), "incomplete or damaged"),
    ],
)
def test_damaged_result_documents_are_input_errors(edit: Any, message: str) -> None:
    result, plan = _result()
    data = json.loads(json.dumps(result_to_data(result, plan)))
    edit(data)
    with pytest.raises(InputError) as err:
        result_from_data(data, CONTENT, "r.json")
    assert message in str(err.value)
    assert str(err.value).startswith("r.json")


def test_read_result_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{\n  "format": \n')
    with pytest.raises(InputError) as err:
        read_result(path, CONTENT)
    assert f"{path}:3: this is not a JSON result file" in str(err.value)


def test_read_result_file(tmp_path: Path) -> None:
    result, plan = _result()
    path = tmp_path / "r.json"
    path.write_text(json.dumps(result_to_data(result, plan)))
    back, _ = read_result(path, CONTENT)
    assert back.domains == result.domains
