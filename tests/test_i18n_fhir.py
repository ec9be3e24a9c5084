"""FHIR in Spanish: a Questionnaire in the language it was asked for, a screening Bundle's
display texts and the problems of a response in the run's language, codes unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURE_DIR, Run
from fhirvalid import assert_valid_fhir
from ottool import i18n
from ottool.content import load_content
from ottool.errors import InputError
from ottool.fhir import (
    ANSWER_CODES,
    answers_from_fhir,
    build_questionnaire,
    screening_bundle,
    to_json,
)

SPANISH_CONTENT = FIXTURE_DIR.parent / "content-es"
ANSWERS = Path(__file__).parent / "fixtures" / "fhir" / "other-tool-answers.yaml"


def questionnaire(lang: str) -> dict[str, Any]:
    content = load_content(SPANISH_CONTENT, lang=lang)
    return json.loads(to_json(build_questionnaire(content, 4, lang)))


def test_a_spanish_questionnaire_asks_every_form_question_in_spanish() -> None:
    q = questionnaire("es")
    assert_valid_fhir(q)
    text = {item["linkId"]: item.get("text") for item in q["item"]}
    assert text["child-name"] == "Nombre de su hijo o hija (opcional)"
    assert text["birth-date"] == "Fecha de nacimiento de su hijo o hija"
    assert text["gestational-weeks"].startswith("¿Cuántas semanas de embarazo")
    assert text["concerns"].startswith("¿Hay algo más sobre el desarrollo")
    assert q["title"] == "Control de indicadores del desarrollo a los 4 meses"
    assert q["language"] == "es"
    english = questionnaire("en")
    assert english["title"] == "Milestone check at 4 months"
    # Same questions, same ids, in the same order.
    assert [i["linkId"] for i in english["item"]] == [i["linkId"] for i in q["item"]]


def test_building_a_questionnaire_leaves_the_runs_language_as_it_was() -> None:
    questionnaire("es")
    assert i18n.language() == "en"
    i18n.set_language("es")
    assert questionnaire("en")["title"] == "Milestone check at 4 months"
    assert i18n.language() == "es"
    with pytest.raises(InputError, match="no hay lista de indicadores de 5 meses"):
        build_questionnaire(load_content(SPANISH_CONTENT, lang="es"), 5, "es")
    i18n.set_language("en")
    with pytest.raises(InputError, match="there is no 5-month checklist"):
        build_questionnaire(load_content(SPANISH_CONTENT), 5, "es")
    assert i18n.language() == "en"


def test_a_spanish_screening_bundle_has_spanish_display_texts_and_the_same_codes() -> None:
    answers = yaml.safe_load(ANSWERS.read_text())
    result = {
        "date": "2025-08-01",
        "checklist": {"months": 4},
        "domains": [{"id": "gross_motor", "status": "discuss"}],
        "overall": "discuss",
    }
    english = json.loads(to_json(screening_bundle(load_content(SPANISH_CONTENT), result, answers)))
    i18n.set_language("es")
    content = load_content(SPANISH_CONTENT, lang="es")
    spanish = json.loads(to_json(screening_bundle(content, result, answers)))
    assert_valid_fhir(spanish)
    assert english["id"] == spanish["id"]  # the language is not part of the screening

    def codes(bundle: dict[str, Any]) -> list[Any]:
        return [(c.get("system"), c.get("code")) for c in _codings(bundle)]

    assert codes(english) == codes(spanish)
    overall = spanish["entry"][-1]["resource"]["code"]["coding"][0]
    assert overall["display"] == "Control de indicadores del desarrollo: siguiente paso"
    response = spanish["entry"][0]["resource"]
    birth = next(i for i in response["item"] if i["linkId"] == "birth-date")
    assert birth["text"] == "Fecha de nacimiento de su hijo o hija"
    shown = {
        c["code"]: c["display"]
        for c in _codings(response)
        if c.get("code") in ANSWER_CODES.values()
    }
    assert set(shown.values()) <= {"Sí", "A veces", "Todavía no", "No sé"}


def _codings(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if "system" in node and "code" in node else []
        return found + [c for v in node.values() for c in _codings(v)]
    if isinstance(node, list):
        return [c for v in node for c in _codings(v)]
    return []


def test_the_problems_of_a_response_are_told_in_spanish() -> None:
    response = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "authored": "2025-08-01",
        "item": [
            {"linkId": "gestational-weeks", "answer": [{"valueInteger": 50}]},
            {"linkId": "gm-4m-pushes-up", "answer": [{"valueString": "sí"}]},
        ],
    }
    i18n.set_language("es")
    with pytest.raises(InputError) as caught:
        answers_from_fhir(json.dumps(response, indent=2), load_content(FIXTURE_DIR), "r.json")
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "elemento 'gestational-weeks': las semanas de gestación deben estar entre 22 y 44; "
        "se recibió 50",
        "elemento 'gm-4m-pushes-up': la respuesta debe ser una codificación (valueCoding); "
        "se recibió valueString",
        "elemento 'birth-date': la fecha de nacimiento es obligatoria (un elemento 'birth-date')",
    ]


def test_the_questionnaire_follows_the_runs_language_unless_lang_says_otherwise(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")  # the run's language, from the environment
    run = cli("fhir", "questionnaire", "--months", "4", "--data-dir", SPANISH_CONTENT)
    assert run.exit_code == 0, run.output
    q = json.loads(run.stdout)
    assert q["language"] == "es"
    assert q["title"] == "Control de indicadores del desarrollo a los 4 meses"
    assert "No es un diagnóstico" in q["description"]
    run = cli("fhir", "questionnaire", "--months", "4", "--lang", "en", "--data-dir", FIXTURE_DIR)
    q = json.loads(run.stdout)
    assert (q["language"], q["title"]) == ("en", "Milestone check at 4 months")
    assert "It is not a diagnosis" in q["description"]
