"""The clinic file and a clinic's own activities (docs/clinics.md): read, checked, used."""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Run
from ottool.core.content import load_content
from ottool.core.errors import InputError
from ottool.core.yamlsource import parse_yaml
from ottool.storage.clinic_file import (
    KEYS,
    MAX_LOGO_BYTES,
    clinic_from_data,
    default_clinic_path,
    find_clinic,
    read_clinic,
    read_logo,
)
from properties import examples

CLINIC_DIR = Path(__file__).parent / "fixtures" / "clinic"
CLINIC = CLINIC_DIR / "clinic.yaml"
OVERLAY = CLINIC_DIR / "activities"


def png(width: int, height: int) -> bytes:
    """A real (tiny, single-colour) PNG image."""
    raw = b"".join(b"\x00" + b"\x1f\x5f\x66" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def clinic_dir(tmp_path: Path) -> Path:
    """A private copy of the sample clinic (file, logo, activities)."""
    folder = tmp_path / "clinic"
    shutil.copytree(CLINIC_DIR, folder)
    return folder


def write(folder: Path, text: str) -> Path:
    path = folder / "clinic.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_clinic_reads_whole() -> None:
    clinic = read_clinic(CLINIC)
    assert clinic.name == "Riverside Children's Therapy"
    assert clinic.phone == "+1 555 0100"
    assert clinic.contact_line() == (
        "+1 555 0100 · 12 River Road, Springfield · riverside.example.org"
    )
    assert clinic.paper == "letter" and clinic.region is None
    assert clinic.early_intervention_phone == "+1 555 0199"
    assert clinic.extra_data == OVERLAY
    assert clinic.logo is not None and clinic.logo.kind == "png"
    assert (clinic.logo.width, clinic.logo.height) == (120, 40)


def test_an_svg_logo_takes_its_size_from_the_viewbox(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">'
        '<rect width="300" height="100" fill="#1f5f66"/></svg>',
        encoding="utf-8",
    )
    found = read_logo(logo)
    assert (found.kind, found.width, found.height) == ("svg", 300, 100)
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="2cm" height="1cm"/>')
    assert (read_logo(logo).width, read_logo(logo).height) == (76, 38)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name: R\nadress: 1 Road\n", 2, "unknown key 'adress' (did you mean 'address'?)"),
        ("name: R\nphone: 5550100\n", 2, "phone must be text: put the number in quotes"),
        ("name: R\nwebsite: [a, b]\n", 2, "website must be text"),
        ("name: R\naddress: |\n  1\n  2\n  3\n  4\n", 2, "address has 4 lines"),
        ("name: R\nphone: '" + "5" * 41 + "'\n", 2, "phone is too long"),
        ("name: '" + "R" * 201 + "'\n", 1, "name is too long"),
        ("phone: '1'\n", 1, "'name' (the clinic's name) is required"),
        ("name: R\npaper: a5\n", 2, "paper must be one of a4, letter, got 'a5'"),
        ("name: R\nregion: USA\n", 2, "region must be a country code of two letters"),
        ("name: R\nlogo: missing.png\n", 2, "missing.png does not exist"),
        ("name: R\nlogo: logo.gif\n", 2, "must be a .png or .svg file"),
        ("name: R\nextra_data: nowhere\n", 2, "the folder"),
        ("- a list\n", 1, "a clinic file is a mapping"),
    ],
)
def test_each_mistake_is_one_line_at_its_place(
    clinic_dir: Path, text: str, line: int, words: str
) -> None:
    path = write(clinic_dir, text)
    with pytest.raises(InputError) as caught:
        read_clinic(path)
    (problem,) = caught.value.problems
    assert problem.line == line
    assert words in problem.message


def test_a_logo_that_is_too_big_or_not_an_image_is_named(clinic_dir: Path) -> None:
    logo = clinic_dir / "big.png"
    logo.write_bytes(png(2500, 10))
    with pytest.raises(InputError, match=r"2500×10 pixels, more than a handout needs"):
        read_logo(logo)
    logo.write_bytes(b"\x89PNG" + b"\x00" * (MAX_LOGO_BYTES + 1))
    with pytest.raises(InputError, match=r"KB, more than a handout needs"):
        read_logo(logo)
    logo.write_bytes(b"GIF89a not a png at all, really not")
    with pytest.raises(InputError, match="is not a PNG image"):
        read_logo(logo)
    svg = clinic_dir / "bomb.svg"
    svg.write_text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>')
    with pytest.raises(InputError, match="DOCTYPE or entities"):
        read_logo(svg)
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    with pytest.raises(InputError, match="has no size"):
        read_logo(svg)
    svg.write_text("<html/>")
    with pytest.raises(InputError, match="is not an SVG image"):
        read_logo(svg)


def test_the_config_folder_clinic_is_found_without_an_option(
    clinic_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTOOL_HOME", str(clinic_dir))
    assert default_clinic_path() == clinic_dir / "clinic.yaml"
    found = find_clinic(None)
    assert found is not None and found.name == "Riverside Children's Therapy"
    (clinic_dir / "clinic.yaml").unlink()
    assert find_clinic(None) is None


@pytest.mark.slow
def test_validate_checks_a_clinic_file_and_its_activities(cli: Callable[..., Run]) -> None:
    done = cli("validate", "--clinic", CLINIC)
    assert done.exit_code == 0, done.stderr
    assert "The clinic file is valid: Riverside Children's Therapy." in done.stdout
    assert "adds 1 activity" in done.stdout
    done = cli("validate", "--clinic", CLINIC, "--language", "es")
    assert done.exit_code == 0, done.output


def test_validate_says_each_problem_of_a_bad_clinic_file(
    cli: Callable[..., Run], clinic_dir: Path
) -> None:
    path = write(clinic_dir, "name: R\nadress: x\nlogo: gone.png\n")
    done = cli("validate", "--clinic", path)
    assert done.exit_code == 1
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith(f"{path}:2: unknown key 'adress'")
    assert lines[1].startswith(f"{path}:3: the logo file")
    assert "Traceback" not in done.output


# --- a clinic's own activities ------------------------------------------------------


def test_the_overlay_adds_activities_and_keeps_every_shipped_one() -> None:
    shipped = load_content()
    merged = load_content(extra=OVERLAY)
    assert merged.activities[: len(shipped.activities)] == shipped.activities
    assert merged.extra_activities == {"clinic-rice-bin"}
    assert merged.activity_by_id["clinic-rice-bin"].days_per_week == 4
    assert merged.version != shipped.version
    spanish = load_content(extra=OVERLAY, lang="es")
    assert spanish.activity_by_id["clinic-rice-bin"].name == "Búsqueda del tesoro en arroz"


def test_an_id_the_content_has_is_refused_at_the_overlay_line(
    cli: Callable[..., Run], clinic_dir: Path
) -> None:
    overlay = clinic_dir / "activities" / "activities.yaml"
    text = overlay.read_text("utf-8").replace("id: clinic-rice-bin", "id: tummy-minute")
    text = text.replace("targets: []", "")
    overlay.write_text(text + "    targets: [fm-99m-nothing]\n", encoding="utf-8")
    done = cli("validate", "--extra-data", clinic_dir / "activities")
    assert done.exit_code == 1
    assert f"{overlay}:3: activity 'tummy-minute': the content already has an activity" in (
        done.stderr
    )
    assert "data/activities.yaml:" in done.stderr
    assert "target 'fm-99m-nothing' is not a known milestone" in done.stderr


def test_a_folder_without_activities_is_said_plainly(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    done = cli("activities", "--extra-data", tmp_path)
    assert done.exit_code == 1
    assert "the extra-data folder has no activities.yaml" in done.stderr
    done = cli("activities", "--extra-data", tmp_path / "nowhere")
    assert done.exit_code == 1 and "does not exist" in done.stderr


def test_activities_say_where_each_comes_from(cli: Callable[..., Run]) -> None:
    done = cli("activities", "--extra-data", OVERLAY, "--format", "json")
    assert done.exit_code == 0, done.stderr
    found = {a["id"]: a["origin"] for a in json.loads(done.stdout)["activities"]}
    assert found["clinic-rice-bin"].endswith("activities.yaml")
    assert found["tummy-minute"] == "shipped"
    done = cli("activities", "--clinic", CLINIC, "--age-months", "13", "--area", "fine_motor")
    assert "clinic-rice-bin" in done.stdout and "shipped" in done.stdout
    assert "'clinic': from" in done.stdout
    plain = cli("activities", "--format", "json")
    assert "origin" not in plain.stdout and "clinic-rice-bin" not in plain.stdout


def test_a_plan_can_use_the_clinics_activity(cli: Callable[..., Run]) -> None:
    done = cli(
        "plan", "--age-months", "14", "--activity", "clinic-rice-bin", "--format", "md",
        "--extra-data", OVERLAY,
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert "Rice bin treasure hunt" in done.stdout


def test_the_clinics_paper_is_the_default_and_paper_wins(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    answers = Path(__file__).parent / "fixtures" / "answers" / "first-birthday-12-months.yaml"
    plan = tmp_path / "plan.html"
    done = cli(
        "screen", "--answers", answers, "--format", "json", "--clinic", CLINIC,
        "--plan-output", plan,
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert "size: letter" in plan.read_text(encoding="utf-8")
    done = cli(
        "plan", "--age-months", "9", "--clinic", CLINIC, "--paper", "a4", "--output",
        tmp_path / "a4.html",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert "size: A4" in (tmp_path / "a4.html").read_text(encoding="utf-8")


def test_a_clinic_region_the_content_lacks_is_one_line(
    cli: Callable[..., Run], clinic_dir: Path
) -> None:
    path = write(clinic_dir, "name: R\nregion: ZZ\n")
    done = cli("plan", "--age-months", "9", "--clinic", path, "--format", "md")
    assert done.exit_code == 1
    assert "the clinic file's region ZZ is not a region ottool knows" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_plan_carries_the_clinic(cli: Callable[..., Run], tmp_path: Path) -> None:
    done = cli("plan", "--age-months", "9", "--clinic", CLINIC, "--format", "json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["clinic"]["name"] == "Riverside Children's Therapy"
    answers = Path(__file__).parent / "fixtures" / "answers" / "first-birthday-12-months.yaml"
    plan = tmp_path / "plan.json"
    done = cli("screen", "--answers", answers, "--format", "json", "--plan-output", plan,
               "--clinic", CLINIC)  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert json.loads(plan.read_text("utf-8"))["clinic"]["phone"] == "+1 555 0100"
    plain = cli("plan", "--age-months", "9", "--format", "json")
    assert json.loads(plain.stdout)["clinic"] is None


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


@settings(max_examples=examples(60), deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from([*KEYS, "adress", "logo_file", "Name"]), _VALUES, max_size=6
    )
)
def test_any_clinic_file_is_read_or_refused_with_lines(data: dict[str, object]) -> None:
    """Whatever a clinic file holds, it is a Clinic or problems with lines, never a crash."""
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        clinic = clinic_from_data(parse_yaml(text, "clinic.yaml"), "clinic.yaml", Path("/nowhere"))
    except InputError as exc:
        assert exc.problems
        assert all(p.file == "clinic.yaml" and p.line is not None for p in exc.problems)
    else:
        assert clinic.name and isinstance(clinic.name, str)


@pytest.mark.parametrize(
    ("svg", "words"),
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'viewBox="0 0 10 10"><image xlink:href="http://example.com/x.png" width="10" '
            'height="10"/></svg>',
            "refers to other files or web addresses",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            '<image href="/etc/some.png" width="10" height="10"/></svg>',
            "refers to other files or web addresses",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            '<rect style="fill: url(http://example.com/p)" width="5" height="5"/></svg>',
            "refers to other files or web addresses",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 nan"/>', "has no size"),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="inf" height="3"/>', "has no size"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M 0 0 Q"/></svg>',
            "cannot be drawn",
        ),
    ],
)
def test_an_svg_logo_that_reaches_out_or_cannot_be_drawn_is_one_line(
    cli: Callable[..., Run], clinic_dir: Path, svg: str, words: str
) -> None:
    (clinic_dir / "logo.svg").write_text(svg, encoding="utf-8")
    path = write(clinic_dir, "name: R\nlogo: logo.svg\n")
    done = cli("validate", "--clinic", path)
    assert done.exit_code == 1, done.output
    assert words in done.stderr
    assert f"{path}:2: the logo" in done.stderr or f"{path}: the logo" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "unexpected" not in done.stderr


def test_a_png_with_a_damaged_body_is_named_at_read(
    cli: Callable[..., Run], clinic_dir: Path
) -> None:
    logo = clinic_dir / "broken.png"
    logo.write_bytes(png(10, 10)[:33] + b"garbage, not image data" * 3)
    path = write(clinic_dir, "name: R\nlogo: broken.png\n")
    done = cli("checklist", "--age-months", "12", "--clinic", path)
    assert done.exit_code == 1
    assert f"{path}: the logo {logo} cannot be drawn" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_svg_that_links_to_its_own_parts_is_fine(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 20 10"><defs><rect id="r" width="5" height="5" fill="#1f5f66"/></defs>'
        '<use xlink:href="#r"/><use href="#r" x="10"/></svg>',
        encoding="utf-8",
    )
    assert read_logo(logo).width == 20
