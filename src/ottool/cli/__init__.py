"""The `ottool` command line: one module per command, all run by one error handler.

No rules live here: each command parses its options, calls the core and hands the
result to a renderer. Heavy libraries (Rich tables, questionary, the PDF library)
are imported inside the commands that need them so that `ottool --help` and a JSON
screening stay fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ottool import __version__
from ottool.cli import browse, checklist, plan, schema, screen, summary, validate
from ottool.cli import log as log_command
from ottool.cli import next as next_command
from ottool.cli import progress as progress_command
from ottool.cli.common import LANG_GIVEN, ContentLanguage, lang_help, start_run
from ottool.cli.error_handler import (
    EXIT_BUG,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    HandledGroup,
    report_bug,
)
from ottool.cli.fhir import fhir_app
from ottool.cli.history import history_app
from ottool.core import i18n
from ottool.core.errors import caused_by_ctrl_c
from ottool.core.i18n import _

app = typer.Typer(
    name="ottool",
    help=(
        _(
            "Milestone checks and home-activity plans for babies and toddlers (0-2 years), "
            "offline. A milestone check to help decide whether to talk to a professional; "
            "not a diagnosis."
        )
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["--help", "-h"]},  # every command inherits it
    pretty_exceptions_enable=False,
    cls=HandledGroup,  # one error handler around every command
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ottool {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
        ),
    ] = False,
    lang: Annotated[
        ContentLanguage | None,
        typer.Option(
            "--lang",
            is_eager=True,
            help=lang_help(),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Milestone checks and home-activity plans for babies and toddlers, offline."""
    # `ottool` itself chose the language before the command line was built (so help
    # texts are in it too); choosing again here makes a run inside Python (a test,
    # a library caller) honour the environment the same way. A command's own --lang
    # is read after this and wins.
    start_run()  # no --clinic or --extra-data of an earlier run in this process
    i18n.set_language(lang.value if lang is not None else i18n.language_from_environment())
    if lang is not None:
        ctx.meta[LANG_GIVEN] = lang.value


# In the order `ottool --help` lists them: the parents' command first, then the
# therapists', then the content editors'; Typer lists the groups (history, fhir) last.
app.command(help=_("Answer milestone questions about your child and get a home-activity plan."))(
    screen.screen
)
app.command(help=_("Make a printable home plan from a screening, or for an age and focus areas."))(
    plan.plan
)
app.command(
    help=_("Print a blank milestone checklist for a family to fill in on paper, or an answer file.")
)(checklist.checklist)
app.command("log", help=_("Record that you practiced an activity of the plan today."))(
    log_command.log
)
app.command(
    "progress", help=_("Show practice kept against the plan, and the answers across screenings.")
)(progress_command.progress)
app.command("next", help=_("List the coming milestone checks of each saved child."))(
    next_command.next_checks
)
app.command(
    help=_("Write one page for the child's doctor: screenings over time, signs, concerns.")
)(summary.summary)
app.add_typer(history_app, name="history")
app.command(help=_("List the milestones, grouped by checklist age."))(browse.milestones)
app.add_typer(browse.activities_app, name="activities")
app.command(help=_("Check the content files and report every problem with its file and line."))(
    validate.validate
)
app.command(help=_("Print the JSON Schema of a content file (for YAML editor extensions)."))(
    schema.schema
)
app.add_typer(fhir_app, name="fhir")


def main() -> None:
    """Run the `ottool` command line (the console script goes through ottool.__main__)."""
    from ottool.cli.streams import (
        drop_unusable_width,
        guard_standard_streams,
        prepare_streams,
        undecodable_argument,
    )

    closed = guard_standard_streams()
    if closed is not None:
        typer.echo(closed, err=True)
        raise SystemExit(EXIT_INPUT)
    prepare_streams()
    drop_unusable_width()
    problem = undecodable_argument(sys.argv[1:])
    if problem is not None:
        typer.echo(problem, err=True)
        raise SystemExit(EXIT_INPUT)
    try:
        app()
    except Exception as exc:  # outside any command (while Typer sets up): same rules
        if caused_by_ctrl_c(exc):
            raise SystemExit(EXIT_INTERRUPTED) from None
        report_bug(exc)
        raise SystemExit(EXIT_BUG) from None
    except KeyboardInterrupt:  # before or after a command ran: nothing was started
        raise SystemExit(EXIT_INTERRUPTED) from None
