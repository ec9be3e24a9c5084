"""Rich views of the saved screening history: the list, one child's progress, a summary.

Statuses are shown in words with a symbol (colour only repeats them), in the same
wording as the result screen (:mod:`ottool.wording`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ottool.age import DAYS_PER_MONTH, months_in_words
from ottool.history.progress import Change
from ottool.history.saved import SavedScreening
from ottool.wording import DISCLAIMER, OVERALL_SHORT, STATUS_LABELS

#: What changed in an area since the screening before: (symbol, words, style).
CHANGE_LABELS: dict[Change, tuple[str, str, str]] = {
    "better": ("↑", "Better", "on_track"),
    "same": ("=", "Same", "muted"),
    "needs_attention": ("↓", "Needs attention", "discuss"),
    "unknown": ("–", "Cannot compare", "muted"),
}

#: At most this many screenings side by side; older ones are in the JSON output.
MAX_COLUMNS = 6


def print_history(screenings: Sequence[SavedScreening], console: Console) -> None:
    """One row per saved screening: number, date, child, age used, checklist, overall."""
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column("No.", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Child")
    table.add_column("Age used")
    table.add_column("Checklist", no_wrap=True)
    table.add_column("Overall")
    for s in screenings:
        table.add_row(
            str(s.id),
            Text(s.date),
            escape(s.child) if s.child else Text("(no name)", style="muted"),
            _age(s),
            _checklist(s),
            _overall(s.overall),
        )
    console.print(table)
    count = len(screenings)
    console.print(
        f"[muted]{count} saved screening{'s' if count != 1 else ''}. "
        "See one with `ottool history show NUMBER`; a child's progress with "
        "`ottool history --child NAME`.[/muted]"
    )


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
    console.rule(f"[heading]Progress for {escape(child)}[/heading]", align="left")
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column("Area")
    for s in shown:
        table.add_column(Text(f"{s.date}\n(no. {s.id})"))
    if changes:
        table.add_column("Since the screening before", min_width=17)
    extra = [""] if changes else []
    table.add_row("Age used", *(_age(s) for s in shown), *extra, style="muted")
    table.add_row("Checklist", *(_checklist(s) for s in shown), *extra, style="muted")
    table.add_section()
    for area_id, name in area_names.items():
        row: list[Text | str] = [escape(name)]
        row += [_status(s.domain_statuses.get(area_id)) for s in shown]
        if changes:
            row.append(_change(changes.get(area_id, "unknown")))
        table.add_row(*row)
    table.add_section()
    table.add_row("Overall", *(_overall(s.overall) for s in shown), *extra)
    console.print(table)
    if len(screenings) > len(shown):
        console.print(
            f"[muted]Showing the last {len(shown)} of {len(screenings)} screenings; "
            "all of them are in `--format json`.[/muted]"
        )
    if changes:
        console.print(
            "[muted]The last column compares the latest screening with the one before it: "
            "↑ better, = same, ↓ needs attention. From least to most settled: "
            "worth talking about, coming along, on track. Areas with too few answers "
            "cannot be compared.[/muted]"
        )
    else:
        console.print("[muted]Changes show from the second screening on.[/muted]")
    console.print(f"[muted]{DISCLAIMER}[/muted]")


def print_saved_header(saved: SavedScreening, console: Console) -> None:
    """Which saved screening this is, and when it was saved."""
    console.print(
        f"[heading]Saved screening {saved.id}[/heading] · screened on {escape(saved.date)} · "
        f"saved {escape(_local_time(saved.saved_at))}"
    )


def print_saved_summary(
    saved: SavedScreening, console: Console, why: str, area_names: Mapping[str, str]
) -> None:
    """The stored result in brief, for when the current content cannot show it in full."""
    console.print(f"[discuss]![/discuss] {escape(why)}")
    console.print("Here is what was saved:")
    who = escape(saved.child) if saved.child else "(no name)"
    console.print(f"Child: {who} · Age used: {_age(saved)} · Checklist: {_checklist(saved)}")
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column("Area")
    table.add_column("Status", no_wrap=True)
    for area_id, status in saved.domain_statuses.items():
        table.add_row(escape(area_names.get(area_id, area_id)), _status(status))
    console.print(table)
    console.print(Text.assemble(("Overall: ", "bold"), _overall(saved.overall)))
    if saved.activity_ids:
        console.print("Home activities: " + escape(", ".join(saved.activity_ids)))
    console.print(f"[muted]{DISCLAIMER}[/muted]")


def _age(s: SavedScreening) -> str:
    """The age used, worded as everywhere else ("7 months and 3 weeks")."""
    months = s.age_used_months
    age = s.result.get("age")
    # The days are exact; used_months is rounded to a tenth in the result.
    key = "corrected_days" if s.corrected else "chronological_days"
    days = age.get(key) if isinstance(age, dict) else None
    if isinstance(days, int) and not isinstance(days, bool) and days >= 0:
        months = days / DAYS_PER_MONTH
    if months is None:
        return "?"
    return months_in_words(months) + (" (corrected)" if s.corrected else "")


def _checklist(s: SavedScreening) -> str:
    months = s.checklist_months
    return "?" if months is None else f"{months} months"


def _status(status: str | None) -> Text:
    if status is None:
        return Text("–", style="muted")
    if status not in STATUS_LABELS:
        return Text(status)
    symbol, words = STATUS_LABELS[status]
    return Text(f"{symbol} {words}", style=status)


def _overall(overall: str | None) -> Text:
    if overall not in OVERALL_SHORT:
        return Text(overall or "?")
    return Text(OVERALL_SHORT[overall], style=overall)


def _change(change: Change) -> Text:
    symbol, words, style = CHANGE_LABELS[change]
    return Text(f"{symbol} {words}", style=style)


def _local_time(saved_at: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(saved_at)
    except ValueError:
        return saved_at
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")
