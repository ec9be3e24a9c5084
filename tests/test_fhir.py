"""FHIR Questionnaires (docs/design.md §9): `ottool fhir questionnaire`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURE_DIR, Run
from fhirvalid import assert_valid_fhir, translations
from ottool.core.content import load_content
from ottool.documents.wording import answer_words
from ottool.storage.fhir import ANSWER_SYSTEM, BASE, build_questionnaire, signs_for_checklist

CONTENT = load_content(FIXTURE_DIR)


def _questionnaire(cli: Callable[..., Run], *args: str | Path) -> dict[str, Any]:
    run = cli("fhir", "questionnaire", "--data-dir", FIXTURE_DIR, *args)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def _group(questionnaire: dict[str, Any], link_id: str) -> dict[str, Any]:
    return next(i for i in questionnaire["item"] if i["linkId"] == link_id)


def test_a_checklist_is_a_valid_r4_questionnaire_a_forms_tool_can_render(
    cli: Callable[..., Run],
) -> None:
    q = _questionnaire(cli, "--months", "4")
    assert_valid_fhir(q)
    assert q["url"] == f"{BASE}/Questionnaire/milestones-4m"
    assert q["version"] == CONTENT.version
    assert q["status"] == "active"
    assert q["title"] == "Milestone check at 4 months"
    top = [i["linkId"] for i in q["item"]]
    assert top == [
        "disclaimer",
        "attribution",
        "child-name",
        "birth-date",
        "born-early",
        "gestational-weeks",
        "area-gross_motor",
        "area-fine_motor",
        "area-social_emotional",
        "earlier-milestones",
        "warning-signs",
        "concerns",
    ]
    types = {i["linkId"]: i["type"] for i in q["item"]}
    assert types["child-name"] == "string"
    assert types["birth-date"] == "date"
    assert types["gestational-weeks"] == "integer"
    assert types["concerns"] == "text"
    assert _group(q, "birth-date")["required"] is True
    # The weeks of pregnancy are asked only for a baby born early.
    assert _group(q, "gestational-weeks")["enableWhen"] == [
        {"question": "born-early", "operator": "=", "answerBoolean": True}
    ]
    assert types["born-early"] == "boolean"
    assert [_group(q, i)["type"] for i in ("disclaimer", "attribution")] == ["display"] * 2
    assert "not a diagnosis" in _group(q, "disclaimer")["text"]
    assert "CDC" in q["copyright"]
    assert q["publisher"] == "ottool"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", q["date"])
    [ages] = q["useContext"]
    assert ages["code"]["code"] == "age"
    assert (ages["valueRange"]["low"]["value"], ages["valueRange"]["high"]["value"]) == (4, 6)
    weeks = [e for e in _group(q, "gestational-weeks")["extension"] if "Value" in e["url"]]
    assert {e["url"].rsplit("/", 1)[1]: e["valueInteger"] for e in weeks} == {
        "minValue": 22,
        "maxValue": 44,
    }
    # Each area holds its milestones of this checklist, as choices with the four answers.
    gross = _group(q, "area-gross_motor")
    assert gross["text"] == "Movement (large muscles)"
    assert [i["linkId"] for i in gross["item"]] == ["gm-4m-head-steady", "gm-4m-pushes-up-elbows"]
    head = gross["item"][0]
    assert head["type"] == "choice"
    assert head["text"] == CONTENT.milestone_by_id["gm-4m-head-steady"].question
    codings = [o["valueCoding"] for o in head["answerOption"]]
    assert [c["code"] for c in codings] == ["yes", "sometimes", "not-yet", "unsure"]
    assert {c["system"] for c in codings} == {ANSWER_SYSTEM}
    assert [c["display"] for c in codings] == ["Yes", "Sometimes", "Not yet", "Not sure"]
    assert head["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "radio-button"
    # The 2-month checklist's milestones, optional, in a group closed by default.
    earlier = _group(q, "earlier-milestones")
    assert earlier["extension"][0]["valueCode"] == "default-closed"
    [by_2] = earlier["item"]
    assert by_2["linkId"] == "earlier-2m"
    assert [i["linkId"] for i in by_2["item"]] == [m.id for m in CONTENT.checklist(2)]
    signs = _group(q, "warning-signs")["item"]
    assert [(s["linkId"], s["type"]) for s in signs] == [
        ("ws-no-grasp", "boolean"),
        ("ws-lost-skills", "boolean"),
        ("ws-no-tracking", "boolean"),
    ]


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (2, ["ws-lost-skills", "ws-no-tracking"]),  # no-grasp starts at 4, the next checklist
        (4, ["ws-no-grasp", "ws-lost-skills", "ws-no-tracking"]),
        (6, ["ws-no-grasp", "ws-lost-skills"]),  # no-tracking ends at 4 months
    ],
)
def test_a_checklist_asks_the_warning_signs_of_the_ages_it_serves(
    months: int, expected: list[str]
) -> None:
    assert [w.id for w in signs_for_checklist(CONTENT, months)] == expected


def test_without_months_every_checklist_comes_in_one_bundle(cli: Callable[..., Run]) -> None:
    bundle = _questionnaire(cli)
    assert_valid_fhir(bundle)
    assert bundle["type"] == "collection"
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert urls == [f"{BASE}/Questionnaire/milestones-{m}m" for m in (2, 4, 6)]
    assert [e["resource"]["url"] for e in bundle["entry"]] == urls
    # The fullUrl ends with the resource's type and id, as a RESTful url must.
    assert [e["resource"]["id"] for e in bundle["entry"]] == [f"milestones-{m}m" for m in (2, 4, 6)]


def test_the_checklists_as_a_transaction_are_puts_a_server_takes_as_they_are(
    cli: Callable[..., Run],
) -> None:
    bundle = _questionnaire(cli, "--bundle", "transaction")
    assert_valid_fhir(bundle)
    assert bundle["type"] == "transaction"
    assert [e["request"] for e in bundle["entry"]] == [
        {"method": "PUT", "url": f"Questionnaire/milestones-{m}m"} for m in (2, 4, 6)
    ]


def test_the_questionnaire_is_the_same_every_time_and_written_with_output(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "q6.json"
    run = cli("fhir", "questionnaire", "--months", "6", "--output", out, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 0
    assert "written to" in run.stderr
    assert json.loads(out.read_text()) == _questionnaire(cli, "--months", "6")


def test_a_month_without_a_checklist_is_one_clear_line(cli: Callable[..., Run]) -> None:
    run = cli("fhir", "questionnaire", "--months", "5", "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1
    assert run.stderr.strip() == (
        "ottool: there is no 5-month checklist (checklists: 2, 4, 6 months)"
    )


def test_one_form_holds_both_languages_spanish_as_translations_where_content_has_them(
    cli: Callable[..., Run], content_copy: Path
) -> None:
    path = content_copy / "milestones.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "    text: Pushes up onto elbows or forearms when on tummy\n",
            "    text:\n"
            "      en: Pushes up onto elbows or forearms when on tummy\n"
            "      es: Se apoya en los codos o antebrazos cuando está boca abajo\n",
        ).replace(
            "    name: Hands and fingers\n",
            "    name: {en: Hands and fingers, es: Manos y dedos}\n",
        )
    )
    run = cli("fhir", "questionnaire", "--months", "4", "--lang", "es", "--data-dir", content_copy)
    assert run.exit_code == 0, run.stderr
    q = json.loads(run.stdout)
    assert_valid_fhir(q)
    # One resource for every language: the same form whatever --lang says.
    english = cli("fhir", "questionnaire", "--months", "4", "--data-dir", content_copy)
    assert json.loads(english.stdout) == q
    assert q["language"] == "en"
    assert q["title"] == "Milestone check at 4 months"
    assert translations(q["_title"]) == {
        "es": "Control de indicadores del desarrollo a los 4 meses"
    }
    gross = _group(q, "area-gross_motor")["item"]
    assert translations(gross[1]["_text"]) == {
        "es": "Se apoya en los codos o antebrazos cuando está boca abajo"
    }
    assert "_text" not in gross[0]  # no Spanish in the content: English only
    assert translations(_group(q, "area-fine_motor")["_text"]) == {"es": "Manos y dedos"}
    options = [o["valueCoding"] for o in gross[0]["answerOption"]]
    assert [translations(o["_display"])["es"] for o in options] == [
        "Sí",
        "A veces",
        "Todavía no",
        "No sé",
    ]
    assert [o["code"] for o in options] == ["yes", "sometimes", "not-yet", "unsure"]
    assert translations(_group(q, "birth-date")["_text"]) == {
        "es": "Fecha de nacimiento de su hijo"
    }


def test_the_answer_words_live_in_one_place_for_the_questionnaire_and_fhir() -> None:
    from ottool.cli.interview import ANSWER_CHOICES

    assert tuple((w, a) for a, w in answer_words("en").items()) == ANSWER_CHOICES
    q = build_questionnaire(CONTENT, 2, {"es": CONTENT})
    group = next(i for i in q.item if i.type == "group")
    displays = [o.value_coding.display for o in group.item[0].answer_option]
    assert displays == ["Yes", "Sometimes", "Not yet", "Not sure"]
    spanish = [o.value_coding.display_ for o in group.item[0].answer_option]
    assert [e.extension[0].extension[1].value_string for e in spanish if e] == [
        "Sí",
        "A veces",
        "Todavía no",
        "No sé",
    ]


def test_the_command_line_loads_the_fhir_code_only_when_a_fhir_command_runs() -> None:
    import subprocess
    import sys

    code = "import sys, ottool.cli; print('ottool.storage.fhir' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow  # every checklist through the R4 models and FHIRPath: about 20 s each
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_checklist_of_the_shipped_content_is_a_valid_questionnaire(
    cli: Callable[..., Run], lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    run = cli("fhir", "questionnaire", "--lang", lang)
    assert run.exit_code == 0, run.stderr
    bundle = json.loads(run.stdout)
    assert_valid_fhir(bundle)
    assert len(bundle["entry"]) == len(load_content().checklists)


def test_content_translated_in_full_gives_every_text_of_the_form_a_spanish_translation(
    cli: Callable[..., Run],
) -> None:
    spanish_content = FIXTURE_DIR.parent / "content-es"
    q = _questionnaire(cli, "--months", "4", "--data-dir", spanish_content)
    assert_valid_fhir(q)
    stack, missing = list(q["item"]), []
    while stack:
        item = stack.pop()
        if not translations(item.get("_text")).get("es"):
            missing.append(item["linkId"])
        stack.extend(item.get("item", []))
    assert missing == []
    for key in ("_title", "_description", "_copyright"):
        assert translations(q[key])["es"] != q[key[1:]]


def test_a_milestones_hint_is_help_text_under_its_question(
    cli: Callable[..., Run], content_copy: Path
) -> None:
    path = content_copy / "milestones.yaml"
    path.write_text(
        path.read_text().replace(
            "    text: Brings hands to mouth\n",
            "    text: Brings hands to mouth\n    hint: Watch during quiet, awake time.\n",
        )
    )
    q = _questionnaire(cli, "--months", "4", "--data-dir", content_copy)
    assert_valid_fhir(q)
    fine = _group(q, "area-fine_motor")["item"]
    assert "item" not in fine[0]  # no hint, no help item
    [hint] = fine[1]["item"]
    assert hint["linkId"] == "fm-4m-hands-to-mouth.hint"
    assert hint["type"] == "display"
    assert hint["text"] == "Watch during quiet, awake time."
    control = hint["extension"][0]
    assert control["url"].endswith("questionnaire-itemControl")
    assert control["valueCodeableConcept"]["coding"][0]["code"] == "help"
