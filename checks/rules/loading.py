"""Problems found while reading files, before any rule runs. They are listed with the rules so
that every code a user can see is documented in one place."""

from __future__ import annotations

from checks.law import PROCEDURE
from checks.problems import Severity
from checks.rules.base import Rule

INVALID_YAML = Rule(
    "YML01",
    "valid-yaml",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """The file is readable UTF-8 text of valid YAML, at most 1 MB, indented with spaces, that
    holds fields, lists and plain values (text, numbers, dates, yes or no): no tag such as
    ``!!binary`` or ``!!set``, whose contents the text rules could not read.

    Compliant:
        title: Algebra I

    Non-compliant:
        title: "Algebra I        # the quote is never closed
    """,
)
DUPLICATE_KEY = Rule(
    "YML02",
    "no-duplicate-fields",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """Each field appears once (YAML would silently keep only the last).

    Compliant:
        price: 395

    Non-compliant:
        price: 395
        price: 450
    """,
)
NO_ALIASES = Rule(
    "YML04",
    "no-aliases",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """Every value is written out: no YAML anchors (&) and aliases (*). A record never needs them,
    and aliases nested in aliases multiply a small file into billions of values.

    Compliant:
        terms_offered: [fall, spring]

    Non-compliant:
        terms: &both [fall, spring]
        terms_offered: *both
    """,
)
NOT_A_RECORD = Rule(
    "YML03",
    "file-is-a-record",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """The file holds one record: a set of 'field: value' lines.

    Compliant:
        title: Algebra I

    Non-compliant:
        - Algebra I              # a list, not a record
    """,
)
MISSING_FIELD = Rule(
    "SCH01",
    "required-field",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """Every required field is present (the message names the clause the field serves).

    Compliant:
        price: 395

    Non-compliant:
        # no price at all
    """,
)
UNKNOWN_FIELD = Rule(
    "SCH02",
    "known-field",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """Every field is one the record defines; a misspelt field is never silently ignored.

    Compliant:
        prerequisites: Algebra I

    Non-compliant:
        prerequisite: Algebra I  # did you mean 'prerequisites'?
    """,
)
WRONG_VALUE = Rule(
    "SCH03",
    "field-value",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """Each value has the right type and form (a date, a number, one of the listed choices, an
    https:// address...).

    Compliant:
        length: semester

    Non-compliant:
        length: quarter
    """,
)
SCHEMA_COMMENT = Rule(
    "FMT01",
    "schema-comment",
    PROCEDURE,
    Severity.WARNING,
    "file",
    """The file's first line points editors at its schema, so mistakes show as you type.

    Compliant:
        # yaml-language-server: $schema=../../../../schemas/course.schema.json

    Non-compliant:
        title: Algebra I         # on the first line
    """,
)
LAYOUT = Rule(
    "LAY01",
    "file-layout",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """Files live at providers/<provider-id>/provider.yaml or
    providers/<provider-id>/courses/<course-name>.yaml, named in lowercase letters, digits and
    hyphens, and are real files (not symbolic links).

    Compliant:
        catalog/providers/bluestem-learning/courses/spanish-i.yaml

    Non-compliant:
        catalog/providers/bluestem-learning/Spanish I.yml
    """,
)
REFERENCE = Rule(
    "REF01",
    "reference-data",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """The reference data package (catalog/reference) is complete and every row fits its Table
    Schema; without it no rule can be judged, so the check stops (exit 2).

    Compliant:
        2026,7145,medium-high,https://...

    Non-compliant:
        2026,seven thousand,medium-high,https://...   # sat_usd must be an integer
    """,
)

INTERNAL_FAULT = Rule(
    "INT01",
    "no-internal-fault",
    PROCEDURE,
    Severity.ERROR,
    "file",
    """mocap judged the file without a fault of its own. When reading a file or judging it by a
    rule fails unexpectedly, that file (and only that file) gets this problem and is withheld
    from the site until mocap is fixed; every other file is still checked and published.

    Compliant:
        any file mocap reads and judges to the end

    Non-compliant:
        none a submitter can write on purpose: it is a fault in mocap, to report as an issue
    """,
)

REPORT_FAULT = "please report it as an issue in the catalog repository, with the command you ran"


def fault_message(what: str, exc: BaseException) -> str:
    """INT01's message: what failed, the fault, and what the submitter can do."""
    return (
        f"{what} failed unexpectedly ({type(exc).__name__}: {exc}): this is a fault in mocap, not "
        f"a mistake of yours. The file is withheld until it is fixed; {REPORT_FAULT}"
    )


LOADING_RULES = (
    INVALID_YAML,
    DUPLICATE_KEY,
    NO_ALIASES,
    NOT_A_RECORD,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    WRONG_VALUE,
    SCHEMA_COMMENT,
    LAYOUT,
    REFERENCE,
    INTERNAL_FAULT,
)
