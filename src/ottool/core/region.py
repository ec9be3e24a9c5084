"""Which region's emergency number and early-intervention route a run names (docs/design.md §4).

``--region CC`` when given, else the country of the locale (``es_MX`` → MX, ``en_GB`` →
GB, from the same environment variables as the language), else None: the neutral
default ("your local emergency number", naming 112 and 911 as examples).
"""

from __future__ import annotations

from collections.abc import Mapping

from ottool.core.content import Content
from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import _, territory_from_environment


def choose_region(
    content: Content, asked: str | None = None, environ: Mapping[str, str] | None = None
) -> str | None:
    """The region id to use, or None for the neutral default.

    An asked region the content does not list is an error naming the ones it does; a
    locale's country the content does not list falls back to the neutral default.
    """
    if asked is not None:
        code = asked.strip().upper()
        if code == "UK":  # the usual name; ISO 3166 says GB
            code = "GB"
        if code not in content.region_by_id:
            known = ", ".join(sorted(content.region_by_id)) or _("none")
            message = _(
                "--region {region} is not a region ottool knows{suggestion} (known: {known}); "
                "leave it out for the neutral wording"
            )
            raise InputError(
                message.format(
                    region=asked, suggestion=did_you_mean(code, content.region_by_id), known=known
                )
            )
        return code
    territory = territory_from_environment(environ)
    return territory if territory in content.region_by_id else None
