"""Age rules (DESIGN.md §3): chronological and corrected age, and the checklist to use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ottool.errors import InputError
from ottool.i18n import _, ngettext

DAYS_PER_MONTH = 30.4375
FULL_TERM_WEEKS = 40
#: Children born before this many weeks are screened at corrected age.
PRETERM_BEFORE_WEEKS = 37
#: Correction stops once the chronological age reaches this many months.
CORRECT_UNTIL_MONTHS = 24
MAX_AGE_MONTHS = 60
MIN_GESTATIONAL_WEEKS = 22
MAX_GESTATIONAL_WEEKS = 44


@dataclass(frozen=True, slots=True)
class Age:
    """A child's age on the screening date, in days, with the age used for screening."""

    chronological_days: int
    corrected_days: int | None  # None when no correction applies

    @property
    def corrected(self) -> bool:
        return self.corrected_days is not None

    @property
    def chronological_months(self) -> float:
        return self.chronological_days / DAYS_PER_MONTH

    @property
    def corrected_months(self) -> float | None:
        return None if self.corrected_days is None else self.corrected_days / DAYS_PER_MONTH

    @property
    def used_days(self) -> int:
        return self.chronological_days if self.corrected_days is None else self.corrected_days

    @property
    def used_months(self) -> float:
        """The age the screening uses: corrected when it applies, else chronological."""
        return self.used_days / DAYS_PER_MONTH


@dataclass(frozen=True, slots=True)
class ChecklistChoice:
    """The checklist used for a screening; ``early`` when the child is younger than it."""

    months: int
    early: bool


def age_on(
    birth_date: date,
    screening_date: date,
    gestational_weeks: int = FULL_TERM_WEEKS,
    *,
    today: date | None = None,
) -> Age:
    """The child's age on ``screening_date``, corrected for prematurity when it applies.

    A baby screened before their due date has a corrected age of 0 days (it is
    never negative). Raises :class:`InputError` for impossible dates and weeks.
    """
    today = today or date.today()
    if not MIN_GESTATIONAL_WEEKS <= gestational_weeks <= MAX_GESTATIONAL_WEEKS:
        message = _("gestational weeks must be between {low} and {high}, got {weeks}")
        raise InputError(
            message.format(
                low=MIN_GESTATIONAL_WEEKS, high=MAX_GESTATIONAL_WEEKS, weeks=gestational_weeks
            )
        )
    if birth_date > today:
        message = _("the birth date {date} is in the future")
        raise InputError(message.format(date=birth_date.isoformat()))
    if screening_date > today:
        message = _("the screening date {date} is in the future")
        raise InputError(message.format(date=screening_date.isoformat()))
    if screening_date < birth_date:
        message = _("the screening date {date} is before the birth date {birth}")
        raise InputError(
            message.format(date=screening_date.isoformat(), birth=birth_date.isoformat())
        )
    days = (screening_date - birth_date).days
    if days / DAYS_PER_MONTH > MAX_AGE_MONTHS:
        message = _(
            "the child is over {years} years old on {date} (born {birth}); "
            "ottool's checklists are for 0 to 2 years"
        )
        raise InputError(
            message.format(
                years=MAX_AGE_MONTHS // 12,
                date=screening_date.isoformat(),
                birth=birth_date.isoformat(),
            )
        )
    corrected = None
    if gestational_weeks < PRETERM_BEFORE_WEEKS and days / DAYS_PER_MONTH < CORRECT_UNTIL_MONTHS:
        corrected = max(0, days - (FULL_TERM_WEEKS - gestational_weeks) * 7)
    return Age(days, corrected)


#: Where parents of older children find the CDC's checklists (up to 5 years).
CDC_CHECKLISTS_URL = "https://www.cdc.gov/ncbddd/actearly/milestones/"


def check_age_served(used_months: float, max_months: int | None) -> None:
    """Refuse a child older than the checklists serve (``max_months`` whole months of age used).

    Raises :class:`InputError` with one line naming the limit and where to turn instead.
    """
    if max_months is None or int(used_months) <= max_months:
        return
    message = _(
        "at {age} (age used) the child is older than ottool's checklists serve "
        "(up to {months} months); please talk with the child's doctor, and see the CDC's "
        "milestone checklists for older children: {url}"
    )
    raise InputError(
        message.format(age=months_in_words(used_months), months=max_months, url=CDC_CHECKLISTS_URL)
    )


def checklist_for(used_months: float, checklists: Sequence[int]) -> ChecklistChoice:
    """The checklist with the greatest age ≤ ``used_months``; the first one, ``early``, if none."""
    if not checklists:
        raise InputError(_("the content has no checklists"))
    fitting = [m for m in checklists if m <= used_months]
    if not fitting:
        return ChecklistChoice(min(checklists), early=True)
    return ChecklistChoice(max(fitting), early=False)


def months_in_words(months: float) -> str:
    """'5 months and 3 weeks' style wording for parents ('1 year and 2 months' past 12)."""
    whole = int(months)
    weeks = int((months - whole) * DAYS_PER_MONTH // 7)
    if whole >= 12:
        years, rest = divmod(whole, 12)
        text = ngettext("{n} year", "{n} years", years).format(n=years)
        if not rest:
            return text
        return _("{larger} and {smaller}").format(larger=text, smaller=_months(rest))
    if weeks:
        in_weeks = ngettext("{n} week", "{n} weeks", weeks).format(n=weeks)
        return _("{larger} and {smaller}").format(larger=_months(whole), smaller=in_weeks)
    return _months(whole)


def _months(n: int) -> str:
    return ngettext("{n} month", "{n} months", n).format(n=n)
