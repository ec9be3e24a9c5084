"""Whether a clinic's logo can be drawn: tried once on a scratch page when the clinic
file is read (`cli.common.clinic`), so a logo the PDF library cannot draw is one line
naming it then, not a failure when a handout is printed."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from ottool.core.clinic import Clinic
from ottool.core.errors import InputError
from ottool.core.i18n import _


def check_drawable(clinic: Clinic, source: Path | None) -> None:
    """InputError (one line, naming the clinic file) when the logo cannot be drawn."""
    if clinic.logo is None:
        return
    import logging

    from fpdf import FPDF

    logging.getLogger("fpdf").setLevel(logging.ERROR)
    scratch = FPDF()
    scratch.add_page()
    try:
        with warnings.catch_warnings():  # the image library's notes are not the user's
            warnings.simplefilter("ignore")
            scratch.image(io.BytesIO(clinic.logo.data), x=10, y=10, w=20)
            scratch.output()
    except Exception as exc:  # any failure of the image library means: cannot be drawn
        message = _("the logo {file} cannot be drawn ({reason}); save it again as PNG or SVG")
        reason = " ".join(str(exc).split())[:80] or type(exc).__name__
        where = f"{source}: " if source is not None else ""
        raise InputError(where + message.format(file=clinic.logo.path, reason=reason)) from None
