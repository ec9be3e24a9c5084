"""Rich views of the saved screening history: the list, one child's progress, a summary.

Statuses are shown in words with a symbol (colour only repeats them), in the same
wording as the result screen (:mod:`ottool.documents.wording`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ottool.core.age import age_in_words, calendar_age, months_in_words
from ottool.core.i18n import N_, _, format_date, ngettext
from ottool.documents.wording import (
    OVERALL_SHORT,
    STATUS_LABELS,
    act_short,
    disclaimer,
    months_label,
    overall_short,
)
from ottool.documents.wording import status_words as _status_words
from ottool.storage.history.plans import SavedPlan
from ottool.storage.history.progress import Change
from ottool.storage.history.saved import SavedScreening

#: What changed in an area since the screening before: (symbol, words, style).
CHANGE_LABELS: dict[Change, tuple[str, str, str]] = {
    "better": ("↑", N_("Better"), "on_track"),
    "same": ("=", N_("Same"), "muted"),
    "needs_attention": ("↓", N_("Needs attention"), "discuss"),
    "new_questions": ("→", N_("New questions at this age"), "muted"),
    "unknown": ("–", N_("Cannot compare"), "muted"),
}

#: At most this many screenings side by side; older ones are in the JSON output.
MAX_COLUMNS = 6


def print_history(
    screenings: Sequence[SavedScreening],
    console: Console,
    *,
    total: int | None = None,
    first: int = 1,
) -> None:
    """One row per saved screening: number, date, child, age used, checklist, overall.

    ``total`` (with ``first``, the position of the first row) when this is one page of
    a longer list."""
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column(_("No."), justify="right", no_wrap=True)
    table.add_column(_("Date"))  # may wrap: "2 de noviembre de 2026" is long
    table.add_column(_("Child"))
    table.add_column(_("Age used"))
    table.add_column(_("Checklist"), no_wrap=True)
    table.add_column(_("Overall"))
    for s in screenings:
        table.add_row(
            str(s.id),
            Text(_date(s.date)),
            escape(s.child) if s.child else Text(_("(no name)"), style="muted"),
            _age(s),
            _checklist(s),
            _headline(s),
        )
    console.print(table)
    count = len(screenings) if total is None else total
    saved = ngettext("{n} saved screening.", "{n} saved screenings.", count).format(n=count)
    if total is not None and len(screenings) < total:
        shown = _("Showing {first}–{last}, newest first.")
        saved += " " + shown.format(first=first, last=first + len(screenings) - 1)
    how = _(
        "See one with `ottool history show NUMBER`; a child's progress with "
        "`ottool history --child NAME`."
    )
    console.print(f"[muted]{escape(saved)} {escape(how)}[/muted]")


def print_progress(
    child: str,
    screenings: Sequence[SavedScreening],
    area_names: Mapping[str, str],
    changes: Mapping[str, Change],
    console: Console,
) -> None:
    """One child's screenings side by side, one row per area, and what changed lately."""
    shown = list(screenings[-MAX_COLUMNS:])
    console.print()
    title = _("Progress for {child}").format(child=child)
    console.rule(f"[heading]{escape(title)}[/heading]", align="left")
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column(_("Area"))
    for s in shown:
        number = _("(no. {number})").format(number=s.id)
        table.add_column(Text(f"{_date(s.date)}\n{number}"))
    if changes:
        table.add_column(_("Since the screening before"), min_width=17)
    extra = [""] if changes else []
    table.add_row(_("Age used"), *(_age(s) for s in shown), *extra, style="muted")
    table.add_row(_("Checklist"), *(_checklist(s) for s in shown), *extra, style="muted")
    table.add_section()
    for area_id, name in area_names.items():
        row: list[Text | str] = [escape(name)]
        row += [_status(s.domain_statuses.get(area_id)) for s in shown]
        if changes:
            row.append(_change(changes.get(area_id, "unknown")))
        table.add_row(*row)
    table.add_section()
    table.add_row(_("Overall"), *(_headline(s) for s in shown), *extra)
    if _fits(table, console):
        console.print(table)
    else:  # too narrow for the columns side by side: one block per screening instead
        _print_blocks(shown, area_names, changes, console)
    if len(screenings) > len(shown):
        showing = _(
            "Showing the last {shown} of {total} screenings; all of them are in `--format json`."
        ).format(shown=len(shown), total=len(screenings))
        console.print(f"[muted]{escape(showing)}[/muted]")
    if changes:
        legend = _(
            "The last column compares the latest screening with the one before it: "
            "↑ better, = same, ↓ needs attention, → new questions at this age (a later "
            "checklist). From least to most settled: worth talking about, coming along, on "
            "track. Areas with too few answers cannot be compared."
        )
    else:
        legend = _("Changes show from the second screening on.")
    console.print(f"[muted]{escape(legend)}[/muted]")
    console.print(f"[muted]{escape(disclaimer())}[/muted]")


def _fits(table: Table, console: Console) -> bool:
    """Whether the table fits the terminal whole: every line ends with its right border
    and no cell is cut short with "…" (Rich cuts both when the columns do not fit)."""
    lines = console.render_lines(table, console.options, pad=False)
    for line in lines:
        text = "".join(segment.text for segment in line).rstrip()
        if "…" in text or (text and text[-1] not in "┓┃┫┛│┤┘┐╮╯┩"):
            return False
    return True


def _print_blocks(
    shown: Sequence[SavedScreening],
    area_names: Mapping[str, str],
    changes: Mapping[str, Change],
    console: Console,
) -> None:
    """The side-by-side table as blocks, for a narrow terminal: each screening (its
    date, age, checklist, each area and the overall step), then what changed."""
    for s in shown:
        console.print()
        number = _("(no. {number})").format(number=s.id)
        console.print(f"[heading]{escape(_date(s.date))}[/heading] {escape(number)}")
        console.print(Text.assemble(f"  {_('Age used')}: ", _age(s), style="muted"))
        console.print(Text.assemble(f"  {_('Checklist')}: ", _checklist(s), style="muted"))
        for area_id, name in area_names.items():
            console.print(Text.assemble(f"  {name}: ", _status(s.domain_statuses.get(area_id))))
        console.print(Text.assemble(f"  {_('Overall')}: ", _headline(s)))
    if changes:
        console.print()
        console.print(f"[heading]{escape(_('Since the screening before'))}[/heading]")
        for area_id, name in area_names.items():
            console.print(Text.assemble(f"  {name}: ", _change(changes.get(area_id, "unknown"))))


def print_saved_header(saved: SavedScreening, console: Console) -> None:
    """Which saved screening this is, and when it was saved."""
    heading = _("Saved screening {number}").format(number=saved.id)
    when = _("screened on {date} · saved {time}").format(
        date=_date(saved.date), time=_local_time(saved.saved_at)
    )
    console.print(f"[heading]{escape(heading)}[/heading] · {escape(when)}")


def print_saved_summary(
    saved: SavedScreening, console: Console, why: str, area_names: Mapping[str, str]
) -> None:
    """The stored result in brief, for when the current content cannot show it in full."""
    console.print(f"[discuss]![/discuss] {escape(why)}")
    console.print(escape(_("Here is what was saved:")))
    who = saved.child or _("(no name)")
    summary = _("Child: {child} · Age used: {age} · Checklist: {checklist}").format(
        child=who, age=_age(saved), checklist=_checklist(saved)
    )
    console.print(escape(summary))
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column(_("Area"))
    table.add_column(_("Status"), no_wrap=True)
    for area_id, status in saved.domain_statuses.items():
        table.add_row(escape(area_names.get(area_id, area_id)), _status(status))
    console.print(table)
    console.print(Text.assemble((_("Overall:") + " ", "bold"), _headline(saved)))
    if saved.activity_ids:
        activities = _("Home activities: {ids}").format(ids=", ".join(saved.activity_ids))
        console.print(escape(activities))
    console.print(f"[muted]{escape(disclaimer())}[/muted]")


def _age(s: SavedScreening) -> str:
    """The age used, worded as everywhere else ("7 months and 3 weeks").

    From the days saved with the screening, counted back from its date: the stored
    numbers, never re-computed from the birth date (see docs/decisions.md).
    """
    months = s.age_used_months
    age = s.result.get("age")
    # The days are exact; used_months is cut to a tenth in the result.
    key = "corrected_days" if s.corrected else "chronological_days"
    days = age.get(key) if isinstance(age, dict) else None
    words = None
    if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 36_600:
        try:
            on = dt.date.fromisoformat(s.date)
            words = age_in_words(calendar_age(on - dt.timedelta(days=days), on))
        except (ValueError, OverflowError):
            words = None
    if words is None:
        if months is None:
            return "?"
        words = months_in_words(months)
    if s.corrected:
        return _("{age} (corrected)").format(age=words)
    return words


def _checklist(s: SavedScreening) -> str:
    months = s.checklist_months
    return "?" if months is None else months_label(months)


def _date(iso: str) -> str:
    """A saved date as a family writes it ('November 22, 2026'); anything else as saved."""
    try:
        return format_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def _status(status: str | None) -> Text:
    if status is None:
        return Text("–", style="muted")
    if status not in STATUS_LABELS:
        return Text(status)
    return Text(_status_words(status), style=status)


def _headline(s: SavedScreening) -> Text:
    """The screening's headline in a few words: its ``act`` (the time frame its own result
    names, never calmer), else (a result saved before results named one) its overall step."""
    act, overall = s.act, s.overall
    if act is None or overall not in OVERALL_SHORT:
        return _overall(overall)
    return Text(act_short(act, overall), style=overall)  # type: ignore[arg-type]


def _overall(overall: str | None) -> Text:
    if overall not in OVERALL_SHORT:
        return Text(overall or "?")
    return Text(overall_short(overall), style=overall)


def _change(change: Change) -> Text:
    symbol, words, style = CHANGE_LABELS[change]
    return Text(f"{symbol} {_(words)}", style=style)


def _local_time(saved_at: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(saved_at)
    except ValueError:
        return saved_at
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def print_plans(
    plans: Sequence[SavedPlan], activity_names: Mapping[str, str], console: Console
) -> None:
    """The plans given, one row each: number, date, child, therapist, activities."""
    table = Table(
        title=_("Plans given"), title_justify="left", show_header=True, header_style="heading"
    )
    table.add_column(_("No."), justify="right", no_wrap=True)
    table.add_column(_("Date"))
    table.add_column(_("Child"))
    table.add_column(_("Therapist"))
    table.add_column(_("Activities"))
    for p in plans:
        names = [activity_names.get(i, i) for i in p.activity_ids]
        child = p.child or _("(no name)")
        if p.birth_date:
            child = _("{name} (born {date})").format(name=child, date=p.birth_date)
        table.add_row(
            str(p.id),
            Text(_date(p.given_on)),
            Text(child),
            Text(p.therapist or ""),
            Text("; ".join(names) if not p.damaged else "?"),
        )
    console.print(table)
    how = _(
        "Reprint one with `ottool plan --from-plan NUMBER`; add options to revise it "
        "(`--dose`, `--drop`, `--note`...)."
    )
    console.print(f"[muted]{escape(how)}[/muted]")
