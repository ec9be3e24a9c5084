"""The interactive questionnaire: the only module that prompts.

Written for a tired parent with a baby on one arm: one short question at a time,
arrow keys or number keys, a way back to the previous question, and nothing
lost on Ctrl-C. After every answer the draft is saved (privately) so that
`ottool screen --resume` continues where the parent stopped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import questionary
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ottool.cli.prompts import STYLE, confirm, fit, plain_ask, within
from ottool.core.age import (
    FULL_TERM_WEEKS,
    MAX_GESTATIONAL_WEEKS,
    MIN_GESTATIONAL_WEEKS,
    PRETERM_BEFORE_WEEKS,
    age_on,
    check_age_served,
    checklist_for,
)
from ottool.core.content import Content, Milestone
from ottool.core.errors import InputError
from ottool.core.i18n import N_, _, ngettext
from ottool.core.limits import MAX_NAME, MAX_NOTE
from ottool.core.printable import printable
from ottool.core.screening import Answer, Answers, Child
from ottool.documents.result_document import age_line
from ottool.documents.wording import ANSWER_LABELS, answer_words
from ottool.render.console import make_console
from ottool.storage.draft import Draft, draft_path, load_draft, save_draft

BACK = "back"
BACK_TO_QUESTION = N_("← Back to the previous question")
#: Room kept at the end of a question for a short answer (a date, a first name).
MAX_SHOWN_ANSWER = 12

#: One paragraph a line: the console wraps them to the terminal's width (a hard line
#: break inside a paragraph breaks it mid-line on a narrow terminal).
WELCOME = N_(
    "[heading]ottool milestone check[/heading]\n"
    "\n"
    "A few short questions about what your child does now: about 5 to 10 minutes. "
    "At the end you get a summary and some everyday activities to try at home.\n"
    "\n"
    "This is a milestone check, [bold]not a diagnosis[/bold] and not a validated "
    "screening test. It helps you decide whether to talk to your child's doctor or an "
    "occupational therapist.\n"
    "\n"
    'Use the arrow keys (or the number keys) and Enter. Choose "Back" to change your '
    "previous answer. Press Ctrl-C at any time to stop: your answers are kept, and "
    "[bold]ottool screen --resume[/bold] continues where you left off.\n"
)
ANSWER_CHOICES: tuple[tuple[str, Answer], ...] = tuple(
    (words, answer) for answer, words in ANSWER_LABELS.items()
)


class Interrupted(Exception):
    """The parent pressed Ctrl-C; the draft is saved."""

    def __init__(self, draft_path: Path) -> None:
        super().__init__(str(draft_path))
        self.draft_path = draft_path


class Interview:
    """One run of the questionnaire, keeping its own position so a parent can go back."""

    def __init__(self, content: Content, draft: Draft, console: Console) -> None:
        self.content = content
        self.draft = draft
        self.console = console
        self.today = dt.date.today()

    def save(self) -> None:
        save_draft(self.draft)

    def ask(self, question: Any) -> Any:
        """Ask one questionary question; Ctrl-C saves the draft and stops."""
        try:
            return question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            self.save()
            raise Interrupted(draft_path()) from None

    def run(self) -> Answers:
        d = self.draft
        if d.child.birth_date is None:
            self.ask_child()
        while True:
            assert d.child.birth_date is not None
            weeks = d.child.gestational_weeks or FULL_TERM_WEEKS
            age = age_on(d.child.birth_date, self.today, weeks, today=self.today)
            try:
                check_age_served(age, self.content.max_months)
            except InputError as exc:  # older than the checklists, once the weeks are known
                self.console.print(f"[discuss]![/discuss] {escape(_sentence(str(exc)))}")
                self.ask_child()
                continue
            self.console.print()
            self.console.print(age_line(age, d.child.gestational_weeks or FULL_TERM_WEEKS))
            checklist = checklist_for(age.used_months, self.content.checklists)
            milestones = self.questions(checklist.months)
            if not self.ask_milestones(milestones):
                self.ask_child()  # "Back" on the first question: the details, as typed
                continue
            if d.warning_signs is None and not self.ask_warning_signs(age.used_months):
                d.position = len(milestones) - 1  # "Back": the last question again
                self.save()
                continue
            break
        if not d.concerns_asked:
            self.ask_concerns()
        return Answers(
            Child(d.child.birth_date, d.child.gestational_weeks or FULL_TERM_WEEKS, d.child.name),
            self.today,
            dict(cast("dict[str, Answer]", d.answers)),  # checked when read, or asked
            dict(d.warning_signs or {}),
            d.concerns,
        )

    def ask_child(self) -> None:
        """The child's details; what was typed before (going back) is offered again."""
        d = self.draft
        question = _("Your child's first name (optional, press Enter to skip):")
        question = self.wrap(question, indent=2, reserve=MAX_SHOWN_ANSWER)
        asked = questionary.text(
            question,
            default=d.child.name or "",
            validate=within(MAX_NAME),
            style=STYLE,
        )
        # questionary echoes the answer as typed, and a name can hold a bidirectional
        # override (U+202E) that turns the line around: the echo is written again, safely.
        asked.application.erase_when_done = True
        name = self.ask(asked)
        d.child.name = name.strip() or None
        self.console.print(
            Text.assemble(("? ", "cyan"), (question, "bold"), " ", (d.child.name or "", "cyan"))
        )
        self.save()
        birth = self.ask(
            questionary.text(
                self.wrap(
                    _("Date of birth (year-month-day, like 2026-04-01):"),
                    indent=2,
                    reserve=MAX_SHOWN_ANSWER,
                ),
                default=d.child.birth_date.isoformat() if d.child.birth_date else "",
                validate=self.check_birth_date,
                style=STYLE,
            )
        )
        d.child.birth_date = dt.date.fromisoformat(birth.strip())
        weeks_said = d.child.gestational_weeks
        born_early = weeks_said is not None and weeks_said < PRETERM_BEFORE_WEEKS
        if d.child.name:
            early_question = _("Was {name} born early (before {weeks} weeks of pregnancy)?")
        else:  # its own sentence: "¿Su hijo…", never a lower-case "¿su hijo…"
            early_question = _("Was your child born early (before {weeks} weeks of pregnancy)?")
        early = self.ask(
            confirm(
                printable(early_question.format(name=d.child.name, weeks=PRETERM_BEFORE_WEEKS)),
                default=born_early,
            )
        )
        weeks_before = d.child.gestational_weeks if born_early else None
        d.child.gestational_weeks = FULL_TERM_WEEKS
        if early:
            weeks = self.ask(
                questionary.text(
                    self.wrap(
                        _("How many weeks of pregnancy at birth? (for example 32)"),
                        indent=2,
                        reserve=MAX_SHOWN_ANSWER,
                    ),
                    default=str(weeks_before) if weeks_before else "",
                    validate=check_weeks,
                    style=STYLE,
                )
            )
            d.child.gestational_weeks = int(weeks.strip())
        self.save()

    def check_birth_date(self, text: str) -> bool | str:
        try:
            birth = dt.date.fromisoformat(text.strip())
        except ValueError:
            return _("Please type the date as year-month-day, for example 2026-04-01.")
        try:
            # The youngest age this birth date can give (the most correction for
            # prematurity): a child older than the checklists even so is refused now.
            youngest = age_on(birth, self.today, MIN_GESTATIONAL_WEEKS, today=self.today)
            check_age_served(youngest, self.content.max_months)
        except InputError as exc:
            return _sentence(str(exc))
        return True

    def questions(self, months: int) -> list[Milestone]:
        """The checklist's milestones, grouped by area in content order."""
        checklist = self.content.checklist(months)
        return [m for d in self.content.domains for m in checklist if m.domain == d.id]

    def wrap(self, text: str, *, indent: int, reserve: int = 0) -> str:
        """``text`` broken at spaces to this console's width (:func:`fit`)."""
        return fit(text, self.console.width, indent=indent, reserve=reserve)

    def ask_milestones(self, milestones: list[Milestone]) -> bool:
        """Ask from the draft's position on; False when the parent goes back to the details."""
        d = self.draft
        total = len(milestones)
        while d.position < total:
            i = d.position
            m = milestones[i]
            area = self.content.domain_by_id[m.domain].name
            self.console.print()
            where = _("{area} · {number} of {total}").format(area=area, number=i + 1, total=total)
            self.console.print(Text(where, style="muted"))
            if m.hint:
                self.console.print(Text(_("Hint: {hint}").format(hint=m.hint), style="muted"))
            words = answer_words()
            choices = [
                questionary.Choice(words[value], value=value) for _t, value in ANSWER_CHOICES
            ]
            back = _(BACK_TO_QUESTION) if i > 0 else _("← Back to your child's details")
            choices.append(questionary.Choice(back, value=BACK))
            # A new question starts on "Not sure": Enter pressed through every question
            # gives "not enough answers to tell", never an "on track" nobody chose.
            previous = d.answers.get(m.id, "unsure")
            answer = self.ask(
                questionary.select(
                    self.wrap(m.prompt, indent=2, reserve=11),
                    choices=choices,
                    default=next((c for c in choices if c.value == previous), None),
                    use_shortcuts=True,
                    instruction=" ",  # the welcome explains the keys once
                    style=STYLE,
                )
            )
            if answer == BACK and i == 0:
                return False
            if answer == BACK:
                d.position = i - 1
            else:
                d.answers[m.id] = answer
                d.position = i + 1
            self.save()
        return True

    def ask_warning_signs(self, months: float) -> bool:
        """Tick the signs seen; False when the parent chose Back (nothing is kept then)."""
        signs = self.content.warning_signs_at(months)
        self.console.print()
        self.console.print(
            Text(
                _(
                    "Space ticks a line; Enter when done. Leave them all empty if none apply. "
                    "Tick the last line to go back to the previous question."
                ),
                style="muted",
            )
        )
        question = _("Have you noticed any of these?")
        choices = [questionary.Choice(self.wrap(w.text, indent=5), value=w.id) for w in signs]
        choices.append(questionary.Choice(_(BACK_TO_QUESTION), value=BACK))
        checkbox = questionary.checkbox(question, choices=choices, instruction=" ", style=STYLE)
        # questionary's own echo of the ticks is cut at the screen edge (and in English):
        # it is erased, and the whole choice is written again below, wrapped.
        checkbox.application.erase_when_done = True
        chosen = self.ask(checkbox)
        if BACK in chosen:
            return False
        self.draft.warning_signs = {w.id: w.id in chosen for w in signs}
        self.save()
        self.console.print(Text.assemble(("? ", "bold"), (question, "bold")))
        ticked = [w.text for w in signs if w.id in chosen]
        for text in ticked or [_("None of these")]:
            self.console.print(Text(f"  · {text}", style="cyan"))
        return True

    def ask_concerns(self) -> None:
        text = self.ask(
            questionary.text(
                self.wrap(
                    _(
                        "Anything else about your child's development you'd like to note? "
                        "(optional, press Enter to skip)"
                    ),
                    indent=2,
                ),
                validate=within(MAX_NOTE),
                style=STYLE,
            )
        )
        self.draft.concerns = text.strip() or None
        self.draft.concerns_asked = True
        self.save()


def _sentence(message: str) -> str:
    """An error message as a sentence: capital first letter, a full stop at the end."""
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


def check_weeks(text: str) -> bool | str:
    try:
        weeks = int(text.strip())
    except ValueError:
        return _("Please type a whole number of weeks, for example 32.")
    if not MIN_GESTATIONAL_WEEKS <= weeks <= MAX_GESTATIONAL_WEEKS:
        return _("Please type a number from {low} to {high}.").format(
            low=MIN_GESTATIONAL_WEEKS, high=MAX_GESTATIONAL_WEEKS
        )
    return True


def run_interview(content: Content, *, resume: bool = False) -> Answers:
    """Ask the questions (continuing a draft when asked or when the parent agrees)."""
    console = make_console()
    draft = load_draft(content)
    if resume and draft is None:
        raise InputError(
            _("there is no unfinished screening to resume; run `ottool screen` to start one")
        )
    console.print(_(WELCOME))
    interview = Interview(content, Draft(), console)
    if draft is not None and not resume:
        resume = interview.ask(
            confirm(
                _("You have an unfinished screening (started {started}). Continue it?").format(
                    started=_started_in_words(draft.started)
                ),
                default=True,
            )
        ) or not _agrees_to_start_again(interview, draft)
    if draft is not None and resume:
        interview.draft = draft
        n = len(draft.answers)
        continuing = ngettext(
            "Continuing the screening for {name}: {count} answer so far.",
            "Continuing the screening for {name}: {count} answers so far.",
            n,
        )
        console.print(Text(continuing.format(name=draft.child.name or _("your child"), count=n)))
    try:
        return interview.run()
    except KeyboardInterrupt:  # Ctrl-C between two questions
        interview.save()
        raise Interrupted(draft_path()) from None


def _started_in_words(started: str) -> str:
    """When a draft was started, as the reader writes a date ("November 22, 2026 at
    14:05", "22 de noviembre de 2026 a las 14:05"); as stored when it cannot be read."""
    from ottool.core.i18n import format_date

    try:
        moment = dt.datetime.fromisoformat(started)
    except ValueError:
        return started.replace("T", " ")
    return _("{date} at {time}").format(
        date=format_date(moment.date()), time=moment.strftime("%H:%M")
    )


def _agrees_to_start_again(interview: Interview, draft: Draft) -> bool:
    """Starting again replaces the unfinished answers: say so and ask (default: keep them)."""
    n = len(draft.answers)
    return bool(
        interview.ask(
            confirm(
                ngettext(
                    "Start again? The unfinished screening ({count} answer) will be deleted.",
                    "Start again? The unfinished screening ({count} answers) will be deleted.",
                    n,
                ).format(count=n),
                default=False,
            )
        )
    )


@dataclass(frozen=True)
class PlanFileChoice:
    """The file the parent chose for the plan: as typed, where it is, and whether an
    existing file there may be replaced (the parent said so)."""

    typed: str
    path: Path
    force: bool = False


class AfterOffers:
    """The questions after the results: write the plan to a file? which? save the results?

    Each returns what the parent chose; the command does it (``cli.screen``). Ctrl-C or
    the end of input here skips the offer: nothing is lost.
    """

    def __init__(self) -> None:
        self.console = make_console()
        self.console.print()

    def wants_plan_file(self) -> bool:
        return bool(
            plain_ask(confirm(_("Write this plan to a file you can print or share?"), default=True))
        )

    def ask_plan_file(self, default: str) -> PlanFileChoice | None:
        """A file name for the plan (None: the parent left it empty). An existing file is
        replaced only when the parent says so; otherwise a free name is offered again."""
        while True:
            typed = plain_ask(
                questionary.text(
                    fit(
                        _("File name (.html, .pdf, .md or .txt; empty to skip):"),
                        reserve=len(default) + 1,
                    ),
                    default=default,
                    style=STYLE,
                )
            )
            if not typed or not typed.strip():
                return None
            typed = typed.strip()
            target = Path(typed).expanduser()
            if not target.is_file():
                return PlanFileChoice(typed, target)
            # An earlier plan (maybe today's): replace it only when the parent says so.
            question = _("{file} already exists. Replace it?").format(file=printable(typed))
            if plain_ask(confirm(question, default=False)):
                return PlanFileChoice(typed, target, force=True)
            default = free_name(typed)

    def wants_to_save(self) -> bool | None:
        """Yes, no, or None (Ctrl-C or the end of input: no answer)."""
        answer = plain_ask(
            confirm(
                _("Save these results on this computer, to compare next time? (private to you)"),
                default=True,
            )
        )
        return None if answer is None else bool(answer)

    def say(self, text: str) -> None:
        self.console.print(Text(text))

    def say_problem(self, problem: InputError) -> None:
        self.console.print(Text.assemble(("!", "discuss"), f" {problem}"))

    def say_draft_kept(self) -> None:
        _say_draft_kept(self.console)


def plan_file_name(child: str | None, date: dt.date) -> str:
    """The file name offered for the plan: the child's name and the day, not yet taken."""
    words = re.findall(r"\w+", (child or "child").casefold())
    return free_name(f"plan-{'-'.join(words) or 'child'}-{date.isoformat()}.html")


def free_name(name: str) -> str:
    """``name``, or ``name`` with ``-2``, ``-3``... before its ending when that file exists:
    the questionnaire's offer never proposes a file that is already there."""
    path = Path(name).expanduser()
    if not path.exists():
        return name
    suffix = Path(name).suffix
    base = name[: len(name) - len(suffix)] if suffix else name
    number = 2
    while Path(f"{base}-{number}{suffix}").expanduser().exists():
        number += 1
    return f"{base}-{number}{suffix}"


def _say_draft_kept(console: Console) -> None:
    console.print(
        Text(
            _(
                "Your answers are kept in {file}: `ottool screen --resume` shows these "
                "results again."
            ).format(file=draft_path())
        )
    )


def ask_practiced(question: str, activities: list[tuple[str, str]]) -> list[str] | None:
    """``ottool log``'s tick list: which of the plan's activities (id, name) were done
    today. The ids ticked, in plan order; None when the parent pressed Ctrl-C."""
    console = make_console()
    console.print(
        Text(_("Space ticks a line; Enter when done. Ctrl-C stops without logging."), "muted")
    )
    choices = [questionary.Choice(name, value=activity_id) for activity_id, name in activities]
    chosen = plain_ask(
        questionary.checkbox(question, choices=choices, instruction=" ", style=STYLE)
    )
    if chosen is None:
        return None
    return [activity_id for activity_id, _name in activities if activity_id in chosen]
