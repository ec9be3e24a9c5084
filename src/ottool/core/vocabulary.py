"""The typed codes ottool speaks in, in one place (docs/content.md, docs/architecture.md).

Answers, area statuses, the overall step, when to act and whom to see: every module
that reads or writes one of these codes imports it from here, so a code means the same
thing in the content, the scoring, the documents and the files ottool writes. Codes
are never shown to a family as they are: the catalog (documents/wording/) gives their words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

#: A parent's answer to one milestone.
Answer = Literal["yes", "sometimes", "not_yet", "unsure"]
ANSWERS: tuple[Answer, ...] = ("yes", "sometimes", "not_yet", "unsure")

#: The status of one area of development.
Status = Literal["on_track", "emerging", "incomplete", "discuss"]
#: Domain statuses from best to most in need of attention.
STATUSES: tuple[Status, ...] = ("on_track", "emerging", "incomplete", "discuss")

#: The overall step of a screening.
Overall = Literal["on_track", "monitor", "incomplete", "discuss", "urgent"]
#: Overall steps from best to most in need of attention.
OVERALLS: tuple[Overall, ...] = ("on_track", "monitor", "incomplete", "discuss", "urgent")

#: A warning sign's coarse level (its time frame is its ``act``).
Level = Literal["discuss", "urgent"]
LEVELS: tuple[Level, ...] = ("discuss", "urgent")

#: When to act on a result: the headline's time frame (docs/design.md §4, "When to act").
Act = Literal["emergency", "today", "days", "visit", "recheck", "next_check"]
#: Every act, the most urgent first.
ACTS: tuple[Act, ...] = ("emergency", "today", "days", "visit", "recheck", "next_check")

#: The acts a warning sign may carry in the content: a sign always asks for someone.
SignAct = Literal["emergency", "today", "days", "visit"]
SIGN_ACTS: tuple[SignAct, ...] = ("emergency", "today", "days", "visit")

#: The acts a sign's level allows (docs/decisions.md, "A sign's level and its act"):
#: an emergency or a same-day call is ``urgent``; a next-visit matter is ``discuss``;
#: within days may be either (a loss of skills is ``urgent``, a stiff baby ``discuss``).
ACTS_OF_LEVEL: dict[Level, tuple[SignAct, ...]] = {
    "urgent": ("emergency", "today", "days"),
    "discuss": ("days", "visit"),
}

#: The referral kinds the shipped content must define (their words live in the
#: content's ``referrals:`` table); ids are a contract of the result JSON.
REFERRAL_KINDS: tuple[str, ...] = (
    "doctor",
    "early_intervention",
    "occupational_therapy",
    "physical_therapy",
    "speech_therapy",
    "hearing_test",
    "eye_exam",
    "feeding_specialist",
    "developmental_screening",
    "autism_screening",
)


def most_urgent(acts: Iterable[Act]) -> Act:
    """The most urgent of ``acts``; ``next_check`` (all is well) when there are none."""
    return min(acts, key=ACTS.index, default="next_check")


#: Why an activity is in a plan: the therapist chose it, it practices a milestone
#: answered "not yet" or "sometimes", it serves a focus area or an area worth watching,
#: it prepares the next checklist, or it simply fits the age (result and plan files).
Reason = Literal["chosen", "not_yet", "sometimes", "focus", "domain", "next", "age"]
REASONS: tuple[Reason, ...] = get_args(Reason)


# --- Daily routines ---------------------------------------------------------------

#: A daily moment a home activity fits into (activities.yaml ``routines``). Shown
#: through the catalog (``wording.routine_name``); rules compare these ids, never the
#: translated words (the bath safety line is chosen by ``bath``).
Routine = Literal[
    "waking_up",
    "diaper_change",
    "feeds",
    "meals",
    "bath",
    "dressing",
    "play",
    "outings",
    "reading",
    "bedtime",
]
ROUTINES: tuple[Routine, ...] = get_args(Routine)

#: How an area changed between two screenings (``ottool progress``, ``history --child``).
#: ``new_questions``: less settled on a later checklist than before, not at "talk about it".
Change = Literal["better", "same", "needs_attention", "new_questions", "unknown"]


# --- Output formats ----------------------------------------------------------------

#: An output format's name, as ``--format`` takes it (the registry of what each one
#: writes, its file endings and its renderer: ``render.registry``). ``text`` is the
#: view for people: coloured on a terminal, plain in a file or a pipe.
FormatName = Literal["text", "md", "html", "pdf", "json", "jsonl", "fhir", "yaml"]
FORMAT_NAMES: tuple[FormatName, ...] = get_args(FormatName)
#: Earlier names of a format, still read (never listed): ``terminal`` and ``txt`` were
#: two commands' words for ``text``.
FORMAT_ALIASES: dict[str, FormatName] = {"terminal": "text", "txt": "text"}
