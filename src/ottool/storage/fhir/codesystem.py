"""ottool's CodeSystems: every code it writes, so a terminology server can check them.

Answers, areas (and ``overall`` with its parts), warning signs, result words, when to
act, referrals and why the next check falls when it does; each concept's display
in English with every other shipped language as a ``designation``. Their urls are the
``system`` of every coding ottool writes (docs/fhir.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ottool.core.content import Content
from ottool.core.i18n import N_, _, speaking
from ottool.core.vocabulary import ACTS, REFERRAL_KINDS
from ottool.documents.wording import ANSWER_LABELS, OVERALL_LABELS, STATUS_LABELS
from ottool.storage.fhir.bundle import act_words, referral_words
from ottool.storage.fhir.questionnaire import BASE_LANGUAGE, _content_date
from ottool.storage.fhir.resources import (
    ACT_SYSTEM,
    ANSWER_CODES,
    ANSWER_SYSTEM,
    BASE,
    NEXT_CHECK_REASONS,
    NEXT_CHECK_SYSTEM,
    OBSERVATION_SYSTEM,
    OVERALL_CODE,
    OVERALL_PARTS,
    OVERALL_TITLE,
    REFERRAL_SYSTEM,
    STATUS_SYSTEM,
    WARNING_SIGN_SYSTEM,
    Bundle,
    BundleEntry,
    BundleKind,
    BundleRequest,
    CodeSystem,
    Concept,
    Designation,
)

#: Every result word (an area's status or the overall step) with its English label.
RESULT_WORDS: dict[str, str] = {
    **{code: label for code, (_symbol, label) in STATUS_LABELS.items()},
    **{code: label for code, (_symbol, label) in OVERALL_LABELS.items()},
}


def codesystems_bundle(
    content: Content,
    translations: Mapping[str, Content] | None = None,
    kind: BundleKind = "collection",
) -> Bundle:
    """Every CodeSystem of ottool in one Bundle (``collection``, or a ``transaction``)."""
    contents = {BASE_LANGUAGE: content, **(translations or {})}
    systems = [
        _system(
            contents,
            ANSWER_SYSTEM,
            N_("Answers to a milestone"),
            {code: _catalog(ANSWER_LABELS[answer]) for answer, code in ANSWER_CODES.items()},
        ),
        _system(
            contents,
            OBSERVATION_SYSTEM,
            N_("Areas of development, and the overall result"),
            {
                **{d.id: _area(d.id) for d in content.domains},
                OVERALL_CODE: _catalog(OVERALL_TITLE),
                **{code: _catalog(words) for code, words in OVERALL_PARTS.items()},
            },
        ),
        _system(
            contents,
            WARNING_SIGN_SYSTEM,
            N_("Warning signs"),
            {w.id: _sign(w.id) for w in content.warning_signs},
        ),
        _system(
            contents,
            ACT_SYSTEM,
            N_("When to act on a result, the most urgent first"),
            {act: _act(act) for act in ACTS},
        ),
        _system(
            contents,
            REFERRAL_SYSTEM,
            N_("Whom a result suggests seeing"),
            {
                kind: _referral(kind)
                for kind in dict.fromkeys([*REFERRAL_KINDS, *(r.id for r in content.referrals)])
            },
        ),
        _system(
            contents,
            NEXT_CHECK_SYSTEM,
            N_("Why the next check falls when it does"),
            {code: _catalog(words) for code, words in NEXT_CHECK_REASONS.items()},
        ),
        _system(
            contents,
            STATUS_SYSTEM,
            N_("Results: an area's status, the overall step"),
            {code: _catalog(label) for code, label in RESULT_WORDS.items()},
        ),
    ]
    entries = [
        BundleEntry(
            full_url=system.url,
            resource=system,
            request=BundleRequest(method="PUT", url=f"CodeSystem/{system.id}")
            if kind == "transaction"
            else None,
        )
        for system in systems
    ]
    return Bundle(type=kind, entry=entries)


Words = Callable[[str, Content], str]


def _catalog(message: str) -> Words:
    """A catalog message in a language."""

    def words(lang: str, content: Content) -> str:
        with speaking(lang):
            return _(message)

    return words


def _area(area_id: str) -> Words:
    """An area's name, from the content loaded in that language."""
    return lambda lang, content: content.domain_by_id[area_id].name


def _referral(referral_id: str) -> Words:
    """A referral kind's words: the content's in that language, else the catalog's."""

    def words(lang: str, content: Content) -> str:
        with speaking(lang):
            return referral_words(content, referral_id) or referral_id

    return words


def _act(act: str) -> Words:
    """An act's headline words in a language."""

    def words(lang: str, content: Content) -> str:
        with speaking(lang):
            return act_words(act) or act

    return words


def _sign(sign_id: str) -> Words:
    """A warning sign's text, from the content loaded in that language."""
    return lambda lang, content: content.warning_sign_by_id[sign_id].text


def _system(
    contents: Mapping[str, Content], url: str, title: str, concepts: Mapping[str, Words]
) -> CodeSystem:
    name = url.rsplit("/", 1)[1]
    english = contents[BASE_LANGUAGE]
    return CodeSystem(
        id=name,
        language=BASE_LANGUAGE,
        url=url,
        version=english.version,
        name="Ottool" + "".join(part.title() for part in name.split("-")),
        title=_catalog(title)(BASE_LANGUAGE, english),
        status="active",
        date=_content_date(english),
        publisher="ottool",
        description=_catalog(title)(BASE_LANGUAGE, english) + f" ({BASE})",
        case_sensitive=True,
        content="complete",
        count=len(concepts),
        concept=[
            Concept(
                code=code,
                display=words(BASE_LANGUAGE, english),
                designation=[
                    Designation(language=lang, value=text)
                    for lang, content in contents.items()
                    if lang != BASE_LANGUAGE
                    for text in [words(lang, content)]
                    if text and text != words(BASE_LANGUAGE, english)
                ],
            )
            for code, words in concepts.items()
        ],
    )
