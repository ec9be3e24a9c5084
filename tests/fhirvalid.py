"""Checks FHIR JSON the way a clinic's system would: fhir.resources' R4B models for the
structure, plus the required code bindings those models leave unchecked."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

#: Required bindings (R4/R4B value sets) of the elements ottool writes.
_CODES = {
    ("Questionnaire", "status"): {"draft", "active", "retired", "unknown"},
    ("QuestionnaireResponse", "status"): {
        "in-progress",
        "completed",
        "amended",
        "entered-in-error",
        "stopped",
    },
    ("Observation", "status"): {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    },
    ("Bundle", "type"): {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    },
}
_ITEM_TYPES = {
    "group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
    "string", "text", "url", "choice", "open-choice", "attachment", "reference", "quantity",
}  # fmt: skip
_MODULES = {
    "Questionnaire": "questionnaire",
    "QuestionnaireResponse": "questionnaireresponse",
    "Observation": "observation",
    "Bundle": "bundle",
}


def assert_valid_fhir(resource: dict[str, Any]) -> None:
    """Fail unless ``resource`` (and every resource of a Bundle) is valid R4B JSON."""
    kind = resource["resourceType"]
    module = importlib.import_module(f"fhir.resources.R4B.{_MODULES[kind]}")
    getattr(module, kind).model_validate(resource)
    for (of, element), allowed in _CODES.items():
        if of == kind:
            assert resource[element] in allowed, (kind, element, resource[element])
    if kind == "Questionnaire":
        link_ids = [item["linkId"] for item in _items(resource)]
        assert len(link_ids) == len(set(link_ids)), "linkIds must be unique"
        assert all(item["type"] in _ITEM_TYPES for item in _items(resource))
    if kind == "Bundle":
        urls = [entry["fullUrl"] for entry in resource["entry"]]
        assert len(urls) == len(set(urls)), "fullUrls must be unique"
        for entry in resource["entry"]:
            assert_valid_fhir(entry["resource"])


def _items(resource: dict[str, Any]) -> Iterator[dict[str, Any]]:
    stack = list(resource.get("item", []))
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.get("item", []))
