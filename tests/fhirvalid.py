"""Checks FHIR JSON the way a clinic's system would.

- the structure: ``fhir.resources``' R4B models, plus the required code bindings those
  models leave unchecked;
- the core invariants of R4 (que-*, qrs-*, bdl-*, obs-*, csd-*, ext-1), evaluated as
  the specification writes them, in FHIRPath, by ``fhirpathpy``;
- the cross-references: fullUrl ↔ id (and a transaction's request url), every
  ``urn:uuid:`` reference resolving inside its Bundle, and (``assert_answers_form``)
  every linkId of a response an item of its form, nested as in the form, with an answer
  of the item's type and only where the item is enabled.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fhirpathpy import evaluate
from fhirpathpy.models import models

from conftest import untraced

R4 = models["r4"]
#: Responses from forms tools, and the same answers as answer files.
FHIR_FIXTURES = Path(__file__).parent / "fixtures" / "fhir"
OTHER_TOOL = FHIR_FIXTURES / "other-tool-response.json"
OTHER_TOOL_YAML = FHIR_FIXTURES / "other-tool-answers.yaml"
SPANISH = FHIR_FIXTURES / "spanish-response.json"
SPANISH_YAML = FHIR_FIXTURES / "spanish-answers.yaml"

#: Required bindings (R4/R4B value sets) of the elements ottool writes.
_CODES = {
    ("Questionnaire", "status"): {"draft", "active", "retired", "unknown"},
    ("CodeSystem", "status"): {"draft", "active", "retired", "unknown"},
    ("CodeSystem", "content"): {"not-present", "example", "fragment", "complete", "supplement"},
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
    "CodeSystem": "codesystem",
}

_ITEM = "repeat(item)"
#: R4's invariants, by resource type: (key, FHIRPath over the resource).
INVARIANTS: dict[str, list[tuple[str, str]]] = {
    "Questionnaire": [
        ("que-0", "name.exists() implies name.matches('[A-Z]([A-Za-z0-9_]){0,254}')"),
        ("que-1", f"{_ITEM}.all((type='group' implies item.empty().not()) and "
                  "(type='display' implies item.empty()))"),
        ("que-2", "descendants().linkId.isDistinct()"),
        ("que-3", f"{_ITEM}.all(type!='display' or code.empty())"),
        ("que-4", f"{_ITEM}.all(answerOption.empty() or answerValueSet.empty())"),
        ("que-5", f"{_ITEM}.all((type ='choice' or type = 'open-choice' or type = 'decimal' or "
                  "type = 'integer' or type = 'date' or type = 'dateTime' or type = 'time' or "
                  "type = 'string' or type = 'quantity') or "
                  "(answerValueSet.empty() and answerOption.empty()))"),
        ("que-6", f"{_ITEM}.all(type!='display' or (required.empty() and repeats.empty()))"),
        ("que-7", f"{_ITEM}.enableWhen.all(operator = 'exists' implies (answer is boolean))"),
        ("que-8", f"{_ITEM}.all((type!='group' and type!='display') or initial.empty())"),
        ("que-9", f"{_ITEM}.all(type!='display' or readOnly.empty())"),
        ("que-10", f"{_ITEM}.all((type in ('boolean' | 'decimal' | 'integer' | 'string' | "
                   "'text' | 'url' | 'open-choice')) or maxLength.empty())"),
        ("que-11", f"{_ITEM}.all(answerOption.empty() or initial.empty())"),
        ("que-12", f"{_ITEM}.all(enableWhen.count() > 2 implies enableBehavior.exists())"),
        ("que-13", f"{_ITEM}.all(repeats=true or initial.count() <= 1)"),
    ],
    "QuestionnaireResponse": [
        ("qrs-1", "repeat(item | answer.item).all((answer.exists() and item.exists()).not())"),
        ("qrs-2", "repeat(answer|item).select(item.linkId.isDistinct()).allTrue()"),
    ],
    "Bundle": [
        ("bdl-1", "total.empty() or (type = 'searchset') or (type = 'history')"),
        ("bdl-2", "entry.search.empty() or (type = 'searchset')"),
        ("bdl-3", "entry.all(request.exists() = (%resource.type = 'batch' or "
                  "%resource.type = 'transaction' or %resource.type = 'history'))"),
        ("bdl-4", "entry.all(response.exists() = (%resource.type = 'batch-response' or "
                  "%resource.type = 'transaction-response' or %resource.type = 'history'))"),
        ("bdl-5", "entry.all(resource.exists() or request.exists() or response.exists())"),
        ("bdl-7", "(type = 'history') or entry.where(fullUrl.exists())"
                  ".select(fullUrl&resource.meta.versionId).isDistinct()"),
        ("bdl-8", "entry.all(fullUrl.contains('/_history/').not())"),
        ("bdl-9", "type = 'document' implies (identifier.system.exists() and "
                  "identifier.value.exists())"),
        ("bdl-10", "type = 'document' implies timestamp.exists()"),  # hasValue(): not in fhirpathpy
        ("bdl-11", "type = 'document' implies entry.first().resource.is(Composition)"),
        ("bdl-12", "type = 'message' implies entry.first().resource.is(MessageHeader)"),
    ],
    "Observation": [
        ("obs-3", "referenceRange.all(low.exists() or high.exists() or text.exists())"),
        ("obs-6", "dataAbsentReason.empty() or value.empty()"),
        ("obs-7", "value.empty() or component.code.where("
                  "coding.intersect(%resource.code.coding).exists()).empty()"),
    ],
    "CodeSystem": [
        ("csd-0", "name.exists() implies name.matches('[A-Z]([A-Za-z0-9_]){0,254}')"),
        ("csd-1", "concept.code.combine(%resource.concept.descendants().concept.code)"
                  ".isDistinct()"),
    ],
}  # fmt: skip
#: On every extension of any resource (ext-1), and every element has a value or children.
_EVERYWHERE = [
    ("ext-1", "descendants().where($this.url.exists() and ($this.extension.exists() or "
              "$this.value.exists())).all(extension.exists() != value.exists())"),
]  # fmt: skip


#: Digests of the resources found valid so far in this test session: many tests write
#: the same Questionnaire or Bundle, and checking one again (above all its FHIRPath
#: invariants) would only repeat the same work to the same verdict.
_FOUND_VALID: set[str] = set()


def assert_valid_fhir(resource: dict[str, Any]) -> None:
    """Fail unless ``resource`` (and every resource of a Bundle) is valid R4 JSON.

    The same resource (the same JSON) is checked once a test session."""
    digest = hashlib.sha256(json.dumps(resource, sort_keys=True).encode()).hexdigest()
    if digest in _FOUND_VALID:
        return
    _check_valid_fhir(resource)
    _FOUND_VALID.add(digest)


@untraced  # the FHIR models and FHIRPath, never ottool's code: 2.5x as fast untraced
def _check_valid_fhir(resource: dict[str, Any]) -> None:
    kind = resource["resourceType"]
    module = importlib.import_module(f"fhir.resources.R4B.{_MODULES[kind]}")
    getattr(module, kind).model_validate(resource)
    for (of, element), allowed in _CODES.items():
        if of == kind:
            assert resource[element] in allowed, (kind, element, resource[element])
    assert_invariants(resource)
    if kind == "Questionnaire":
        assert all(item["type"] in _ITEM_TYPES for item in _items(resource))
        assert resource["url"].endswith(f"/Questionnaire/{resource['id']}")
    if kind == "Bundle":
        assert_bundle_references(resource)
        for entry in resource["entry"]:
            assert_valid_fhir(entry["resource"])


def assert_invariants(resource: dict[str, Any]) -> None:
    """Every core invariant of the resource's type holds (FHIRPath, as R4 writes them).

    A Bundle's own elements are checked against the invariants of every element
    (ext-1) with each entry's resource cut down to its type and id: each resource is
    checked whole on its own (assert_valid_fhir), and going through every element of
    every resource twice (a Bundle of every checklist has hundreds of thousands) is
    most of the time the check takes."""
    for key, expression in INVARIANTS[resource["resourceType"]]:
        found = evaluate(resource, expression, {"resource": resource}, R4)
        assert found == [True], f"{key} fails: {expression} gave {found}"
    own = _without_entry_resources(resource) if resource["resourceType"] == "Bundle" else resource
    for key, expression in _EVERYWHERE:
        found = evaluate(own, expression, {"resource": own}, R4)
        assert found == [True], f"{key} fails: {expression} gave {found}"


_KEPT = ("resourceType", "id")


def _without_entry_resources(bundle: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``bundle`` whose entries' resources hold only their type and id."""
    entries = [
        {**entry, "resource": {k: entry["resource"][k] for k in _KEPT if k in entry["resource"]}}
        if "resource" in entry
        else entry
        for entry in bundle.get("entry", [])
    ]
    return {**bundle, "entry": entries} if "entry" in bundle else dict(bundle)


def assert_bundle_references(bundle: dict[str, Any]) -> None:
    """fullUrl ↔ id, a transaction's request url ↔ type/id, and every ``urn:uuid:``
    reference pointing at an entry of the Bundle."""
    urls = set()
    for entry in bundle["entry"]:
        resource, url = entry["resource"], entry["fullUrl"]
        kind, ident = resource["resourceType"], resource["id"]
        if url.startswith("urn:uuid:"):
            assert url == f"urn:uuid:{ident}", (url, ident)
        else:
            assert url.endswith(f"/{kind}/{ident}"), (url, kind, ident)
        if bundle["type"] == "transaction":
            assert entry["request"]["url"] == f"{kind}/{ident}", entry["request"]
            assert entry["request"]["method"] == "PUT"
        urls.add(url)
    for reference in _references(bundle):
        if reference.startswith("urn:"):
            assert reference in urls, f"{reference} is not an entry of the Bundle"


def assert_answers_form(response: dict[str, Any], form: dict[str, Any]) -> None:
    """Every item of ``response`` is an item of ``form``, under the same parent, with an
    answer of that item's type (a choice's code one of its options), and only where the
    form enables it; the response names the form by its canonical url."""
    assert response["questionnaire"].split("|")[0] == form["url"]
    by_id = {item["linkId"]: item for item in _items(form)}
    parents = {
        child["linkId"]: item["linkId"] for item in _items(form) for child in item.get("item", [])
    }
    answers: dict[str, Any] = {}

    def walk(items: list[dict[str, Any]], parent: str | None) -> None:
        for item in items:
            link_id = item["linkId"]
            assert link_id in by_id, f"{link_id} is not an item of {form['url']}"
            assert parents.get(link_id) == parent, (link_id, parent, parents.get(link_id))
            asked = by_id[link_id]
            for answer in item.get("answer", []):
                [(key, value)] = [(k, v) for k, v in answer.items() if k.startswith("value")]
                assert key == _VALUE_OF[asked["type"]], (link_id, key, asked["type"])
                if asked["type"] == "choice":
                    codes = {o["valueCoding"]["code"] for o in asked["answerOption"]}
                    assert value["code"] in codes, (link_id, value)
                answers[link_id] = value
            walk(item.get("item", []), link_id)

    walk(response.get("item", []), None)
    for link_id in answers:
        for condition in by_id[link_id].get("enableWhen", []):
            assert answers.get(condition["question"]) == condition["answerBoolean"], link_id


_VALUE_OF = {
    "string": "valueString",
    "text": "valueString",
    "date": "valueDate",
    "integer": "valueInteger",
    "boolean": "valueBoolean",
    "choice": "valueCoding",
}


def translations(element: dict[str, Any] | None) -> dict[str, str]:
    """The ``translation`` extensions of a primitive's ``_x`` element, by language."""
    found = {}
    for extension in (element or {}).get("extension", []):
        if extension["url"] == "http://hl7.org/fhir/StructureDefinition/translation":
            parts = {e["url"]: e for e in extension["extension"]}
            found[parts["lang"]["valueCode"]] = parts["content"]["valueString"]
    return found


def resources_of(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The resources of one type in a Bundle, in order."""
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def codings(node: Any) -> list[dict[str, Any]]:
    """Every coding (an object with a system and a code) anywhere in ``node``."""
    if isinstance(node, dict):
        found = [node] if "system" in node and "code" in node else []
        return found + [c for v in node.values() for c in codings(v)]
    if isinstance(node, list):
        return [c for v in node for c in codings(v)]
    return []


def fhir_environment(monkeypatch: Any, home: Any, data_dir: Any) -> None:
    """The fixture content, a private home, and a fixed timestamp for the Bundles."""
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(data_dir))
    monkeypatch.setenv("OTTOOL_HOME", str(home))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1754000000")


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("reference"), str):
            yield node["reference"]
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def _items(resource: dict[str, Any]) -> Iterator[dict[str, Any]]:
    stack = list(resource.get("item", []))
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.get("item", []))
