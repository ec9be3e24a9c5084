"""An incoming FHIR file: is it FHIR, where is its QuestionnaireResponse, and what does
it say about whom it is about (kept in the Bundle ottool writes from it)."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from ottool.core.errors import InputError, Problem
from ottool.core.i18n import _, ngettext
from ottool.storage.fhir.bundle import Context
from ottool.storage.fhir.questionnaire import questionnaire_url
from ottool.storage.fhir.resources import BASE, Identifier, Reference
from ottool.storage.formats import looks_like_fhir

__all__ = ["load_response", "looks_like_fhir", "response_context"]


def response_context(text: str, file: str) -> tuple[Context, list[str]]:
    """What a response says about whom it is about (kept in ottool's Bundle), and notes
    for the user: a response that answers another form than ottool's is read by linkId,
    with a warning."""
    response = load_response(text, file)
    notes = []
    form = response.get("questionnaire")
    if isinstance(form, str) and not form.startswith(questionnaire_url(0).rsplit("-", 1)[0]):
        notes.append(
            _(
                "{file}: the response answers the form {form}, not one of ottool's "
                "checklists ({base}/Questionnaire/milestones-...); its items are read by "
                "linkId"
            ).format(file=file, form=form[:200], base=BASE)
        )

    def kept(key: str, kind: type[Reference] | type[Identifier]) -> Any:
        try:
            return msgspec.convert(response.get(key), kind | None)
        except msgspec.ValidationError:
            notes.append(
                _("{file}: the response's {key} is not valid FHIR; it is not kept").format(
                    file=file, key=key
                )
            )
            return None

    context = Context(
        subject=kept("subject", Reference),
        encounter=kept("encounter", Reference),
        identifier=kept("identifier", Identifier),
        author=kept("author", Reference),
    )
    return context, notes


def load_response(text: str, file: str) -> dict[str, Any]:
    """The QuestionnaireResponse of a file (itself, or the one of a Bundle), as JSON data."""
    try:
        return _find_response(json.loads(text), file)
    except json.JSONDecodeError as exc:
        problem = Problem(
            file, exc.lineno, _("this is not valid JSON ({reason})").format(reason=exc.msg)
        )
        raise InputError([problem]) from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        too_long = Problem(file, None, _("the JSON holds a number too long to read"))
        raise InputError([too_long]) from None
    except RecursionError:
        too_deep = Problem(file, None, _("the JSON is nested too deeply to read"))
        raise InputError([too_deep]) from None


def _find_response(data: Any, file: str) -> dict[str, Any]:
    kind = data.get("resourceType") if isinstance(data, dict) else None
    if kind == "QuestionnaireResponse":
        return data  # type: ignore[no-any-return]
    if kind == "Bundle":
        entries = data.get("entry") if isinstance(data.get("entry"), list) else []
        found = [
            e["resource"]
            for e in entries
            if isinstance(e, dict)
            and isinstance(e.get("resource"), dict)
            and e["resource"].get("resourceType") == "QuestionnaireResponse"
        ]
        if len(found) == 1:
            return found[0]  # type: ignore[no-any-return]
        raise InputError(
            [
                Problem(
                    file,
                    None,
                    ngettext(
                        "the Bundle holds {count} QuestionnaireResponse; "
                        "ottool reads a Bundle with exactly one",
                        "the Bundle holds {count} QuestionnaireResponses; "
                        "ottool reads a Bundle with exactly one",
                        len(found),
                    ).format(count=len(found)),
                )
            ]
        )
    raise InputError(
        [
            Problem(
                file,
                1,
                _(
                    "this is a FHIR {kind} resource; ottool reads a QuestionnaireResponse "
                    "(or a Bundle holding one) as answers"
                ).format(kind=kind),
            )
        ]
    )
