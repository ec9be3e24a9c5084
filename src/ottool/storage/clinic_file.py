"""The clinic file (``clinic.yaml``, docs/clinics.md): read, checked, turned into a Clinic.

Every problem is one line, ``file:line: sentence``, as in answer files: an unknown
key (with the nearest known one), a value of the wrong type, a logo that is missing,
not a PNG or SVG image, or larger than a handout needs. The logo is read here, so
the documents and renderers get checked bytes and never touch a file.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import struct
from pathlib import Path
from typing import Any

from ottool.core.clinic import PAPERS, Clinic, Logo, LogoKind
from ottool.core.content import Content
from ottool.core.errors import InputError, Problem, did_you_mean, shown
from ottool.core.i18n import _
from ottool.core.limits import MAX_NAME
from ottool.core.yamlsource import LineDict, parse_yaml, read_text

CLINIC_FILE = "clinic.yaml"
#: A clinic file is a few lines; anything bigger is a mistake.
MAX_CLINIC_FILE_BYTES = 64 * 1024
#: A logo prints a few centimetres wide: larger files only slow every PDF down.
MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_PIXELS = 2000
#: The keys a clinic file may have, and whether each is text.
TEXT_KEYS = ("name", "phone", "address", "website", "email", "early_intervention_phone")
PATH_KEYS = ("logo", "extra_data")
KEYS = (*TEXT_KEYS, *PATH_KEYS, "region", "paper")
#: How long each text may be (characters): a header has room for a few lines, not a page.
MAX_TEXT = {
    "address": 300,
    "phone": 40,
    "early_intervention_phone": 40,
    "website": 120,
    "email": 120,
}
#: An address may take a few lines; the rest are one line each.
MAX_ADDRESS_LINES = 3

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def default_clinic_path() -> Path:
    """Where ottool looks for a clinic file: ``OTTOOL_HOME`` when set (one folder for all
    of ottool's files), else the platform's config folder (platformdirs)."""
    env = os.environ.get("OTTOOL_HOME")
    if env:
        return Path(env) / CLINIC_FILE
    import platformdirs

    return Path(platformdirs.user_config_dir("ottool", appauthor=False)) / CLINIC_FILE


def find_clinic(path: Path | None) -> Clinic | None:
    """The clinic of ``--clinic FILE``, else of the config folder's clinic.yaml, else None."""
    if path is not None:
        return read_clinic(path)
    found = default_clinic_path()
    return read_clinic(found) if found.is_file() else None


def read_clinic(path: Path) -> Clinic:
    """Read and check a clinic file; InputError listing every problem (one line each)."""
    name = str(path)
    text = read_text(path, name=name, max_bytes=MAX_CLINIC_FILE_BYTES)
    data = parse_yaml(text, name)
    return clinic_from_data(data, name, path.parent)


def clinic_from_data(data: Any, file: str, folder: Path) -> Clinic:
    """Check parsed clinic-file data; paths in it are relative to ``folder``."""
    problems: list[Problem] = []

    def problem(key: str | None, message: str) -> None:
        line = data.line_of(key) if key is not None else data.line
        problems.append(Problem(file, line, message))

    if not isinstance(data, LineDict):
        message = _("a clinic file is a mapping with name, phone, address, ...")
        raise InputError([Problem(file, 1, message)])
    for key in data:
        if key not in KEYS:
            message = _("unknown key '{key}'").format(key=key) + did_you_mean(key, KEYS)
            problem(key, message + " " + _("(known: {keys})").format(keys=", ".join(KEYS)))
    values: dict[str, Any] = {}
    for key in TEXT_KEYS:
        if key in data:
            values[key] = _text(data, key, problem)
    given_name = data.get("name")
    if given_name is None or (isinstance(given_name, str) and not given_name.strip()):
        # (A name of the wrong type or length is said once, above.)
        problem("name" if "name" in data else None, _("'name' (the clinic's name) is required"))
    region = _text(data, "region", problem) if "region" in data else ""
    if region and not re.fullmatch(r"[A-Za-z]{2}", region):
        problem("region", _("region must be a country code of two letters, such as US or MX"))
    paper = _text(data, "paper", problem).lower() if "paper" in data else ""
    if paper and paper not in PAPERS:
        message = _("paper must be one of {papers}, got {value}")
        problem("paper", message.format(papers=", ".join(PAPERS), value=shown(data["paper"])))
    logo = None
    if "logo" in data:
        logo_path = _path(data, "logo", folder, problem)
        if logo_path is not None:
            try:
                logo = read_logo(logo_path)
            except InputError as exc:
                for found in exc.problems:
                    problem("logo", found.message)
    extra = None
    if "extra_data" in data:
        extra = _path(data, "extra_data", folder, problem)
        if extra is not None and not extra.is_dir():
            message = _("extra_data: the folder {folder} does not exist")
            problem("extra_data", message.format(folder=extra))
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0))
    return Clinic(
        name=values.get("name", ""),
        phone=values.get("phone", ""),
        address=values.get("address", ""),
        website=values.get("website", ""),
        email=values.get("email", ""),
        early_intervention_phone=values.get("early_intervention_phone", ""),
        logo=logo,
        region=region.upper() or None,
        paper=paper or None,
        extra_data=extra,
    )


def _text(data: LineDict, key: str, problem: Any) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key.endswith("phone"):
        problem(key, _("{key} must be text: put the number in quotes").format(key=key))
        return ""
    if not isinstance(value, str):
        message = _("{key} must be text, got {value}")
        problem(key, message.format(key=key, value=shown(value)))
        return ""
    text = " ".join(value.split()) if key != "address" else value.strip()
    limit = MAX_TEXT.get(key, MAX_NAME)
    if len(text) > limit:
        message = _("{key} is too long: {count} characters (at most {limit})")
        problem(key, message.format(key=key, count=len(text), limit=limit))
        return ""
    if key == "address" and len(text.splitlines()) > MAX_ADDRESS_LINES:
        message = _("address has {count} lines; a handout has room for {limit}")
        problem(key, message.format(count=len(text.splitlines()), limit=MAX_ADDRESS_LINES))
        return ""
    if any(ord(c) < 32 and c != "\n" for c in text):
        problem(key, _("{key} holds control characters").format(key=key))
        return ""
    return text


def _path(data: LineDict, key: str, folder: Path, problem: Any) -> Path | None:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problem(key, _("{key} must be the name of a file or folder").format(key=key))
        return None
    path = Path(value.strip())
    # "~name" of a user this computer does not know stays a plain name.
    with contextlib.suppress(RuntimeError):
        path = path.expanduser()
    return path if path.is_absolute() else folder / path


def read_logo(path: Path) -> Logo:
    """A PNG or SVG logo, checked: it exists, is an image of that kind, and is not huge."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise InputError(_("the logo {file} must be a .png or .svg file").format(file=path))
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(_("the logo {file} is not a file").format(file=path))
        if size > MAX_LOGO_BYTES:
            message = _(
                "the logo {file} is {size} KB, more than a handout needs (at most {limit} KB); "
                "save a smaller copy"
            )
            raise InputError(
                message.format(file=path, size=size // 1024, limit=MAX_LOGO_BYTES // 1024)
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("the logo file {file} does not exist").format(file=path)) from None
    except OSError as exc:
        message = _("the logo {file} cannot be read ({reason})")
        raise InputError(message.format(file=path, reason=exc.strerror)) from None
    width, height = _png_size(data, path) if suffix == ".png" else _svg_size(data, path)
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        message = _(
            "the logo {file} is {width}×{height} pixels, more than a handout needs "
            "(at most {limit} on a side); save a smaller copy"
        )
        raise InputError(
            message.format(file=path, width=width, height=height, limit=MAX_LOGO_PIXELS)
        )
    kind: LogoKind = "png" if suffix == ".png" else "svg"
    return Logo(data=data, kind=kind, width=width, height=height, path=path)


def _png_size(data: bytes, path: Path) -> tuple[int, int]:
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 24:
        raise InputError(_("the logo {file} is not a PNG image").format(file=path))
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise InputError(_("the logo {file} is not a PNG image").format(file=path))
    return width, height


def _svg_size(data: bytes, path: Path) -> tuple[int, int]:
    """The SVG's size from its width and height, else its viewBox (no entities, no DTD)."""
    import xml.etree.ElementTree as ET

    not_svg = InputError(_("the logo {file} is not an SVG image").format(file=path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_svg from None
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        message = _("the logo {file} declares a DOCTYPE or entities; save it as plain SVG")
        raise InputError(message.format(file=path))
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise not_svg from None
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise not_svg
    if _refers_elsewhere(root, text):
        message = _(
            "the logo {file} refers to other files or web addresses (an image, a link or a "
            "script); save it as an SVG that holds its whole drawing"
        )
        raise InputError(message.format(file=path))
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        with contextlib.suppress(ValueError):
            width, height = float(box[2]), float(box[3])
    if not width or not height or not math.isfinite(width * height) or width <= 0 or height <= 0:
        message = _("the logo {file} has no size: give its <svg> a viewBox, or width and height")
        raise InputError(message.format(file=path))
    return max(1, round(width)), max(1, round(height))


#: SVG elements that draw or run something from elsewhere.
_ELSEWHERE = {"image", "script", "foreignObject", "iframe", "audio", "video"}


def _refers_elsewhere(root: Any, text: str) -> bool:
    """Whether an SVG reaches outside itself: an image, a script, a link that is not to
    one of its own parts (``#id``), or a CSS ``url()`` or ``@import`` that is not."""
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        if tag in _ELSEWHERE:
            return True
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and not value.strip().startswith("#"):
                return True
    return bool(re.search(r"url\(\s*['\"]?\s*[^#'\"\s)]|@import", text))


def _length(value: str | None) -> float | None:
    """An SVG length in pixels ('120', '120px', '3cm'); None for percentages or nonsense."""
    if value is None:
        return None
    found = re.fullmatch(r"\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*", value)
    if not found:
        return None
    try:
        number = float(found.group(1))
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return (
        number
        * {"px": 1, None: 1, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96}[
            found.group(2)
        ]
    )


def region_problem(clinic: Clinic, content: Content) -> str | None:
    """Why the clinic's default region cannot be used with ``content``, or None."""
    if clinic.region is None or clinic.region in content.region_by_id:
        return None
    known = ", ".join(sorted(content.region_by_id)) or _("none")
    message = _("the clinic file's region {region} is not a region ottool knows (known: {known})")
    return message.format(region=clinic.region, known=known)
