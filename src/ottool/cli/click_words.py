"""Typer's and Click's own words in the run's language: "Usage:", panel titles, usage errors.

Typer ships its own copy of Click, whose sentences are English f-strings ("No such
option: --x", "Invalid value for '--weeks': ..."), and its help panels take their
titles from module constants. Neither goes through a catalog, so ottool translates
them where they leave the program: a usage error's finished message is matched
against the few shapes Click writes and rebuilt from ottool's catalog, and the help
panels' titles are set from it just before help or an error is printed. A message of
a shape not listed here is shown as Click wrote it.

Typer's Rich helpers are imported only when help or an error is printed, never at
start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ottool.core.i18n import N_, _

#: Click's usage-error shapes, each with the sentence that replaces it. Named groups
#: are passed to the translated sentence unchanged (option names, values, ids).
_USAGE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Invalid value for (?P<hint>.+?): (?P<message>.*)", re.DOTALL),
        N_("Invalid value for {hint}: {message}"),
    ),
    (re.compile(r"Invalid value: (?P<message>.*)", re.DOTALL), N_("Invalid value: {message}")),
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)"),
        N_("No such option: {name} (possible options: {options})"),
    ),
    (re.compile(r"No such option: (?P<name>\S+)"), N_("No such option: {name}")),
    (
        re.compile(r"No such command (?P<name>.+?)\. Did you mean (?P<suggestions>.+)\?"),
        N_("No such command {name}. Did you mean {suggestions}?"),
    ),
    (re.compile(r"No such command (?P<name>.+?)\."), N_("No such command {name}.")),
    (re.compile(r"Missing argument(?P<hint>.*?)\."), N_("Missing argument{hint}.")),
    (re.compile(r"Missing option(?P<hint>.*?)\."), N_("Missing option{hint}.")),
    (re.compile(r"Missing parameter(?P<hint>.*?)\."), N_("Missing parameter{hint}.")),
    (re.compile(r"Missing command\."), N_("Missing command.")),
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", re.DOTALL),
        N_("Got unexpected extra arguments ({args})"),
    ),
    (
        re.compile(r"Option (?P<name>'.+?') does not take a value\."),
        N_("Option {name} does not take a value."),
    ),
    (
        re.compile(r"Option (?P<name>'.+?') requires an argument\."),
        N_("Option {name} requires a value."),
    ),
)

#: Typer's Rich help and error constants, by name, with their sentences.
_TYPER_WORDS = {
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "DEFAULT_STRING": N_("[default: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}

USAGE = N_("Usage:")
SHOW_HELP = N_("Show this message and exit.")
#: The usage line's placeholders (``ottool plan [OPTIONS]``, ``ottool COMMAND [ARGS]...``).
OPTIONS_PLACEHOLDER = N_("[OPTIONS]")
COMMAND_PLACEHOLDER = N_("COMMAND [ARGS]...")


def translated_usage_error(message: str) -> str:
    """Click's English usage-error ``message`` in the run's language (unknown shapes as is)."""
    for pattern, sentence in _USAGE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return _(sentence).format(**match.groupdict())
    return message


def translated_usage(usage: str) -> str:
    """A command's usage line with Click's "Usage:" in the run's language."""
    prefix = "Usage:"
    return _(USAGE) + usage[len(prefix) :] if usage.startswith(prefix) else usage


def speak_typer_words() -> None:
    """Set Typer's help-panel titles and hints from the catalog (before help or an error)."""
    from typer import rich_utils

    for name, sentence in _TYPER_WORDS.items():
        setattr(rich_utils, name, _(sentence))


@contextmanager
def usage_errors_in_run_language() -> Iterator[None]:
    """Translate a usage error raised inside, just before Typer prints it."""
    try:
        yield
    except Exception as exc:  # Typer's copy of Click's UsageError and its kinds
        if _is_usage_error(exc):
            _translate(exc)
        raise


def _is_usage_error(exc: BaseException) -> bool:
    return any(kind.__name__ == "UsageError" for kind in type(exc).__mro__)


def _translate(exc: Any) -> None:
    if getattr(exc, "_ottool_translated", False):
        return
    exc._ottool_translated = True
    from ottool.core.errors import shortened

    said = shortened(translated_usage_error(exc.format_message()))
    exc.format_message = lambda: said  # what Typer prints inside the error panel
    speak_typer_words()


def speak_in_help(command: Any) -> None:
    """Give ``command``'s help and usage line the run's language (see the module's doc)."""
    get_usage: Callable[[Any], str] = command.get_usage
    format_help: Callable[[Any, Any], None] = command.format_help

    def usage(ctx: Any) -> str:
        return translated_usage(get_usage(ctx))

    def help_text(ctx: Any, formatter: Any) -> None:
        speak_typer_words()
        format_help(ctx, formatter)

    command.get_usage = usage
    command.format_help = help_text
