"""`ottool validate` output: a Rich summary, or JSON for editor tooling."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ottool.core.content import DEFAULT_LANGUAGE, Content, Report
from ottool.core.i18n import _, language_name, ngettext
from ottool.core.printable import json_text


def report_json(report: Report) -> str:
    """The validation report as JSON (``valid``, ``errors``, ``warnings``, ``summary``)."""
    doc: dict[str, Any] = {
        "valid": report.content is not None,
        "errors": [p.as_dict() for p in report.errors],
        "warnings": [p.as_dict() for p in report.warnings],
    }
    if report.content is not None:
        c = report.content
        doc["summary"] = {
            "version": c.version,
            "milestones": len(c.milestones),
            "warning_signs": len(c.warning_signs),
            "activities": len(c.activities),
            "untranslated": dict(report.untranslated),
            "checklists": list(c.checklists),
            "milestones_per_checklist": {
                str(months): {
                    d.id: sum(1 for m in c.checklist(months) if m.domain == d.id) for d in c.domains
                }
                for months in c.checklists
            },
            "activities_per_checklist": {
                str(months): {d.id: _activities_at(c, months, d.id) for d in c.domains}
                for months in c.checklists
            },
        }
    return json_text(doc)


def _activities_at(content: Content, months: int, domain: str) -> int:
    return sum(1 for a in content.activities if domain in a.domains and a.fits_age(months))


def _grid(content: Content, title: str, count: Any) -> Table:
    table = Table(title=title, title_justify="left", title_style="heading")
    table.add_column(_("Area"))
    for months in content.checklists:
        table.add_column(_("{months} mo").format(months=months), justify="right")
    for domain in content.domains:
        cells = []
        for months in content.checklists:
            n = count(months, domain.id)
            cells.append(str(n) if n else "[yellow]–[/yellow]")
        table.add_row(Text(domain.name), *cells)
    return table


def print_summary(report: Report, console: Console, *, language: str | None = None) -> None:
    """The summary shown when the content is valid (and complete in ``language``)."""
    c = report.content
    assert c is not None
    console.print(
        "[green]✓[/green] "
        + _(
            "Content is valid: {milestones} milestones in {checklists} checklists, "
            "{signs} warning signs, {activities} activities (content version {version})."
        ).format(
            milestones=len(c.milestones),
            checklists=len(c.checklists),
            signs=len(c.warning_signs),
            activities=len(c.activities),
            version=c.version,
        )
    )
    if language is not None and language != DEFAULT_LANGUAGE:
        name = language_name(language)
        said = _("Every text has its {language} ('{code}') translation.")
        console.print("[green]✓[/green] " + said.format(language=name, code=language))
    for code, count in sorted(report.untranslated.items()):
        if code != language and count:
            missing = ngettext(
                "{count} text has no {language} (run `ottool validate --language {code}` to "
                "list it).",
                "{count} texts have no {language} (run `ottool validate --language {code}` to "
                "list them).",
                count,
            )
            said = missing.format(count=count, language=language_name(code), code=code)
            console.print(Text(f"! {said}", style="yellow"))
    console.print()
    console.print(
        _grid(
            c,
            _("Milestones per checklist"),
            lambda m, d: sum(1 for x in c.checklist(m) if x.domain == d),
        )
    )
    console.print()
    console.print(
        _grid(c, _("Activities that fit each checklist age"), lambda m, d: _activities_at(c, m, d))
    )
    if report.warnings:
        console.print()
        n = len(report.warnings)
        console.print(
            "[yellow]![/yellow] " + ngettext("{n} warning:", "{n} warnings:", n).format(n=n)
        )
        for w in report.warnings:
            console.print(Text(f"  {w}"), soft_wrap=True)
