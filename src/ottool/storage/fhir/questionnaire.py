"""A checklist as a FHIR Questionnaire (one per checklist, every language in it), and
every checklist in one Bundle.

The form's text is English; every text carries its Spanish (and any other shipped
language) as the standard ``translation`` extension, so a server holds one resource per
checklist and a forms tool shows the language it is asked for (docs/fhir.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from ottool.core.age import MAX_GESTATIONAL_WEEKS, MIN_GESTATIONAL_WEEKS
from ottool.core.content import Content, Milestone, WarningSign
from ottool.core.errors import InputError
from ottool.core.i18n import _, speaking
from ottool.documents.wording import CDC_ATTRIBUTION, DISCLAIMER, answer_words
from ottool.storage.fhir.resources import (
    ANSWER_CODES,
    ANSWER_SYSTEM,
    AREA_PREFIX,
    ATTRIBUTION_ITEM,
    BASE,
    BIRTH_DATE,
    BORN_EARLY,
    CHILD_NAME,
    COLLAPSIBLE,
    CONCERNS,
    DISCLAIMER_ITEM,
    EARLIER,
    EARLIER_PREFIX,
    EARLIER_TITLE,
    FORM_QUESTIONS,
    FORM_TITLE,
    GESTATIONAL_WEEKS,
    ITEM_CONTROL,
    ITEM_CONTROL_SYSTEM,
    MAX_VALUE,
    MIN_VALUE,
    USAGE_CONTEXT_SYSTEM,
    WARNING_SIGNS,
    AnswerOption,
    Bundle,
    BundleEntry,
    BundleKind,
    BundleRequest,
    CodeableConcept,
    Coding,
    Element,
    EnableWhen,
    Extension,
    Quantity,
    Questionnaire,
    QuestionnaireItem,
    Range,
    UsageContext,
    translated,
)

#: The language of a form's own text; the others come as translations.
BASE_LANGUAGE = "en"


def questionnaire_url(months: int) -> str:
    """The canonical url of the Questionnaire of the ``months`` checklist."""
    return f"{BASE}/Questionnaire/{questionnaire_id(months)}"


def questionnaire_id(months: int) -> str:
    """The resource id of the ``months`` checklist: the last part of its canonical url."""
    return f"milestones-{months}m"


def answer_options(lang: str, translations: tuple[str, ...] = ()) -> list[AnswerOption]:
    """The four answers as codings, displayed in ``lang`` (with ``translations``)."""
    words = {code: answer_words(code) for code in (lang, *translations)}
    options = []
    for answer, code in ANSWER_CODES.items():
        display, extension = translated({c: w[answer] for c, w in words.items()}, lang)
        coding = Coding(system=ANSWER_SYSTEM, code=code, display=display, display_=extension)
        options.append(AnswerOption(value_coding=coding))
    return options


def signs_for_checklist(content: Content, months: int) -> tuple[WarningSign, ...]:
    """The warning signs that apply at some age the ``months`` checklist serves.

    A checklist serves ages from its own month up to the next checklist's (the last one
    has no upper end), so a sign that starts or ends between two checklists is asked on
    the form a child of that age gets.
    """
    upper = _next_checklist(content, months)
    return tuple(
        w
        for w in content.warning_signs
        if (upper is None or w.min_months < upper)
        and (w.max_months is None or w.max_months >= months)
    )


def earlier_milestones(content: Content, months: int) -> dict[int, list[Milestone]]:
    """The milestones of the checklists before ``months``, by checklist: the form's
    optional "earlier milestones" group, whose answers count in the result too."""
    return {
        earlier: list(content.checklist(earlier))
        for earlier in content.checklists
        if earlier < months
    }


def _next_checklist(content: Content, months: int) -> int | None:
    later = [m for m in content.checklists if m > months]
    return later[0] if later else None


def build_questionnaire(
    content: Content, months: int, translations: Mapping[str, Content] | None = None
) -> Questionnaire:
    """The checklist at ``months`` as a FHIR Questionnaire.

    ``content`` is the content in English (the form's own text); ``translations`` maps
    a language code to the content loaded in that language, whose texts become the
    ``translation`` extension of every text.
    """
    if months not in content.checklists:
        known = ", ".join(str(m) for m in content.checklists)
        raise InputError(
            _("there is no {months}-month checklist (checklists: {known} months)").format(
                months=months, known=known
            )
        )
    return _Form(content, dict(translations or {})).questionnaire(months)


class _Form:
    """Builds the texts of a form in its base language with their translations."""

    def __init__(self, content: Content, translations: dict[str, Content]) -> None:
        self.content = content
        self.contents = {BASE_LANGUAGE: content, **translations}
        self.languages = tuple(lang for lang in self.contents if lang != BASE_LANGUAGE)
        self.options = answer_options(BASE_LANGUAGE, self.languages)

    def words(self, message: str, **values: object) -> tuple[str, Element | None]:
        """A message of the form's own (the catalog), in every language."""
        texts = {}
        for lang in self.contents:
            with speaking(lang):
                texts[lang] = _(message).format(**values)
        return translated(texts, BASE_LANGUAGE)

    def text(self, of: Callable[[Content], str]) -> tuple[str, Element | None]:
        """A content text (``of`` picks it from a content) in every language."""
        return translated({lang: of(c) for lang, c in self.contents.items()}, BASE_LANGUAGE)

    def item(
        self, link_id: str, type_: str, text: tuple[str, Element | None], **more: object
    ) -> QuestionnaireItem:
        return QuestionnaireItem(link_id=link_id, type=type_, text=text[0], text_=text[1], **more)  # type: ignore[arg-type]

    def questionnaire(self, months: int) -> Questionnaire:
        content = self.content
        title, title_ = self.words(FORM_TITLE, months=months)
        description, description_ = self.words(DISCLAIMER)
        attribution, attribution_ = self.words(CDC_ATTRIBUTION)
        return Questionnaire(
            id=questionnaire_id(months),
            language=BASE_LANGUAGE,
            url=questionnaire_url(months),
            version=content.version,
            name=f"OttoolMilestoneCheck{months}Months",
            title=title,
            title_=title_,
            status="active",
            subject_type=["Patient"],
            date=_content_date(content),
            publisher="ottool",
            description=description,
            description_=description_,
            use_context=[self._ages(months)],
            copyright=attribution,
            copyright_=attribution_,
            item=self._items(months),
        )

    def _ages(self, months: int) -> UsageContext:
        upper = _next_checklist(self.content, months) or self.content.max_months
        return UsageContext(
            code=Coding(system=USAGE_CONTEXT_SYSTEM, code="age", display="Age Range"),
            value_range=Range(low=_months(months), high=None if upper is None else _months(upper)),
        )

    def _items(self, months: int) -> list[QuestionnaireItem]:
        question = {k: self.words(v) for k, v in FORM_QUESTIONS.items()}
        items = [
            self.item(DISCLAIMER_ITEM, "display", self.words(DISCLAIMER)),
            self.item(ATTRIBUTION_ITEM, "display", self.words(CDC_ATTRIBUTION)),
            self.item(CHILD_NAME, "string", question[CHILD_NAME]),
            self.item(BIRTH_DATE, "date", question[BIRTH_DATE], required=True),
            self.item(BORN_EARLY, "boolean", question[BORN_EARLY]),
            self.item(
                GESTATIONAL_WEEKS,
                "integer",
                question[GESTATIONAL_WEEKS],
                # Asked only for a baby born early; forms tools that know the (standard)
                # minValue and maxValue extensions refuse impossible weeks.
                enable_when=[EnableWhen(question=BORN_EARLY, operator="=", answer_boolean=True)],
                extension=[
                    Extension(url=MIN_VALUE, value_integer=MIN_GESTATIONAL_WEEKS),
                    Extension(url=MAX_VALUE, value_integer=MAX_GESTATIONAL_WEEKS),
                ],
            ),
        ]
        items += self._areas(self.content.checklist(months), AREA_PREFIX)
        earlier = earlier_milestones(self.content, months)
        if earlier:
            closed = Extension(url=COLLAPSIBLE, value_code="default-closed")
            groups = [
                self.item(
                    f"{EARLIER_PREFIX}{checklist}m",
                    "group",
                    self.words(EARLIER_TITLE, months=checklist),
                    item=[self._milestone(m) for m in milestones],
                )
                for checklist, milestones in earlier.items()
            ]
            items.append(
                self.item(EARLIER, "group", question[EARLIER], item=groups, extension=[closed])
            )
        signs = signs_for_checklist(self.content, months)
        if signs:
            asked = [self.item(w.id, "boolean", self._sign(w.id)) for w in signs]
            items.append(self.item(WARNING_SIGNS, "group", question[WARNING_SIGNS], item=asked))
        items.append(self.item(CONCERNS, "text", question[CONCERNS]))
        return items

    def _areas(self, milestones: tuple[Milestone, ...], prefix: str) -> list[QuestionnaireItem]:
        groups = []
        for domain in self.content.domains:
            asked = [m for m in milestones if m.domain == domain.id]
            if asked:
                name = self.text(lambda c: c.domain_by_id[domain.id].name)  # noqa: B023
                groups.append(
                    self.item(
                        prefix + domain.id,
                        "group",
                        name,
                        item=[self._milestone(m) for m in asked],
                    )
                )
        return groups

    def _sign(self, sign_id: str) -> tuple[str, Element | None]:
        return self.text(lambda c: c.warning_sign_by_id[sign_id].text)

    def _milestone(self, milestone: Milestone) -> QuestionnaireItem:
        """A milestone's question: the four answers as radio buttons, its hint as help."""
        radio = Extension(
            url=ITEM_CONTROL,
            value_codeable_concept=CodeableConcept(
                coding=[
                    Coding(system=ITEM_CONTROL_SYSTEM, code="radio-button", display="Radio Button")
                ]
            ),
        )
        hint = []
        if milestone.hint:
            help_control = Extension(
                url=ITEM_CONTROL,
                value_codeable_concept=CodeableConcept(
                    coding=[Coding(system=ITEM_CONTROL_SYSTEM, code="help", display="Help-Button")]
                ),
            )
            text = self.text(lambda c: c.milestone_by_id[milestone.id].hint or milestone.hint)
            hint = [self.item(f"{milestone.id}.hint", "display", text, extension=[help_control])]
        return self.item(
            milestone.id,
            "choice",
            self.text(lambda c: c.milestone_by_id[milestone.id].prompt),
            extension=[radio],
            answer_option=self.options,
            item=hint,
        )


def _months(value: int) -> Quantity:
    return Quantity(value=value, unit="months", code="mo")


def _content_date(content: Content) -> str:
    """When the content was last changed: its milestone file's date (UTC)."""
    from ottool.core.content.models import MILESTONES_FILE

    if content.data_dir is not None:
        try:
            stamp = (content.data_dir / MILESTONES_FILE).stat().st_mtime
        except OSError:
            pass
        else:
            return dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def questionnaires_bundle(
    content: Content,
    translations: Mapping[str, Content] | None = None,
    kind: BundleKind = "collection",
) -> Bundle:
    """Every checklist's Questionnaire in one Bundle (``collection``, or ``transaction``
    of PUTs a FHIR server takes as they are)."""
    entries = []
    for months in content.checklists:
        form = build_questionnaire(content, months, translations)
        request = (
            BundleRequest(method="PUT", url=f"Questionnaire/{form.id}")
            if kind == "transaction"
            else None
        )
        entries.append(BundleEntry(full_url=form.url, resource=form, request=request))
    return Bundle(type=kind, entry=entries)
