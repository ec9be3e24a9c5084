"""Pieces shared by the command modules: the --lang, --data-dir, --clinic and --extra-data
options, clean error exits.

`fail` and `user_errors` stop a command at once with exit 1; everything else that can
go wrong is reported by the one handler around every command (`ottool.cli.error_handler`).
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from ottool.cli.error_handler import fail
from ottool.core.errors import InputError
from ottool.core.i18n import LANGUAGES, _

if TYPE_CHECKING:
    from ottool.core.clinic import Clinic
    from ottool.core.content import Content
    from ottool.core.vocabulary import FormatName

__all__ = [
    "AREA_HELP",
    "ChecklistFormat",
    "ClinicOption",
    "ContentLanguage",
    "DataDir",
    "ExportFormat",
    "ExtraData",
    "FormatChoice",
    "Lang",
    "ListFormat",
    "OldAgeOption",
    "OldAreaOption",
    "OldAreasOption",
    "PlanFormat",
    "RegionOption",
    "ScreenFormat",
    "clinic",
    "emit",
    "extra_data",
    "fail",
    "load",
    "paper_for",
    "refuse_to_replace",
    "region_for",
    "shown",
    "user_errors",
    "whole_months",
]

#: One name per idea on every command: ``--age-months`` is the age, ``--area`` an area.
#: Earlier names still work, unlisted (hidden): ``--months`` and ``--age`` for the age,
#: ``--domain`` and ``--focus`` for an area.
OldAgeOption = Annotated[float | None, typer.Option("--months", "--age", hidden=True)]
OldAreaOption = Annotated[str | None, typer.Option("--domain", "--focus", hidden=True)]
OldAreasOption = Annotated[list[str] | None, typer.Option("--domain", "--focus", hidden=True)]


def whole_months(value: float | None, option: str = "--months") -> int | None:
    """An age given under an earlier name (which reads any number) as whole months; a
    usage error when it is not whole."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    raise typer.BadParameter(
        _("'{value}' is not a whole number").format(value=value), param_hint=f"'{option}'"
    )


#: The shipped areas, for help texts (tests keep this list equal to the content's).
AREA_IDS = "gross_motor, fine_motor, sensory, cognitive, social_emotional, communication, feeding"
#: (Translated at import: Typer help texts are built once, after the language is chosen.)
AREA_HELP = _("Areas: {areas}.").format(areas=AREA_IDS)


def _folder(value: Path | None) -> Path | None:
    """--data-dir names a folder: a file there is said plainly, before any work."""
    if value is not None and value.exists() and not value.is_dir():
        from ottool.core.i18n import _

        fail(
            _(
                "--data-dir {path} is a file; give the folder that holds "
                "milestones.yaml and activities.yaml"
            ).format(path=shown(value))
        )
    return value


DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="DIR",
        envvar="OTTOOL_DATA_DIR",
        callback=_folder,
        help=_("Folder with milestones.yaml and activities.yaml (default: the shipped content)."),
        show_default=False,
    ),
]


class FormatChoice(enum.StrEnum):
    """A command's ``--format`` words: its members are names from the registry of output
    formats (``render.registry``); earlier names (``terminal``, ``txt``) still read as
    ``text``, unlisted."""

    @property
    def registered(self) -> FormatName:
        """The format's name in the registry of output formats."""
        return cast("FormatName", self.value)

    @classmethod
    def _missing_(cls, value: object) -> FormatChoice | None:
        from ottool.core.vocabulary import FORMAT_ALIASES

        word = str(value).strip().lower()
        name = FORMAT_ALIASES.get(word, word)
        return next((member for member in cls if member.value == name), None)


# Each command's --format words, one list per kind of output in the registry of output
# formats (render.registry: PLAN_COMMAND_FORMATS, RESULT_FORMATS, ...; a test keeps the
# two equal). Typer needs a class per list to offer and check the words.


class ScreenFormat(FormatChoice):
    """`screen --format`: the result for people, `ottool-result/1`, or a FHIR Bundle."""

    text = "text"
    json = "json"
    fhir = "fhir"


class PlanFormat(FormatChoice):
    """`plan --format`: a layout of the plan, or the plan file to edit (yaml)."""

    text = "text"
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"
    yaml = "yaml"


class ChecklistFormat(FormatChoice):
    """`checklist --format`: a checklist to print, or an answer file to fill in (yaml)."""

    pdf = "pdf"
    html = "html"
    md = "md"
    yaml = "yaml"


class SummaryFormat(FormatChoice):
    """`summary --format`: the page for the doctor, for people or as `ottool-summary/1`."""

    text = "text"
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"


class ListFormat(FormatChoice):
    """Lists and reports (history, milestones, activities, validate): for people, or JSON."""

    text = "text"
    json = "json"


#: `--force`: an existing --output file is replaced only when asked (checklist, plan,
#: summary).
ForceOption = Annotated[
    bool, typer.Option("--force", help=_("Replace the --output file if it exists."))
]
#: `--format text|json` of the commands that list or report (next, progress, validate).
ListFormatOption = Annotated[
    ListFormat, typer.Option("--format", help=_("text (for people) or json."))
]


class ExportFormat(FormatChoice):
    """`history export --format`."""

    jsonl = "jsonl"
    fhir = "fhir"


def emit(
    data: str | bytes,
    output: Path | None,
    *,
    force: bool = False,
    private: bool = True,
    written: str | None = None,
    not_on_a_terminal: str | None = None,
) -> None:
    """Send a command's output where it goes: standard output when ``output`` is None or
    ``-``, else the file (through the one writer, ``atomic_write.write_output``: whole or
    not at all, never replacing a file without ``force``), then say ``written`` (with
    ``{file}``) on stderr. Bytes (a PDF) are refused on a terminal with
    ``not_on_a_terminal``."""
    from ottool.storage.atomic_write import is_stdout, write_output

    to_stdout = output is None or is_stdout(output)
    if to_stdout and isinstance(data, bytes) and sys.stdout.isatty():
        fail(not_on_a_terminal or _("this output cannot be shown in the terminal; add --output"))
    with user_errors():
        write_output(Path("-") if output is None else output, data, private=private, force=force)
    if written is not None and not to_stdout and output is not None:
        typer.echo(written.format(file=shown(output)), err=True)


if TYPE_CHECKING:
    ContentLanguage = enum.StrEnum
else:
    #: --lang's words: the languages ottool ships (core.i18n.LANGUAGES, found from the
    #: catalogs), so a new catalog is a new choice with no change here.
    ContentLanguage = enum.StrEnum("ContentLanguage", [(code, code) for code in LANGUAGES])


def lang_help() -> str:
    """--lang's help, naming every language."""
    return _("The language to speak: {languages} (default: from LANGUAGE, LC_ALL or LANG).").format(
        languages=", ".join(LANGUAGES)
    )


#: Where ``--lang`` leaves the language it was given, in the command's ``ctx.meta``
#: (shared by the whole command line): `validate --lang es` checks the Spanish texts.
LANG_GIVEN = "ottool.lang"


def _speak(ctx: typer.Context, value: ContentLanguage | None) -> None:
    """--lang: speak that language from now on (before the other options are read)."""
    if value is not None:
        from ottool.core import i18n

        i18n.set_language(value.value)
        ctx.meta[LANG_GIVEN] = value.value


#: ``--lang en|es`` on every command. Eager, so even the messages about the other
#: options are in that language; without it the language comes from the environment
#: (``__main__`` and the root command choose it).
Lang = Annotated[
    ContentLanguage | None,
    typer.Option(
        "--lang",
        callback=_speak,
        is_eager=True,
        expose_value=False,
        help=lang_help(),
        show_default=False,
    ),
]


#: ``--region CC`` (screen, plan, history show): the country whose emergency number
#: and early-intervention route are named; default from the locale (es_MX → MX).
class Paper(enum.StrEnum):
    """The paper sizes a printed plan or checklist is laid out for."""

    a4 = "a4"
    letter = "letter"


PaperOption = Annotated[
    Paper | None,
    typer.Option(
        "--paper",
        help=_("Paper size for PDF and HTML: a4 or letter (default: the clinic's, else a4)."),
        show_default=False,
    ),
]

RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="CC",
        help=_(
            "Country code for the emergency number and early-intervention service, such "
            "as US, MX, ES, GB or CO (default: from the locale, e.g. es_MX; otherwise "
            "neutral wording)."
        ),
        show_default=False,
    ),
]


#: What --clinic and --extra-data said in this run, and the clinic once read (kept here,
#: not in a Click context: `load` and `clinic` are called from deep inside commands).
#: Every run starts afresh (`start_run`, from the root command), and each option's
#: callback runs in every command that has it, given or not.
_RUN: dict[str, Any] = {}
CLINIC_GIVEN = "clinic"
EXTRA_GIVEN = "extra_data"
CLINIC_READ = "clinic_read"


def start_run() -> None:
    """Forget the options of an earlier run in this process (tests run many)."""
    _RUN.clear()


def _remember(key: str) -> Any:
    def callback(value: Path | None) -> None:
        _RUN.pop(CLINIC_READ, None)
        _RUN[key] = value

    return callback


#: ``--clinic FILE``: the clinic's details for handouts and checklists (docs/clinics.md);
#: without it, clinic.yaml in ottool's config folder when there is one.
ClinicOption = Annotated[
    Path | None,
    typer.Option(
        "--clinic",
        metavar="FILE",
        callback=_remember(CLINIC_GIVEN),
        expose_value=False,
        help=_(
            "A clinic file (clinic.yaml) with the clinic's name, phone, logo and defaults "
            "(default: clinic.yaml in ottool's config folder, if there is one)."
        ),
        show_default=False,
    ),
]

#: ``--extra-data DIR``: a clinic's own activities, added to the content's.
ExtraData = Annotated[
    Path | None,
    typer.Option(
        "--extra-data",
        metavar="DIR",
        callback=_remember(EXTRA_GIVEN),
        expose_value=False,
        help=_(
            "A folder with the clinic's own activities.yaml, added to the shipped "
            "activities (default: the clinic file's extra_data)."
        ),
        show_default=False,
    ),
]


def clinic(*, default: bool = True) -> Clinic | None:
    """The run's clinic: --clinic FILE, else (with ``default``) clinic.yaml in the config
    folder; None when there is none. A bad clinic file exits 1, one line per problem."""
    given = _RUN.get(CLINIC_GIVEN)
    if given is None and not default:
        return None
    if CLINIC_READ not in _RUN:
        from ottool.storage.clinic_file import find_clinic

        with user_errors():
            found_now = find_clinic(given)
            if found_now is not None:
                from ottool.render.logo import check_drawable
                from ottool.storage.clinic_file import default_clinic_path

                check_drawable(found_now, given or default_clinic_path())
            _RUN[CLINIC_READ] = found_now
    found: Clinic | None = _RUN[CLINIC_READ]
    return found


def extra_data(*, default: bool = True) -> Path | None:
    """The clinic's own activities folder: --extra-data, else the clinic file's extra_data."""
    given: Path | None = _RUN.get(EXTRA_GIVEN)
    if given is not None:
        return given
    found = clinic(default=default)
    return found.extra_data if found is not None else None


def region_for(content: Content, asked: str | None, recorded: str | None = None) -> str | None:
    """The run's region: --region, else the clinic's default, else the one a screening
    recorded (``recorded``), else the locale's; None for the neutral wording."""
    from ottool.session import region_for as chosen_region

    with user_errors():  # the clinic file is read only when --region does not say
        the_clinic = clinic() if asked is None else None
        return chosen_region(content, asked, clinic=the_clinic, recorded=recorded)
    raise AssertionError("unreachable")  # pragma: no cover


def paper_for(asked: str | None) -> str:
    """The paper size: --paper, else the clinic's default, else A4."""
    if asked is not None:
        return asked
    found = clinic()
    return found.paper if found is not None and found.paper else "a4"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's InputError into clean stderr lines and exit 1."""
    try:
        yield
    except InputError as exc:
        fail(exc.problems)


def load(data_dir: Path | None) -> Content:
    """The content in the run's language, or exit 1 listing every problem in it."""
    from ottool.core.content import load_content
    from ottool.core.i18n import language

    extra = extra_data()
    with user_errors():
        return load_content(data_dir, lang=language(), extra=extra)
    raise AssertionError("unreachable")  # pragma: no cover


def refuse_to_replace(path: Path | None, force: bool) -> None:
    """Exit 1 before any work when ``path`` cannot take an output: an existing file without
    --force, a folder, ottool's own files (the writer's rules, ``atomic_write.check_output``)."""
    if path is None:
        return
    from ottool.storage.atomic_write import check_output

    with user_errors():
        check_output(path, force=force)


def refuse_one_file_twice(outputs: dict[str, Path | None]) -> None:
    """Exit 1 before any work when two output options (``{"--ics": path, ...}``) name
    the same file: one would overwrite the other."""
    from ottool.storage.atomic_write import same_file

    named = [(option, path) for option, path in outputs.items() if path is not None]
    for i, (option, path) in enumerate(named):
        for other, second in named[i + 1 :]:
            if same_file(path, second):
                message = _("{first} and {second} name the same file {file}; give each its own")
                fail(message.format(first=other, second=option, file=shown(path)))


def shown(path: Path) -> str:
    """A path the user gave, safe to print (control characters shown, not obeyed)."""
    from ottool.core.printable import printable

    return printable(str(path))
