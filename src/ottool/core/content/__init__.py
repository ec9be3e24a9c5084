"""Load and check the content files: YAML in, frozen typed objects out.

One module per idea, each readable on its own; everything public is re-exported
here, so ``from ottool.core.content import Content, load_content`` is all a caller needs:

- :mod:`~ottool.core.content.models`: the schema as frozen types, and :class:`Content`;
- :mod:`~ottool.core.content.loading`: where the content lives, loading and checking it;
- :mod:`~ottool.core.content.checking`: the rules of a whole content folder;
- :mod:`~ottool.core.content.fields`: one entry into its model, a problem per wrong field;
- :mod:`~ottool.core.content.schema`: JSON Schema of the files, for editors' tooling.
"""

from ottool.core.content.checking import coverage_gaps
from ottool.core.content.loading import (
    check_content,
    default_data_dir,
    display_path,
    forget_checked_content,
    load_content,
    resolve_data_dir,
)
from ottool.core.content.models import (
    ACTIVITIES_FILE,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    MILESTONES_FILE,
    SCHEMA_VERSION,
    ActivitiesFile,
    Activity,
    Content,
    Count,
    DaysPerWeek,
    Domain,
    DomainId,
    EntryId,
    Level,
    Milestone,
    MilestonesFile,
    Months,
    Referral,
    ReferralId,
    Region,
    RegionId,
    Report,
    TextList,
    WarningSign,
    localized,
)
from ottool.core.content.schema import json_schema

__all__ = [
    "ACTIVITIES_FILE",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "MILESTONES_FILE",
    "SCHEMA_VERSION",
    "ActivitiesFile",
    "Activity",
    "Content",
    "Count",
    "DaysPerWeek",
    "Domain",
    "DomainId",
    "EntryId",
    "Level",
    "Milestone",
    "MilestonesFile",
    "Months",
    "Referral",
    "ReferralId",
    "Region",
    "RegionId",
    "Report",
    "TextList",
    "WarningSign",
    "check_content",
    "coverage_gaps",
    "default_data_dir",
    "display_path",
    "forget_checked_content",
    "json_schema",
    "load_content",
    "localized",
    "resolve_data_dir",
]
