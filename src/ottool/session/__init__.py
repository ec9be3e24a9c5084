"""One flow, assembled once: answers → result → plan → document, and what is done with them.

Every command and the questionnaire go through these functions; none of them
assembles a result, a plan or a document itself (docs/architecture.md, "State,
boundaries and start-up"). This package prompts for nothing and prints nothing: it
returns values and raises :class:`~ottool.core.errors.InputError`, and the command
line says what happened.

- :func:`read_answers` — an answer file (YAML or a FHIR response), read once;
- :func:`screen` — answers scored into a :class:`Screening` (result, plan, document);
- :func:`plan_from` — a home plan (its document and the record of what was given) from
  a screening, for an age and areas, or a plan given before, with a therapist's edits;
  :func:`read_plan` — a plan given before; :func:`region_for` — the region a document
  names;
- :func:`read_result`, :func:`saved` — a screening read back from a result file or
  from the history;
- :func:`save` — a screening saved in the history; :func:`log` — what is saved;
- :func:`write_plan` — a plan document written to a file or standard output;
- :func:`summary` — the one page for a child's doctor, written to a file;
- :func:`which_child`, :func:`practice`, :func:`log_practice`, :func:`undo_practice`,
  :func:`plan_today` — after the screening: which child, the practice log and the
  practice kept against the plan's dose;
- :func:`coming`, :func:`coming_for`, :func:`coming_from_birth`, :func:`write_calendar` —
  the coming checks and
  their calendar file; :func:`progress` — practice kept and answers over time;
  :func:`history_page` — the saved screenings a page at a time, newest first;
- :func:`milestones`, :func:`activities`, :func:`activity`, :func:`activity_card`,
  :func:`activity_origins` — browsing the content; :func:`check_content` — checking it;
- :func:`fhir_questionnaires`, :func:`fhir_codesystems`, :func:`fhir_screening`,
  :func:`fhir_history` — FHIR R4 as JSON text.

The functions live in three modules, by what they are about: ``session.screening``
(answers, results, the history's screenings), ``session.plan`` (home plans, checklists,
writing a plan), ``session.followup`` (after the screening) and ``session.browse``
(the content's milestones and activities); they are all named
here, so a command says ``session.screen(...)``.
"""

from ottool.session.browse import (
    activities,
    activity,
    activity_card,
    activity_origins,
    check_content,
    milestones,
)
from ottool.session.fhir import fhir_codesystems, fhir_history, fhir_questionnaires, fhir_screening
from ottool.session.followup import (
    HistoryPage,
    Logged,
    Practice,
    Progress,
    coming,
    coming_for,
    coming_from_birth,
    history_page,
    log_practice,
    plan_today,
    practice,
    progress,
    summary,
    undo_practice,
    which_child,
    write_calendar,
)
from ottool.session.plan import (
    Plan,
    PlanDetails,
    check_age_fits_birth,
    check_not_held_back,
    check_plan_file,
    checklist,
    plan_from,
    read_plan,
    region_for,
    shown_again,
    write_plan,
)
from ottool.session.screening import (
    DEFAULT_ACTIVITIES,
    GivenAnswers,
    Log,
    SavedResult,
    Screening,
    log,
    read_answers,
    read_back,
    read_result,
    save,
    saved,
    screen,
)

__all__ = [
    "DEFAULT_ACTIVITIES",
    "GivenAnswers",
    "HistoryPage",
    "Log",
    "Logged",
    "Plan",
    "PlanDetails",
    "Practice",
    "Progress",
    "SavedResult",
    "Screening",
    "activities",
    "activity",
    "activity_card",
    "activity_origins",
    "check_age_fits_birth",
    "check_content",
    "check_not_held_back",
    "check_plan_file",
    "checklist",
    "coming",
    "coming_for",
    "coming_from_birth",
    "fhir_codesystems",
    "fhir_history",
    "fhir_questionnaires",
    "fhir_screening",
    "history_page",
    "log",
    "log_practice",
    "milestones",
    "plan_from",
    "plan_today",
    "practice",
    "progress",
    "read_answers",
    "read_back",
    "read_plan",
    "read_result",
    "region_for",
    "save",
    "saved",
    "screen",
    "shown_again",
    "summary",
    "undo_practice",
    "which_child",
    "write_calendar",
    "write_plan",
]
