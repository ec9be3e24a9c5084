"""Printed handouts made once per test session, for every test that reads them.

Laying out a PDF or printing HTML with Chromium takes most of the suite's time, and
many tests look at the same handout (two pages? every label? the fonts?). Each
function here makes its handout the first time it is asked and keeps it for the
rest of the session, so a test asks for what it checks and never pays twice:

    from printed import handout_pdf, chromium_print

    data = handout_pdf(6, "letter", language="es")       # PDF bytes
    pages, text = chromium_print(12, "a4")               # the HTML printed by Chromium

A handout is the default plan after a screening at ``months`` (see
``screening_plan``): some "not yet" answers, the age's longest warning sign
reported, a parent's note, a therapist and a therapist's note. Tests that need
another plan build their own.
"""

from __future__ import annotations

import atexit
import base64
import datetime as dt
import functools
import io
import json
import os
import select
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from ottool.core import i18n
from ottool.core.activity_choice import plan_for_result
from ottool.core.age import add_months
from ottool.core.content import Content, load_content
from ottool.core.screening import Answers, Child, score
from ottool.documents.plan_document import PlanDocument, build_plan_document
from ottool.render.plan_file import render_plan

DAY = dt.date(2026, 11, 2)
PARENT_NOTE = (
    "She gets upset in the car seat and at bath time, and we are not sure whether "
    "that is normal for her age."
)
THERAPIST_NOTE = (
    "Practise little and often, after naps when she is rested. Call me if anything "
    "worries you before our next visit."
)
PAPERS = ("a4", "letter")
LANGUAGES = ("en", "es")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@functools.cache
def shipped(language: str = "en") -> Content:
    """The shipped content, read in ``language``."""
    with speaking(language):
        return load_content(lang=language)


class speaking:
    """Within it, ottool speaks ``language``; the language before it again after."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.before = i18n.DEFAULT_LANGUAGE

    def __enter__(self) -> None:
        self.before = i18n.language()
        i18n.set_language(self.language)

    def __exit__(self, *_: object) -> None:
        i18n.set_language(self.before)


def screening_plan(
    content: Content, months: int, answer: str = "some", *, sign: bool = True
) -> PlanDocument:
    """The default plan after a screening at ``months``: some "not yet" answers and
    the longest warning sign of the age reported (unless ``sign`` is false), which
    makes the status block and "When to call" as long as they get."""
    birth = add_months(DAY, -months) - dt.timedelta(days=5)
    checklist = content.checklist(months)
    if answer == "some":
        answers = {m.id: ("not_yet" if i % 3 == 0 else "yes") for i, m in enumerate(checklist)}
    else:
        answers = {m.id: answer for m in checklist}
    signs = [w for w in content.warning_signs if w.applies_at(months + 0.2)]
    longest = max(signs, key=lambda w: len(w.text) + len(w.advice))
    result = score(
        content,
        Answers(Child(birth, 40, "Sam"), DAY, answers, {longest.id: sign}, PARENT_NOTE),
        today=DAY,
    )
    plan = plan_for_result(content, result)
    assert len(plan.activities) == 4
    return build_plan_document(
        content, plan, result=result, therapist="Dana Reyes, OTR/L", notes=[THERAPIST_NOTE]
    )


@functools.cache
def handout_doc(months: int, answer: str = "some", language: str = "en") -> PlanDocument:
    """The default plan (see ``screening_plan``), built once a session."""
    with speaking(language):
        return screening_plan(shipped(language), months, answer)


@functools.cache
def handout_pdf(months: int, paper: str, answer: str = "some", language: str = "en") -> bytes:
    """The default plan's PDF, laid out once a session."""
    with speaking(language):
        data = render_plan(handout_doc(months, answer, language), "pdf", paper=paper)
    assert isinstance(data, bytes)
    return data


@functools.cache
def handout_html(months: int, paper: str, language: str = "en") -> str:
    """The default plan's HTML, rendered once a session."""
    with speaking(language):
        html = render_plan(handout_doc(months, "some", language), "html", paper=paper)
    assert isinstance(html, str)
    return html


def therapist_plan(content: Content, months: int) -> PlanDocument:
    """A therapist's plan of five activities (the first five of the age, as `ottool plan
    --age-months N --max-activities 5` chooses them), with two notes and a caregiver."""
    from ottool.core.activity_choice import plan_for_focus

    birth = add_months(DAY, -months) - dt.timedelta(days=5)
    plan = plan_for_focus(content, months + 0.2, max_activities=5)
    assert len(plan.activities) == 5
    return build_plan_document(
        content,
        plan,
        child="Sam",
        birth_date=birth,
        therapist="Dana Reyes, OTR/L",
        caregiver="Little Stars Daycare",
        notes=[THERAPIST_NOTE, THERAPIST_NOTE],
        date=DAY,
    )


@functools.cache
def five_activity_pdf(months: int, paper: str, language: str = "es") -> bytes:
    """The therapist's five-activity plan (see ``therapist_plan``) as PDF, once a session."""
    with speaking(language):
        data = render_plan(therapist_plan(shipped(language), months), "pdf", paper=paper)
    assert isinstance(data, bytes)
    return data


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@functools.cache
def chromium_print(months: int, paper: str, language: str = "en") -> tuple[int, str]:
    """The default plan's HTML printed by headless Chromium, once a session: its pages
    and the printed PDF's text."""
    return print_html(handout_html(months, paper, language))


def print_html(html: str) -> tuple[int, str]:
    """Print ``html`` with headless Chromium as a family's browser would; pages and text."""
    reader = PdfReader(io.BytesIO(print_pdf(html)))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def print_pdf(html: str) -> bytes:
    """``html`` printed to PDF by headless Chromium (the session's one browser)."""
    return _browser().print_pdf(html)


@functools.cache
def _browser() -> Chromium:
    assert CHROMIUM is not None
    browser = Chromium(CHROMIUM)
    atexit.register(browser.close)
    return browser


class Chromium:
    """One headless Chromium for the whole test session, printing page after page.

    It is driven over its DevTools protocol on a pipe (``--remote-debugging-pipe``:
    JSON messages ending in a NUL byte, read on file descriptor 3, written on 4), and
    prints as ``chromium --headless --print-to-pdf=FILE`` does (``Page.printToPDF``
    with the page's own CSS paper size, backgrounds, no header or footer). Starting a
    browser for each print costs about 1.5 s of CPU; a print in the running browser's
    one tab about 0.35 s.
    """

    def __init__(self, binary: str) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="ottool-print-")
        chrome_reads, self._to = os.pipe()
        self._from, chrome_writes = os.pipe()
        command = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={Path(self.folder.name) / 'profile'}",
            "--remote-debugging-pipe",
        ]  # fmt: skip
        # The pipe's ends become Chromium's descriptors 3 and 4 (a shell's redirections).
        script = f"exec {shlex.join(command)} 3<&{chrome_reads} 4>&{chrome_writes}"
        self.process = subprocess.Popen(
            ["bash", "-c", script],
            pass_fds=(chrome_reads, chrome_writes),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(chrome_reads)
        os.close(chrome_writes)
        self._buffer = b""
        self._last_id = 0
        self._events: list[dict[str, Any]] = []
        self._printed = 0
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self._session = attached["sessionId"]
        self._send("Page.enable", session=self._session)

    def print_pdf(self, html: str) -> bytes:
        self._printed += 1
        source = Path(self.folder.name) / f"page-{self._printed}.html"
        source.write_text(html, encoding="utf-8")
        self._send("Page.navigate", {"url": source.as_uri()}, self._session)
        self._event("Page.loadEventFired")
        options = {"printBackground": True, "preferCSSPageSize": True}
        printed = self._send("Page.printToPDF", options, self._session)
        source.unlink()
        return base64.b64decode(printed["data"])

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to)
        os.close(self._from)
        self.folder.cleanup()

    def _send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._last_id:
                assert "error" not in reply, f"Chromium, {method}: {reply['error']}"
                result: dict[str, Any] = reply["result"]
                return result
            self._events.append(reply)

    def _event(self, method: str) -> dict[str, Any]:
        """The next ``method`` event of the tab, waiting for it if it has not come yet."""
        while True:
            for number, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == self._session:
                    del self._events[: number + 1]  # and whatever came before it
                    return event
            self._events.append(self._read())

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from], [], [], 120)
            chunk = os.read(self._from, 1 << 20) if ready else b""
            assert chunk, "Chromium stopped answering"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        found: dict[str, Any] = json.loads(message)
        return found


def pages_over_two(months: Iterable[int], paper: str, answer: str, language: str) -> set[int]:
    """The checklist ages whose default PDF plan does not take exactly two pages."""
    return {m for m in months if page_count(handout_pdf(m, paper, answer, language=language)) != 2}
