"""The student-data guard and the personal-contact guard: the repository and the site are public."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.catalog import Entry
from checks.law import csr
from checks.models.types import free_text_fields
from checks.rules.base import Context, Violation, rule

STUDENT_DATA_PATTERNS = (
    (re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"), "a Social Security number"),
    (re.compile(r"(?<!\d)\d{9}(?!\d)"), "a Social Security number written without dashes"),
    (re.compile(r"(?<!\d)\d{10}(?!\d)"), "a 10-digit MOSIS state student id"),
)


@rule("SDG01", "no-student-data", csr("(8)(B)2"), scope="entry")
def no_student_data(entry: Entry, context: Context) -> Iterator[Violation]:
    """Free text never holds anything that looks like student data: numbers shaped like a Social
    Security number or a 10-digit MOSIS state student id.

    Compliant:
        description: Call our office at 573-555-0100.

    Non-compliant:
        description: Sample work by student 1234567890.
    """
    for path, text in free_text_fields(entry.record):
        for pattern, looks_like in STUDENT_DATA_PATTERNS:
            if pattern.search(text):
                yield Violation(
                    f"this text contains a number that looks like {looks_like}; catalog files are "
                    "public, so remove it (write a phone number as 573-555-0100)",
                    path,
                )
                break


EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@rule("SDG02", "no-personal-contact", csr("(8)(B)2"), scope="entry")
def no_contact_in_free_text(entry: Entry, context: Context) -> Iterator[Violation]:
    """Free text holds no e-mail address: a teacher's own address would be published. A
    provider's public address belongs in public_contact.email, which the site shows.

    Compliant:
        description: Questions go to the office listed on our provider page.

    Non-compliant:
        description: Write to your teacher, jane.doe@gmail.com.
    """
    for path, text in free_text_fields(entry.record):
        if EMAIL_ADDRESS.search(text):
            yield Violation(
                "this text contains an e-mail address; catalog files and the site are public, so "
                "remove it (a provider's public address goes in public_contact.email)",
                path,
            )
