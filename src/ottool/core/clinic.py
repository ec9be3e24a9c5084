"""A clinic's own details, printed on every handout, checklist and summary it gives out.

Plain frozen data: the file that holds them (``clinic.yaml``) is read and checked by
:mod:`ottool.storage.clinic_file`, so the logo arrives here as checked bytes and the
renderers never read a file (docs/clinics.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

LogoKind = Literal["png", "svg"]
#: The paper sizes a clinic may choose, as ``--paper`` names them.
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Logo:
    """A clinic's logo: the file's bytes (PNG or SVG) and its size in pixels."""

    data: bytes
    kind: LogoKind
    width: int
    height: int
    #: The file it was read from, for messages.
    path: Path | None = None

    @property
    def media_type(self) -> str:
        return "image/png" if self.kind == "png" else "image/svg+xml"

    def size_within(self, max_width: float, max_height: float) -> tuple[float, float]:
        """The logo's (width, height) scaled to fit the box, keeping its proportions."""
        scale = min(max_width / self.width, max_height / self.height)
        return self.width * scale, self.height * scale


@dataclass(frozen=True)
class Clinic:
    """A clinic's details as its handouts show them; only the name is required."""

    name: str
    phone: str = ""
    address: str = ""
    website: str = ""
    email: str = ""
    logo: Logo | None = None
    #: Defaults for the command line when it does not say (``--region``, ``--paper``).
    region: str | None = None
    paper: str | None = None
    #: A folder of the clinic's own activities (``--extra-data``), already resolved.
    extra_data: Path | None = None
    #: Pre-fills the handout's "early intervention" number line when given.
    early_intervention_phone: str = ""

    @property
    def contact(self) -> tuple[str, ...]:
        """Phone, address, website and e-mail, those given, in that order."""
        return tuple(p for p in (self.phone, self.address, self.website, self.email) if p)

    def contact_line(self, separator: str = " · ") -> str:
        """The clinic's contact details on one line: '555 0100 · 12 River Road · example.org'."""
        return separator.join(self.contact)

    def footer_line(self) -> str:
        """The clinic's name and its phone, for a page's footer."""
        return " · ".join(p for p in (self.name, self.phone) if p)
