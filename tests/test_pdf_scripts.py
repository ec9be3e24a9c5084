"""Names in other scripts in the PDF plan (issue 21, item 13): Arabic joined and right to
left, Hebrew, Devanagari with its conjuncts; scripts no font here can show are said."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_DIR, Run

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is not installed"),
]

#: Unicode's directional marks, which pdftotext puts around right-to-left text.
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _text(path: Path) -> str:
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return _MARKS.sub("", run.stdout)


@pytest.fixture
def plan_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> Callable[..., tuple[Run, str]]:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))

    def make(*args: str) -> tuple[Run, str]:
        out = tmp_path / "plan.pdf"
        run = cli("plan", "--age-months", "4", *args, "--output", out, "--force",
                  "--data-dir", FIXTURE_DIR)  # fmt: skip
        assert run.exit_code == 0, run.output
        return run, _text(out)

    return make


@pytest.mark.parametrize(
    "name",
    ["محمد علي", "שרה כהן", "आरव शर्मा", "Ελένη Παππά", "Иван Петров", "Zoë O’Brien"],
)
def test_a_name_in_another_script_prints_as_written(
    plan_pdf: Callable[..., tuple[Run, str]], name: str
) -> None:
    run, text = plan_pdf("--child", name, "--note", f"{name}: 3 veces")
    assert name in text  # in logical order: not reversed, not '???'
    assert "?" not in text.split(name)[1][:3]
    assert "no font" not in run.stderr


def test_arabic_is_joined_and_right_to_left_in_one_run(
    plan_pdf: Callable[..., tuple[Run, str]],
) -> None:
    _, text = plan_pdf("--child", "محمد علي", "--note", "يحب مريم")
    assert "يلع دمحم" not in text and "محمد علي" in text
    assert "بحي" not in text and "يحب مريم" in text


def test_letters_no_font_can_show_are_named_in_a_note(
    plan_pdf: Callable[..., tuple[Run, str]],
) -> None:
    from ottool.render.pdf.fonts import CJK_NAMES, find_system_font

    if any(find_system_font(name) for name in CJK_NAMES):
        pytest.skip("this computer has a CJK font")
    run, printed = plan_pdf("--child", "李明")
    assert "ottool: note: the PDF has no font on this computer for 明, 李" in run.stderr
    assert "--output plan.html" in run.stderr
    assert "李" not in printed


def test_a_clinic_name_no_font_can_show_is_named_once_on_the_paper_checklist(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., Run],
    recwarn: pytest.WarningsRecorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 23: the checklist PDF does what the handout does with letters Noto Sans
    lacks: fallback fonts where the computer has them, else '?' and one note naming
    them, never fpdf2's own "missing glyphs" complaint."""
    from ottool.render.pdf.fonts import CJK_NAMES, find_system_font

    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text('name: "李明儿童诊所 🌟 Sunny Kids"\nphone: "555 0100"\n', encoding="utf-8")
    out = tmp_path / "checklist.pdf"
    run = cli("checklist", "--age-months", "12", "--clinic", clinic, "--output", out)
    assert run.exit_code == 0, run.output
    printed = _text(out)
    assert "Sunny Kids" in printed and "555 0100" in printed
    said = [str(w.message) for w in recwarn] + [r.getMessage() for r in caplog.records]
    assert not [s for s in [*said, run.stderr] if "glyph" in s.lower()]
    notes = [line for line in run.stderr.splitlines() if line.startswith("ottool: note:")]
    if any(find_system_font(name) for name in CJK_NAMES):
        assert "李明" in printed
    else:
        assert len(notes) == 1, run.stderr
        assert "no font on this computer for" in notes[0] and "李" in notes[0]
        assert "--output checklist.html" in notes[0]
        assert "李" not in printed and "?" in printed.split("Sunny Kids")[0]
    assert "🌟" in printed or (notes and "🌟" in notes[0])
