"""The editorial rules of the content: what a clinical and a Spanish reviewer check.

These rules go beyond the shape of an entry (:mod:`~ottool.core.content.fields`) and its
references (:mod:`~ottool.core.content.checking`): a milestone's ``normed`` agrees with its
source, Spanish speaks to parents as "usted" and names the child as the CDC's Spanish
checklists do, one Spanish word is used for each idea, sources are named and cited
only for what they say. docs/content-sources.md explains each rule; every problem names
the line to change and how. They run in every ``ottool validate`` (a Spanish text is
checked where there is one; ``--language es`` is what requires one everywhere).

Messages are for content editors and stay in English (docs/decisions.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ottool.core.content.models import DEFAULT_LANGUAGE
from ottool.core.errors import Problem
from ottool.core.yamlsource import LineDict, LineList

#: How a milestone from the CDC's 2022 checklists names its source (the test content
#: uses the short form). Those items are normed; every other milestone is not.
CDC_CHECKLIST_SOURCES = ("CDC Learn the Signs. Act Early. (2022)", "CDC LTSAE 2022")

#: Pathways.org's sensory checklist has no items after this age (months).
PATHWAYS_LAST_MONTH = 18

#: How the CDC's Spanish checklists name the child in a question: "su bebé" up to
#: ``BABY_UNTIL_MONTHS``, then ``SPANISH_CHILD``. Change the words here, once.
SPANISH_BABY = "su bebé"
SPANISH_CHILD = "su hijo"
BABY_UNTIL_MONTHS = 12

#: Milestones whose Spanish text is the CDC's own 2022 Spanish wording (docs/decisions.md
#: names the page), cut where the English ends so that both say the same thing.
CDC_SPANISH_WORDING = {
    # "Indicadores importantes: su bebé a los 15 meses" (CDC, NCBDDD, 2022 revision).
    "se-15m-copies-children": "Copia a otros niños mientras juega",
}

#: "tu bebé", "tus hijos": the informal "tú"; the CDC speaks to parents as "usted".
TU_POSSESSIVE = re.compile(r"\btus? (bebés?|hijos?|hijas?)\b", re.IGNORECASE)

#: Imperatives that speak to the reader as "tú" at the start of a sentence ("Mira",
#: "Inténtalo"); the usted forms are "Mire", "Inténtelo". Checked only in texts that
#: tell the parent what to do: in a milestone's text "Mira un libro" means "looks at".
TU_IMPERATIVES = re.compile(
    r"(?:^|[.;:]\s+)(cuenta|mira|intenta|inténtalo|prueba|pruébalo|fíjate|quédate|"
    r"ponlo|pon|déjalo|deja|dale|dile|háblale|siéntalo|acuéstalo|sostenlo|pregunta|"
    r"llama|habla|comunícate)\b",
    re.IGNORECASE,
)

#: The fields that tell a parent what to do, by kind of entry.
INSTRUCTION_FIELDS = {
    "milestone": ("hint",),
    "warning sign": ("advice",),
    "activity": ("why", "steps", "safety"),
}


@dataclass(frozen=True)
class Term:
    """One idea, said one way in Spanish: where the English matches, the Spanish has it."""

    english: str  #: a regular expression, matched ignoring case
    spanish: str  #: the Spanish words, in lower case
    name: str  #: the idea, as a message names it


#: One Spanish term for each idea (docs/content-sources.md, "Spanish").
SPANISH_TERMS = (
    Term(r"\btummy time\b", "boca abajo", "tummy time"),
    Term(r"\bdoctor\b", "médico", "doctor"),
    Term(r"\boccupational therapist\b", "terapeuta ocupacional", "occupational therapist"),
    Term(r"\bemergency services\b", "emergencias", "emergency services"),
    Term(r"\bdevelopmental screening\b", "evaluación del desarrollo", "developmental screening"),
    Term(r"\bhearing (test|check)\b", "audición", "hearing test"),
    Term(r"\bcrib\b", "cuna", "crib"),
    Term(r"\bhigh ?chair\b", "silla alta", "high chair"),
)


#: Matches where any term of SPANISH_TERMS does: one search instead of one per term.
_ANY_TERM = re.compile("|".join(f"(?:{term.english})" for term in SPANISH_TERMS), re.IGNORECASE)


@functools.cache
def _pattern(expression: str) -> re.Pattern[str]:
    """A term's expression compiled once (``re``'s own cache costs a lookup per text)."""
    return re.compile(expression, re.IGNORECASE)


@dataclass(frozen=True)
class Text:
    """One human-readable value of an entry, in English and (when given) Spanish."""

    field: str
    english: str
    spanish: str | None
    line: int  #: of the Spanish text when there is one, else of the value
    english_line: int


def texts(entry: LineDict, model: Any) -> Iterator[Text]:
    """Every text of a raw entry, list items one by one; values of a wrong type skipped."""
    for name in getattr(model, "TEXT_FIELDS", ()):
        if name in entry:
            yield from _text(name, entry[name], entry.line_of(name))
    for name in getattr(model, "TEXT_LIST_FIELDS", ()):
        items = entry.get(name)
        if isinstance(items, LineList):
            for i, item in enumerate(items):
                line = items.lines[i] if i < len(items.lines) else items.line
                yield from _text(name, item, line)


def _text(name: str, value: Any, line: int) -> Iterator[Text]:
    if isinstance(value, str):
        yield Text(name, value, None, line, line)
    elif isinstance(value, LineDict):
        english, spanish = value.get(DEFAULT_LANGUAGE), value.get("es")
        if isinstance(english, str):
            spanish = spanish if isinstance(spanish, str) else None
            es_line = value.line_of("es") if spanish is not None else line
            yield Text(name, english, spanish, es_line, value.line_of(DEFAULT_LANGUAGE))


def from_cdc_checklists(source: str) -> bool:
    """Whether a milestone's source is the CDC's 2022 checklists (so it is normed)."""
    return source.startswith(CDC_CHECKLIST_SOURCES)


@dataclass
class EditorialChecker:
    """Collects the problems of the editorial rules for one content folder."""

    problems: list[Problem]

    def add(self, file: str, line: int, label: str, message: str) -> None:
        self.problems.append(Problem(file, line, f"{label}: {message}"))

    # --- every entry ------------------------------------------------------------------

    def entry(self, kind: str, file: str, item: Any, entry: LineDict) -> None:
        """The rules every milestone, warning sign and activity follows."""
        label = f"{kind} '{item.id}'"
        source = getattr(item, "source", None)
        if "source" in entry and isinstance(source, str) and not source.strip():
            self.add(
                file,
                entry.line_of("source"),
                label,
                "source is empty: name where this comes from, such as "
                f"'{CDC_CHECKLIST_SOURCES[0]}' (docs/content-sources.md lists the sources)",
            )
        for text in texts(entry, type(item)):
            self.spanish(file, label, kind, text)

    def spanish(self, file: str, label: str, kind: str, text: Text) -> None:
        """Spanish register and terms of one text."""
        es = text.spanish
        if es is None or not es.strip():
            return  # missing Spanish is --language es's to report
        # A name or a short term may be the same in both ("Atención Temprana"); a
        # sentence of three words or more that is the same was not translated.
        if es.strip() == text.english.strip() and len(re.findall(r"[A-Za-z]{2,}", es)) >= 3:
            self.add(
                file,
                text.line,
                label,
                f"{text.field}: the Spanish is the same as the English ('{_start(es)}'): "
                "translate it",
            )
            return
        lower = es.lower()
        found = TU_POSSESSIVE.search(es) if "tu" in lower else None  # most texts have none
        if found:
            self.add(
                file,
                text.line,
                label,
                f"{text.field}: '{found[0]}' speaks to the parent as 'tú'; the content speaks "
                f"as 'usted': write '{_usted(found[0])}'",
            )
        if text.field in INSTRUCTION_FIELDS.get(kind, ()):
            verb = TU_IMPERATIVES.search(es)
            if verb:
                self.add(
                    file,
                    text.line,
                    label,
                    f"{text.field}: '{verb[1]}' tells the parent what to do as 'tú'; the "
                    "content speaks as 'usted' (Mire, Inténtelo, Pregunte)",
                )
        if not _ANY_TERM.search(text.english):  # most texts name none of the terms
            return
        for term in SPANISH_TERMS:
            if _pattern(term.english).search(text.english) and term.spanish not in lower:
                self.add(
                    file,
                    text.line,
                    label,
                    f"{text.field}: the English says '{term.name}', so the Spanish says "
                    f"'{term.spanish}' (one Spanish term for each idea)",
                )

    # --- milestones -------------------------------------------------------------------

    def milestone(self, file: str, m: Any, entry: LineDict) -> None:
        """normed against the source, Pathways' ages, the CDC's Spanish wording."""
        label = f"milestone '{m.id}'"
        cdc = from_cdc_checklists(m.source)
        if m.normed != cdc:
            where = entry.line_of("normed") if "normed" in entry else entry.line_of("source")
            if cdc:
                fix = (
                    "the source is the CDC's 2022 checklists, whose items are normed: "
                    "remove 'normed: false'"
                )
            else:
                fix = (
                    "the source is not the CDC's 2022 checklists, so no age norm stands "
                    "behind it: add 'normed: false'"
                )
            self.add(file, where, label, fix)
        if "Pathways" in m.source:
            if m.months > PATHWAYS_LAST_MONTH:
                self.add(
                    file,
                    entry.line_of("source"),
                    label,
                    f"Pathways.org's sensory checklist stops at {PATHWAYS_LAST_MONTH} months: "
                    f"cite another source for a {m.months}-month item",
                )
            elif "textures" in m.source and "7-9 months" not in m.source:
                self.add(
                    file,
                    entry.line_of("source"),
                    label,
                    "Pathways.org puts textures at 7-9 months: say '7-9 months' in the source",
                )
        if cdc:
            self._names_the_child(file, label, m, entry)
        pinned = CDC_SPANISH_WORDING.get(m.id)
        if pinned is not None:
            text = next((t for t in texts(entry, type(m)) if t.field == "text"), None)
            if text is not None and text.spanish is not None and text.spanish != pinned:
                self.add(
                    file,
                    text.line,
                    label,
                    f"text: the Spanish is the CDC's own wording, '{pinned}' "
                    "(docs/decisions.md names the page); keep it word for word",
                )

    def _names_the_child(self, file: str, label: str, m: Any, entry: LineDict) -> None:
        question = next((t for t in texts(entry, type(m)) if t.field == "question"), None)
        if question is None or not question.spanish:
            return
        es = question.spanish.lower()
        if m.months <= BABY_UNTIL_MONTHS:
            if SPANISH_BABY not in es:
                self.add(
                    file,
                    question.line,
                    label,
                    f"question: up to {BABY_UNTIL_MONTHS} months the CDC's Spanish checklists "
                    f"call the child '{SPANISH_BABY}': use it in the Spanish question",
                )
        elif SPANISH_CHILD not in es or SPANISH_BABY in es:
            self.add(
                file,
                question.line,
                label,
                f"question: from {BABY_UNTIL_MONTHS + 1} months the CDC's Spanish checklists "
                f"call the child '{SPANISH_CHILD}', not '{SPANISH_BABY}': use "
                f"'{SPANISH_CHILD}' in the Spanish question",
            )

    # --- areas ------------------------------------------------------------------------

    def domain_names(self, file: str, domains: list[tuple[Any, LineDict]]) -> None:
        """Two areas never share a name, in either language."""
        seen: dict[str, str] = {}
        for d, entry in domains:
            for text in texts(entry, type(d)):
                if text.field != "name":
                    continue
                for lang, name, line in (
                    ("en", text.english, text.english_line),
                    ("es", text.spanish, text.line),
                ):
                    if not name:
                        continue
                    other = seen.setdefault(f"{lang}:{name.strip().lower()}", d.id)
                    if other != d.id:
                        self.add(
                            file,
                            line,
                            f"domain '{d.id}'",
                            f"name: '{name}' is already the name of '{other}': give each "
                            "area its own name",
                        )


def _usted(words: str) -> str:
    """'tu bebé' -> 'su bebé', 'Tus hijos' -> 'Sus hijos'."""
    return re.sub(r"\b([Tt])([Uu][Ss]?)\b", lambda m: ("S" if m[1] == "T" else "s") + m[2], words)


def _start(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
