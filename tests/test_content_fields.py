"""The content's fields for when to act, whom to see and where (docs/content.md):
`act` and `refer` on warning signs, `refer` on areas and milestones, and the
`referrals` and `regions` tables, as loaded, described by `ottool schema` and
checked by `ottool validate`."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run, sign
from ottool.core import screening, vocabulary
from ottool.core.content import Content, Referral, Region
from ottool.core.vocabulary import ACTS, REFERRAL_KINDS, most_urgent

# --- the vocabulary ----------------------------------------------------------------


@given(st.lists(st.sampled_from(ACTS)))
def test_most_urgent_is_never_less_urgent_than_any_act(acts: list[vocabulary.Act]) -> None:
    chosen = most_urgent(acts)
    assert all(ACTS.index(chosen) <= ACTS.index(a) for a in acts)
    assert chosen in acts or (not acts and chosen == "next_check")


def test_most_urgent_examples() -> None:
    assert most_urgent(["visit", "days", "recheck"]) == "days"
    assert most_urgent(iter(["next_check", "emergency"])) == "emergency"
    assert most_urgent([]) == "next_check"


def test_screening_still_offers_its_codes() -> None:
    """The codes moved to ottool.core.vocabulary; callers importing them from screening work."""
    assert screening.Answer is vocabulary.Answer
    assert screening.ANSWERS == vocabulary.ANSWERS
    assert screening.OVERALLS == vocabulary.OVERALLS
    assert "incomplete" in vocabulary.OVERALLS


# --- the model ------------------------------------------------------------------------


def test_a_sign_is_an_emergency_exactly_when_its_act_is_emergency() -> None:
    assert sign("ws-a", "urgent", act="emergency").emergency
    assert not sign("ws-b", "urgent", act="today").emergency
    assert not sign("ws-c").emergency
    assert sign("ws-d", refer=["doctor"]).refer == ("doctor",)


def test_the_test_content_loads_its_referrals_and_regions(content: Content) -> None:
    assert tuple(r.id for r in content.referrals) == REFERRAL_KINDS
    assert isinstance(content.referral_by_id["speech_therapy"], Referral)
    assert content.referral_by_id["speech_therapy"].name == "a speech-language therapist"
    us = content.region_by_id["US"]
    assert isinstance(us, Region) and us.emergency == "911"
    assert content.warning_sign_by_id["ws-lost-skills"].act == "days"


def test_content_made_in_code_has_no_referrals_or_regions() -> None:
    empty = Content((), (), (), ())
    assert empty.referrals == () and empty.regions == ()
    assert dict(empty.referral_by_id) == {} and dict(empty.region_by_id) == {}


# --- ottool schema ---------------------------------------------------------------------


def test_schema_describes_act_refer_referrals_and_regions(cli: Callable[..., Run]) -> None:
    run = cli("schema", "milestones")
    assert run.exit_code == 0, run.stderr
    schema = json.loads(run.stdout)
    defs = schema["$defs"]
    act = defs["WarningSign"]["properties"]["act"]
    assert sorted(act["enum"]) == sorted(vocabulary.SIGN_ACTS)
    assert "emergency number" in act["description"]
    for struct in ("WarningSign", "Domain", "Milestone"):
        refer = json.dumps(defs[struct]["properties"]["refer"])
        assert "referral" in refer, struct
    assert set(defs["MilestonesFile"]["properties"]) >= {"referrals", "regions"}
    region = defs["Region"]
    assert region["properties"]["id"]["pattern"] == "^[A-Z]{2}$"
    assert region["properties"]["name"]["$ref"] == "#/$defs/Text"
    assert region["properties"]["early_intervention"]["$ref"] == "#/$defs/Text"
    assert defs["Referral"]["properties"]["name"]["$ref"] == "#/$defs/Text"
    assert "emergency" not in defs["WarningSign"]["properties"]


@pytest.mark.parametrize("kind", REFERRAL_KINDS)
def test_referral_kinds_are_ids(kind: str) -> None:
    assert kind.replace("_", "").isalpha() and kind.islower()
