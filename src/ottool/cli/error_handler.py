"""The one error handler around every `ottool` command (docs/design.md §7).

Like pre-commit's ``error_handler``: a mistake the user can fix (bad input, invalid
content, a file the system refuses) prints one line per problem and exits 1;
Ctrl-C exits 130 and says what was kept; anything else is a bug in ottool and
exits 3 with one line saying so (``OTTOOL_DEBUG=1`` adds the traceback).

Only the standard library and Typer are imported here: it runs at start-up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from ottool.core.errors import InputError, Problem, caused_by_ctrl_c, os_reason, shortened
from ottool.core.i18n import N_, _
from ottool.core.printable import printable

EXIT_INPUT = 1
EXIT_BUG = 3
EXIT_INTERRUPTED = 130
DEBUG_VARIABLE = "OTTOOL_DEBUG"

#: Said after Ctrl-C when a command has not said what it kept. Files are written
#: whole or not at all, so an interrupted write leaves the old file as it was.
NOTHING_CHANGED = N_("nothing was changed")

_kept: list[str] = []


def on_interrupt(what_was_kept: str) -> None:
    """What Ctrl-C from now on leaves behind, said after "interrupted;" (e.g. "saved as 3")."""
    _kept[:] = [what_was_kept]


def print_problems(problems: list[Problem]) -> None:
    """Each problem on one line of stderr, ``file:line:`` first when there is a file."""
    for problem in problems:
        line = f"ottool: {problem}" if problem.file is None else str(problem)
        typer.echo(shortened(printable(line)), err=True)  # messages quote typed text


def fail(problems: list[Problem] | str) -> NoReturn:
    """Print each problem on one line of stderr and exit with status 1."""
    print_problems(InputError(problems).problems)
    raise typer.Exit(EXIT_INPUT)


def _is_typer_signal(exc: BaseException) -> bool:
    """Typer's own exits, aborts and usage errors: Typer reports them itself."""
    return type(exc).__module__.split(".")[0] in ("typer", "click")


@contextmanager
def error_handler() -> Iterator[None]:
    """Turn every way a command can end into one clear message and the right exit code."""
    _kept.clear()
    try:
        yield
    except InputError as exc:
        fail(exc.problems)
    except KeyboardInterrupt:
        _interrupted()
    except BrokenPipeError:
        raise  # the reader went away (`ottool ... | head`): Typer exits quietly
    except OSError as exc:
        # The system refused something (a full disk, a read-only folder): the user
        # can act on that, so it is not reported as a bug.
        where = f"{exc.filename}: " if exc.filename else ""
        fail(f"{where}{os_reason(exc)}")
    except Exception as exc:
        if _is_typer_signal(exc):
            raise
        if caused_by_ctrl_c(exc):
            _interrupted()
        report_bug(exc)
        raise typer.Exit(EXIT_BUG) from None


def _interrupted() -> NoReturn:
    said = _kept[0] if _kept else _(NOTHING_CHANGED)
    typer.echo("\n" + _("ottool: interrupted; {kept}.").format(kept=said), err=True)
    raise typer.Exit(EXIT_INTERRUPTED) from None


def report_bug(exc: BaseException) -> None:
    """One line saying this is a bug (the traceback too with OTTOOL_DEBUG=1)."""
    if os.environ.get(DEBUG_VARIABLE):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    said = printable(" ".join(str(exc).split()))  # one line, however it was written
    if len(said) > 200:
        said = said[:197] + "..."
    detail = f"{type(exc).__name__}: {said}" if said else type(exc).__name__
    typer.echo(
        _(
            "ottool: unexpected error ({detail}). This is a bug in ottool; nothing was saved "
            "half-way. Please report it; run again with {variable}=1 to see the details."
        ).format(detail=detail, variable=DEBUG_VARIABLE),
        err=True,
    )


class HandledGroup(TyperGroup):
    """The root command group: every command (and sub-command) runs inside the handler.

    It also gives every command's ``--help`` ottool's one style (see `help_style`), and
    reads option values without Pydantic (see `params`).
    """

    def invoke(self, ctx: Any) -> Any:
        from ottool.cli.click_words import usage_errors_in_run_language

        with usage_errors_in_run_language(), error_handler():
            return super().invoke(ctx)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        from ottool.cli.click_words import usage_errors_in_run_language

        with usage_errors_in_run_language():  # the root's own options and a missing command
            return super().make_context(*args, **kwargs)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from ottool.cli.params import read_options_plainly

        read_options_plainly(self, ctx)  # before the root's own options (--lang) are read
        return super().parse_args(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        from ottool.cli.help_style import tidy_help
        from ottool.cli.params import read_options_plainly

        command = super().get_command(ctx, cmd_name)
        if command is not None:
            tidy_help(command, ctx)
            read_options_plainly(command, ctx)
        return command

    def get_help_option(self, ctx: Any) -> Any:
        from ottool.cli.help_style import tidy_help

        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""  # a flag: no <bool> beside it
        tidy_help(self, ctx)
        return option
