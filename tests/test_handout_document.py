"""The handout's document model decides what a family reads first (issues 23 and 26).

"When to call" rows ordered by urgency with only the age's signs, the reported ones
marked and the treated ones left out; the child's details with the next check; the
lines for phone numbers; a therapist's own "why"; a tracker row per activity with as
many boxes as its days a week. Renderers only lay these out, so the decisions are
tested here, on the document, in both languages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import msgspec
import pytest

from conftest import Run
from ottool.core.activity_choice import HomePlan, plan_for_focus, plan_for_result
from ottool.core.age import add_months
from ottool.core.content import Content, load_content
from ottool.core.errors import InputError
from ottool.core.i18n import speaking
from ottool.core.screening import Answers, Child, ScreeningResult, score
from ottool.core.vocabulary import SIGN_ACTS
from ottool.documents.plan_document import PlanDocument, build_plan_document

DAY = dt.date(2026, 11, 2)
LANGS = ("en", "es")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Content]:
    return {lang: load_content(lang=lang) for lang in LANGS}


def screened(
    content: Content, months: int, *, weeks: int = 40, signs: dict[str, bool] | None = None
) -> ScreeningResult:
    birth = add_months(DAY, -months) - dt.timedelta(days=5)
    answers = {m.id: "yes" for m in content.checklist(months)}
    return score(content, Answers(Child(birth, weeks, "Sam"), DAY, answers, signs or {}), today=DAY)  # type: ignore[arg-type]


def document(content: Content, result: ScreeningResult, **options: object) -> PlanDocument:
    return build_plan_document(content, plan_for_result(content, result), result=result, **options)  # type: ignore[arg-type]


# --- "When to call": rows by urgency, the age's signs only --------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_when_to_call_rows_go_from_the_emergency_to_the_next_visit(
    shipped: dict[str, Content], lang: str
) -> None:
    content = shipped[lang]
    with speaking(lang):
        for months in content.checklists:
            doc = document(content, screened(content, months))
            acts = [row.act for row in doc.call_box]
            assert acts == sorted(acts, key=SIGN_ACTS.index), months
            assert acts[0] == "emergency"
            assert acts[-1] == "visit"
            listed = {s.id for row in doc.call_box for s in row.signs}
            of_age = {w.id for w in content.warning_signs if w.applies_at(months + 0.2)}
            assert listed == of_age, months
            for row in doc.call_box:
                assert all(content.warning_sign_by_id[s.id].act == row.act for s in row.signs)
                assert row.urgent == (row.act != "visit")


def test_the_emergency_row_names_the_region_number_and_when_to_use_it(
    shipped: dict[str, Content],
) -> None:
    content = shipped["en"]
    result = screened(content, 6)
    neutral = document(content, result).call_box[0]
    assert neutral.heading == "Call your local emergency number (such as 112 or 911) now"
    assert neutral.when == "if this is happening:"
    assert [s.id for s in neutral.signs] == ["ws-feeding-breathing"]
    if "US" in content.region_by_id:
        assert document(content, result, region="US").call_box[0].heading == "Call 911 now"
    with speaking("es"):
        es = document(shipped["es"], screened(shipped["es"], 6)).call_box[0]
    assert es.heading.startswith("Llame al número de emergencias")
    assert es.when == "si esto está pasando:"


def test_the_same_day_row_covers_an_emergency_that_has_passed(
    shipped: dict[str, Content],
) -> None:
    doc = document(shipped["en"], screened(shipped["en"], 9))
    today = [row for row in doc.call_box if row.act == "today"]
    assert today and today[0].lines == (
        "One of the emergency signs above happened, and it has passed.",
    )
    assert doc.call_box[-1].lines == ("Anything else that worries you.",)


def test_a_reported_sign_is_marked_in_its_row(shipped: dict[str, Content]) -> None:
    content = shipped["en"]
    doc = document(content, screened(content, 12, signs={"ws-one-side": True}))
    marked = [(row.act, s.id) for row in doc.call_box for s in row.signs if s.reported]
    assert marked == [("days", "ws-one-side")]


def test_signs_being_treated_are_left_out_of_when_to_call(shipped: dict[str, Content]) -> None:
    content = shipped["en"]
    result = screened(content, 4, signs={"ws-head-turn": True})
    doc = document(content, result, therapist="Dana", treating=["ws-head-turn"])
    assert "ws-head-turn" not in {s.id for row in doc.call_box for s in row.signs}
    assert "ws-head-turn" not in {s.id for s in doc.when_to_call}
    assert doc.treating == ("ws-head-turn",)
    with pytest.raises(InputError, match=r"--treating ws-head-trn .*did you mean 'ws-head-turn'"):
        document(content, result, treating=["ws-head-trn"])


def test_no_emergency_sign_is_ever_treated_off_the_handout(shipped: dict[str, Content]) -> None:
    """A feeding therapist may well be treating breathing trouble at feeds; the family
    must still see when to call the emergency number."""
    refused = []
    for language, content in shipped.items():
        result = screened(content, 10, signs={})
        for sign in content.warning_signs:
            if sign.act != "emergency":
                continue
            with speaking(language), pytest.raises(InputError, match=sign.id):
                document(content, result, therapist="Dana", treating=[sign.id])
            refused.append(sign.id)
    assert "ws-feeding-breathing" in refused


# --- the child's details, the phone lines, the caregiver ----------------------------------


def test_a_preterm_childs_details_say_weeks_and_corrected_age_and_next_check(
    shipped: dict[str, Content],
) -> None:
    content = shipped["en"]
    result = screened(content, 6, weeks=32)
    doc = document(content, result)
    assert doc.details is not None
    assert ", at 32 weeks of pregnancy" in doc.details.born
    assert "corrected for prematurity" in doc.details.age
    assert result.next_check is not None and result.next_check.why != "now"
    assert doc.details.next_check  # a date, as the family writes it
    with speaking("es"):
        es = document(shipped["es"], screened(shipped["es"], 6, weeks=32))
    assert es.details is not None and "semanas de embarazo" in es.details.born


def test_the_next_check_is_a_line_to_fill_in_when_the_step_is_to_call_now(
    shipped: dict[str, Content],
) -> None:
    content = shipped["en"]
    doc = document(content, screened(content, 12, signs={"ws-lost-skills": True}))
    assert doc.details is not None and doc.details.next_check == ""


def test_a_plan_without_a_screening_takes_the_birth_date_for_its_details(
    shipped: dict[str, Content],
) -> None:
    content = shipped["en"]
    plan = plan_for_focus(content, 9)
    bare = build_plan_document(content, plan, date=DAY)
    assert bare.details is not None and (bare.details.born, bare.details.next_check) == ("", "")
    born = add_months(DAY, -9) - dt.timedelta(days=3)
    doc = build_plan_document(content, plan, date=DAY, birth_date=born, gestational_weeks=40)
    assert doc.details is not None
    assert doc.details.born == born.strftime("%B %-d, %Y")
    assert doc.details.age.startswith("9 months")
    assert doc.details.next_check  # the 12-month checklist's day


def test_phone_lines_come_doctor_therapist_early_intervention(shipped: dict[str, Content]) -> None:
    content = shipped["en"]
    doc = document(
        content,
        screened(content, 6),
        therapist="Dana Reyes, OTR/L",
        caregiver="Little Stars Daycare",
    )
    roles = [line.role for line in doc.contacts]
    assert roles == ["Child's doctor:", "Therapist:", "Early intervention:"]
    assert doc.contacts[1].name == "Dana Reyes, OTR/L"
    assert doc.contacts[2].note  # how to reach early intervention here
    assert doc.caregiver == "Little Stars Daycare"
    with pytest.raises(InputError, match="caregiver"):
        document(content, screened(content, 6), caregiver="x" * 201)


# --- the therapist's plan ------------------------------------------------------------------


def test_a_card_the_therapist_chose_shows_the_personal_why_or_none(
    shipped: dict[str, Content],
) -> None:
    content = shipped["en"]
    ids = [a.id for a in content.activities if a.fits_age(6)][:2]
    plan = plan_for_focus(content, 6, activity_ids=ids, max_activities=2)
    doc = build_plan_document(
        content, plan, therapist="Dana", personal_why={ids[0]: "For Leo's right hand."}, date=DAY
    )
    assert [c.reason for c in doc.activities] == ["For Leo's right hand.", ""]


def test_a_screening_plan_handed_over_by_a_therapist_does_not_send_the_family_to_one(
    shipped: dict[str, Content],
) -> None:
    content = shipped["en"]
    result = screened(content, 12, signs={"ws-one-side": True})
    alone = document(content, result)
    handed = document(content, result, therapist="Dana Reyes, OTR/L")
    assert alone.next_step is not None and handed.next_step is not None
    if "occupational_therapy" in result.referrals:
        assert "occupational therapist" in alone.next_step.advice
    assert "occupational therapist" not in handed.next_step.advice
    assert "occupational" not in handed.call_advice
    assert "tell your therapist too" in handed.call_advice


def test_the_tracker_has_as_many_boxes_as_days_a_week(shipped: dict[str, Content]) -> None:
    content = shipped["en"]
    plan = plan_for_focus(content, 6, max_activities=2)
    first = plan.activities[0]
    four = dataclasses.replace(
        first, activity=msgspec.structs.replace(first.activity, days_per_week=4)
    )
    edited = HomePlan(plan.used_months, plan.checklist_months, (four, *plan.activities[1:]))
    doc = build_plan_document(content, edited, date=DAY)
    assert [c.tracker_boxes for c in doc.activities] == [4, 7]
    assert doc.activities[0].tracker_name == f"{first.activity.name} (4 days a week)"
    assert doc.activities[1].tracker_name == doc.activities[1].name
    assert doc.activities[0].dose.endswith("4 days a week")  # the edited dose reaches the card


def test_the_json_plan_carries_the_new_parts(shipped: dict[str, Content]) -> None:
    content = shipped["en"]
    doc = document(content, screened(content, 6), caregiver="Grandma")
    data = doc.as_data()
    assert next(row["act"] for row in data["call_box"]) == "emergency"  # type: ignore[index]
    assert data["caregiver"] == "Grandma"
    assert set(data["details"]) == {"born", "age", "next_check"}  # type: ignore[arg-type]


def test_a_clinic_pre_fills_the_therapist_and_early_intervention_lines(
    shipped: dict[str, Content],
) -> None:
    from ottool.core.clinic import Clinic, Logo

    content = shipped["en"]
    clinic = Clinic(
        "Sunny Kids OT",
        phone="555 0100",
        website="sunnykids.example",
        logo=Logo(b"\x89PNG", "png", 10, 10),
        early_intervention_phone="555 0199",
    )
    doc = document(content, screened(content, 6), therapist="Dana", clinic=clinic)
    doctor, therapist, early = doc.contacts
    assert (doctor.name, doctor.phone) == ("", "")  # a line to write on
    assert (therapist.name, therapist.phone) == ("Dana · Sunny Kids OT", "555 0100")
    assert early.phone == "555 0199"
    assert doc.clinic is clinic
    data = doc.as_data()
    assert data["clinic"] == {
        "name": "Sunny Kids OT", "phone": "555 0100", "address": "",
        "website": "sunnykids.example", "email": "",
    }  # fmt: skip
    import json

    json.dumps(data)  # no logo bytes in the JSON


def test_the_markdown_tracker_puts_a_part_week_activitys_boxes_by_its_name(
    cli: Callable[..., Run],
) -> None:
    """A 4-days-a-week activity's four boxes sit beside its name, not all in Monday's
    column; a daily one has a box under every day."""
    run = cli("plan", "--age-months", "14", "--activity", "stacking", "--activity", "scribbling",
              "--dose", "stacking=5,2,4", "--format", "md", "--output", "-")  # fmt: skip
    assert run.exit_code == 0, run.output
    rows = [line for line in run.stdout.splitlines() if line.startswith("| Stacking")]
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert cells[0].endswith("☐ ☐ ☐ ☐") and cells[1:] == [""] * 7, rows[0]
    daily = next(line for line in run.stdout.splitlines() if line.startswith("| Scribbling"))
    assert daily.count("☐") == 7
