"""Age rules (docs/design.md §3): chronological and corrected age, and the checklist to use."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from ottool.core.errors import InputError
from ottool.core.i18n import _, ngettext

FULL_TERM_WEEKS = 40
#: Children born before this many weeks are screened at corrected age.
PRETERM_BEFORE_WEEKS = 37
#: Correction stops once the chronological age reaches this many months.
CORRECT_UNTIL_MONTHS = 24
MAX_AGE_MONTHS = 60
MIN_GESTATIONAL_WEEKS = 22
MAX_GESTATIONAL_WEEKS = 44


def add_months(start: date, months: int) -> date:
    """The date ``months`` calendar months after ``start`` (before it when negative).

    The same day number, or that month's last day when it has none: a child born on
    31 January is one month old on 28 February (29 in a leap year).
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(start.day, monthrange(year, month + 1)[1]))


@dataclass(frozen=True, slots=True)
class CalendarAge:
    """An age as clinics count it: whole calendar months, and the days left over.

    ``month_days`` is the length of the month being counted (from the last
    month-day reached to the next one), which the decimal months divide by.
    """

    months: int
    days: int
    month_days: int

    @property
    def decimal_months(self) -> float:
        """Months and the fraction of the month being counted: 11 months 29 days of 30 → 11.97."""
        return self.months + self.days / self.month_days

    @property
    def tenths(self) -> float:
        """The decimal months cut (not rounded) to a tenth, so the whole months stay whole.

        11 months and 29 days is 11.9, never 12.0: the number written in the result
        JSON agrees with the checklist chosen from the whole months.
        """
        return (self.months * 10 + self.days * 10 // self.month_days) / 10


def calendar_age(start: date, on: date) -> CalendarAge:
    """The calendar age on ``on`` of a life that began on ``start`` (0 before it)."""
    if on <= start:
        return CalendarAge(0, 0, (add_months(start, 1) - start).days)
    months = (on.year - start.year) * 12 + on.month - start.month
    if add_months(start, months) > on:
        months -= 1
    reached = add_months(start, months)
    return CalendarAge(months, (on - reached).days, (add_months(start, months + 1) - reached).days)


def due_date(birth_date: date, gestational_weeks: int) -> date:
    """The date a baby born at ``gestational_weeks`` was due: (40 − weeks) × 7 days later."""
    return birth_date + timedelta(days=(FULL_TERM_WEEKS - gestational_weeks) * 7)


def corrects(gestational_weeks: int, chronological: CalendarAge) -> bool:
    """Whether the age used is corrected: born before 37 weeks and under 24 months old."""
    return gestational_weeks < PRETERM_BEFORE_WEEKS and chronological.months < CORRECT_UNTIL_MONTHS


@dataclass(frozen=True, slots=True)
class Age:
    """A child's age on the screening date ``on``, in days, with the age used for screening.

    The days are what a result stores; the calendar ages are counted from the
    days back from ``on`` (the birth date, and the due date when corrected), so a
    saved result shows the same age however it is read back.
    """

    chronological_days: int
    corrected_days: int | None  # None when no correction applies
    on: date

    @property
    def corrected(self) -> bool:
        return self.corrected_days is not None

    @property
    def chronological(self) -> CalendarAge:
        """Calendar months and days since birth."""
        return calendar_age(self.on - timedelta(days=self.chronological_days), self.on)

    @property
    def corrected_age(self) -> CalendarAge | None:
        """Calendar months and days since the due date; None when no correction applies."""
        if self.corrected_days is None:
            return None
        return calendar_age(self.on - timedelta(days=self.corrected_days), self.on)

    @property
    def used(self) -> CalendarAge:
        """The age the screening uses: corrected when it applies, else chronological."""
        corrected = self.corrected_age
        return self.chronological if corrected is None else corrected

    @property
    def chronological_months(self) -> float:
        return self.chronological.decimal_months

    @property
    def corrected_months(self) -> float | None:
        corrected = self.corrected_age
        return None if corrected is None else corrected.decimal_months

    @property
    def used_days(self) -> int:
        return self.chronological_days if self.corrected_days is None else self.corrected_days

    @property
    def used_months(self) -> float:
        """The age used in decimal months (whole months + days / days in that month)."""
        return self.used.decimal_months


def days_back(on: date, months: float) -> int:
    """The days before ``on`` of a life whose calendar age on ``on`` is ``months`` (decimal).

    For results written by another tool with decimal months only: the closest day.
    """
    whole = max(0, int(months))
    latest = (on - add_months(on, -whole)).days
    candidates = range(max(0, latest - 1), latest + 32)
    return min(
        candidates,
        key=lambda d: abs(calendar_age(on - timedelta(days=d), on).decimal_months - months),
    )


@dataclass(frozen=True, slots=True)
class ChecklistChoice:
    """The checklist used for a screening; ``early`` when the child is younger than it."""

    months: int
    early: bool


def check_dates(
    birth_date: date, screening_date: date, gestational_weeks: int, *, today: date | None = None
) -> None:
    """Refuse impossible dates and weeks (docs/design.md §3) with one clear sentence."""
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
    since_birth = calendar_age(birth_date, screening_date)
    if since_birth.months > MAX_AGE_MONTHS or (
        since_birth.months == MAX_AGE_MONTHS and since_birth.days > 0
    ):
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


def age_of(birth_date: date, on: date, gestational_weeks: int = FULL_TERM_WEEKS) -> Age:
    """The age on ``on`` without checking the dates (for dates ottool computes itself).

    The corrected age is counted from the due date and is never negative: a baby
    seen before their due date has a corrected age of 0 days.
    """
    days = max(0, (on - birth_date).days)
    corrected = None
    if corrects(gestational_weeks, calendar_age(birth_date, on)):
        corrected = max(0, (on - due_date(birth_date, gestational_weeks)).days)
    return Age(days, corrected, on)


def age_on(
    birth_date: date,
    screening_date: date,
    gestational_weeks: int = FULL_TERM_WEEKS,
    *,
    today: date | None = None,
) -> Age:
    """The child's age on ``screening_date``, corrected for prematurity when it applies.

    Calendar ages (docs/design.md §3): whole months from the birth date (or the due
    date, when corrected) and the days left over. A baby screened before their due
    date has a corrected age of 0 days (it is never negative). Raises
    :class:`InputError` for impossible dates and weeks.
    """
    check_dates(birth_date, screening_date, gestational_weeks, today=today)
    return age_of(birth_date, screening_date, gestational_weeks)


#: Where parents of older children find the CDC's checklists (up to 5 years).
CDC_CHECKLISTS_URL = "https://www.cdc.gov/ncbddd/actearly/milestones/"


def check_age_served(used_months: float | Age, max_months: int | None) -> None:
    """Refuse a child older than the checklists serve (``max_months`` whole months of age used).

    ``used_months`` is the age used, as an :class:`Age` (worded in calendar months
    and days) or in decimal months. Raises :class:`InputError` with one line naming
    the limit and where to turn instead.
    """
    if isinstance(used_months, Age):
        whole, words = used_months.used.months, age_in_words(used_months.used)
    else:
        whole, words = int(used_months), months_in_words(used_months)
    if max_months is None or whole <= max_months:
        return
    message = _(
        "at {age} (age used) the child is older than ottool's checklists serve "
        "(up to {months} months); please talk with the child's doctor, and see the CDC's "
        "milestone checklists for older children: {url}"
    )
    raise InputError(message.format(age=words, months=max_months, url=CDC_CHECKLISTS_URL))


def checklist_for(used_months: float, checklists: Collection[int]) -> ChecklistChoice:
    """The checklist with the greatest age ≤ the whole months of ``used_months``.

    A child younger than the first checklist gets that one, ``early``. With
    calendar ages the whole months are what count: a child born on 1 December is
    on the 12-month checklist on the next 1 December.
    """
    if not checklists:
        raise InputError(_("the content has no checklists"))
    fitting = [m for m in checklists if m <= used_months]
    if not fitting:
        return ChecklistChoice(min(checklists), early=True)
    return ChecklistChoice(max(fitting), early=False)


def age_in_words(age: CalendarAge) -> str:
    """A calendar age as parents say it.

    '5 months and 3 weeks', '9 months and 4 days', '2 weeks', '1 year and 2 months'
    (past 12 months the days are left out), '0 months' on the first day.
    """
    weeks, days = divmod(age.days, 7)
    return _in_words(age.months, weeks, 0 if weeks else days)


def months_in_words(months: float) -> str:
    """Decimal months in words, for an age known only as a number (``plan --age-months``).

    The fraction of a month is worded in whole quarter months as weeks (7.5 → '7
    months and 2 weeks'); an age with dates is worded by :func:`age_in_words`.
    """
    whole = int(months)
    return _in_words(whole, int((months - whole) * 4), 0)


def _in_words(months: int, weeks: int, days: int) -> str:
    if months >= 12:
        years, rest = divmod(months, 12)
        text = ngettext("{n} year", "{n} years", years).format(n=years)
        if not rest:
            return text
        return _("{larger} and {smaller}").format(larger=text, smaller=_months(rest))
    smaller = None
    if weeks:
        smaller = ngettext("{n} week", "{n} weeks", weeks).format(n=weeks)
    elif days:
        smaller = ngettext("{n} day", "{n} days", days).format(n=days)
    if smaller is None:
        return _months(months)
    if not months:
        return smaller
    return _("{larger} and {smaller}").format(larger=_months(months), smaller=smaller)


def _months(n: int) -> str:
    return ngettext("{n} month", "{n} months", n).format(n=n)
