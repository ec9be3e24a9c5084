"""FHIR in Spanish: one Questionnaire holding its Spanish as translations, a screening Bundle's
display texts and the problems of a response in the run's language, codes unchanged."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from conftest import FIXTURE_DIR, Run
from fhirvalid import assert_valid_fhir, codings, translations
from ottool.core import i18n
from ottool.core.content import load_content
from ottool.core.errors import InputError
from ottool.storage.answerfile import answers_to_data, read_answers
from ottool.storage.fhir import (
    ANSWER_CODES,
    answers_from_fhir,
    build_questionnaire,
    screening_bundle,
    to_json,
)
from ottool.storage.formats import AnswerFile, Result

SPANISH_CONTENT = FIXTURE_DIR.parent / "content-es"
ANSWERS = Path(__file__).parent / "fixtures" / "fhir" / "other-tool-answers.yaml"


def questionnaire() -> dict[str, Any]:
    english = load_content(SPANISH_CONTENT)
    spanish = load_content(SPANISH_CONTENT, lang="es")
    return json.loads(to_json(build_questionnaire(english, 4, {"es": spanish})))


def test_the_questionnaire_asks_every_form_question_in_english_with_its_spanish() -> None:
    q = questionnaire()
    assert_valid_fhir(q)
    text = {item["linkId"]: translations(item.get("_text"))["es"] for item in q["item"]}
    assert text["child-name"] == "Nombre de su hijo (opcional)"
    assert text["birth-date"] == "Fecha de nacimiento de su hijo"
    assert text["gestational-weeks"].startswith("¿Cuántas semanas de embarazo")
    assert text["concerns"].startswith("¿Hay algo más sobre el desarrollo")
    assert q["title"] == "Milestone check at 4 months"
    assert translations(q["_title"]) == {
        "es": "Control de indicadores del desarrollo a los 4 meses"
    }
    assert q["language"] == "en"


def test_building_a_questionnaire_leaves_the_runs_language_as_it_was() -> None:
    questionnaire()
    assert i18n.language() == "en"
    i18n.set_language("es")
    assert questionnaire()["title"] == "Milestone check at 4 months"
    assert i18n.language() == "es"
    with pytest.raises(InputError, match="no hay lista de indicadores de 5 meses"):
        build_questionnaire(load_content(SPANISH_CONTENT, lang="es"), 5)
    i18n.set_language("en")
    with pytest.raises(InputError, match="there is no 5-month checklist"):
        build_questionnaire(load_content(SPANISH_CONTENT), 5)
    assert i18n.language() == "en"


def test_a_spanish_screening_bundle_has_spanish_display_texts_and_the_same_codes() -> None:
    given = read_answers(ANSWERS, load_content(SPANISH_CONTENT), today=dt.date(2026, 1, 1))
    answers = msgspec.convert(answers_to_data(given), AnswerFile)
    result = msgspec.convert(
        {
            "date": "2025-08-01",
            "child": {"birth_date": "2025-01-01"},
            "age": {"chronological_months": 7.0},
            "checklist": {"months": 4},
            "domains": [{"id": "gross_motor", "status": "discuss"}],
            "overall": "discuss",
        },
        Result,
    )
    english = json.loads(to_json(screening_bundle(load_content(SPANISH_CONTENT), result, answers)))
    i18n.set_language("es")
    content = load_content(SPANISH_CONTENT, lang="es")
    spanish = json.loads(to_json(screening_bundle(content, result, answers)))
    assert_valid_fhir(spanish)
    assert english["id"] == spanish["id"]  # the language is not part of the screening

    def codes(bundle: dict[str, Any]) -> list[Any]:
        return [(c.get("system"), c.get("code")) for c in codings(bundle)]

    assert codes(english) == codes(spanish)
    overall = spanish["entry"][-1]["resource"]["code"]["coding"][0]
    assert overall["display"] == "Control de indicadores del desarrollo: siguiente paso"
    response = spanish["entry"][0]["resource"]
    # The response says its language, so it is checked against the form's Spanish.
    assert (response["language"], english["entry"][0]["resource"]["language"]) == ("es", "en")
    birth = next(i for i in response["item"] if i["linkId"] == "birth-date")
    assert birth["text"] == "Fecha de nacimiento de su hijo"
    shown = {
        c["code"]: c["display"] for c in codings(response) if c.get("code") in ANSWER_CODES.values()
    }
    assert set(shown.values()) <= {"Sí", "A veces", "Todavía no", "No sé"}


def test_the_problems_of_a_response_are_told_in_spanish() -> None:
    response = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "authored": "2025-08-01",
        "item": [
            {"linkId": "gestational-weeks", "answer": [{"valueInteger": 50}]},
            {"linkId": "gm-4m-pushes-up-elbows", "answer": [{"valueString": "sí"}]},
        ],
    }
    i18n.set_language("es")
    with pytest.raises(InputError) as caught:
        answers_from_fhir(json.dumps(response, indent=2), load_content(FIXTURE_DIR), "r.json")
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "elemento 'gestational-weeks': las semanas de gestación deben estar entre 22 y 44; "
        "se recibió 50",
        "elemento 'gm-4m-pushes-up-elbows': la respuesta debe ser una codificación (valueCoding); "
        "se recibió valueString",
        "elemento 'birth-date': la fecha de nacimiento es obligatoria (un elemento 'birth-date')",
    ]


def test_the_questionnaire_is_one_resource_whatever_the_runs_language(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")  # the run's language, from the environment
    run = cli("fhir", "questionnaire", "--months", "4", "--data-dir", SPANISH_CONTENT)
    assert run.exit_code == 0, run.output
    q = json.loads(run.stdout)
    assert q["language"] == "en"
    assert "It is not a diagnosis" in q["description"]
    assert "No es un diagnóstico" in translations(q["_description"])["es"]
    run = cli(
        "fhir", "questionnaire", "--months", "4", "--lang", "en", "--data-dir", SPANISH_CONTENT
    )
    assert json.loads(run.stdout) == q
    # The command's own words follow the run's language.
    run = cli("fhir", "questionnaire", "--months", "5", "--data-dir", SPANISH_CONTENT)
    assert "no hay lista de indicadores de 5 meses" in run.stderr
