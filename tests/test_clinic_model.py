"""The clinic's details as documents carry them (ottool.core.clinic)."""

from __future__ import annotations

from ottool.core.clinic import Clinic, Logo


def test_the_contact_line_holds_only_what_is_given() -> None:
    clinic = Clinic(name="Riverside", phone="555 0100", website="example.org")
    assert clinic.contact == ("555 0100", "example.org")
    assert clinic.contact_line() == "555 0100 · example.org"
    assert clinic.footer_line() == "Riverside · 555 0100"
    assert Clinic(name="Riverside").footer_line() == "Riverside"


def test_a_logo_keeps_its_proportions_in_any_box() -> None:
    logo = Logo(data=b"", kind="png", width=400, height=100)
    assert logo.size_within(20, 20) == (20, 5)
    assert logo.size_within(100, 10) == (40, 10)
    assert logo.media_type == "image/png"
    assert Logo(data=b"", kind="svg", width=1, height=1).media_type == "image/svg+xml"
