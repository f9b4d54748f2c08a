"""The personal-data guards: the repository and the site are public, so no text of a catalog
file (any field, at any depth, and every comment) may hold student data, a person's e-mail
address, or a person's number. Each text is folded first (``checks/texts.py``), so full-width
digits, invisible characters between digits, other dashes and percent-encoding do not hide it.

What no pattern can catch, and a reviewer must still read for: a student's or teacher's bare
name, a number written out in words, a detail that identifies a person only in context (a
class of one, a named incident), and images or documents behind a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.law import csr
from checks.rules.base import Context, Violation, rule
from checks.texts import FileTexts, TextItem

# Every repetition is bounded, so matching stays linear in the text even on hostile input.
# A number "not after a digit" is written \d(?<!\d\d), not (?<!\d)\d: the same matches, but a
# pattern that starts with a digit lets the engine skip ahead to digits (3x faster over a catalog).
_SEP = r"[ .\-/_]?"
SSN = re.compile(rf"\d(?<!\d\d)\d{{2}}({_SEP})\d{{2}}\1\d{{4}}(?!\d)")  # one separator, twice (not ZIP+4)
MOSIS_ID = re.compile(r"\d(?<!\d\d)\d{9}(?!\d)")
PHONE = re.compile(r"(?<!\d)(?:\+?1[ .\-]?)?\(?\d{3}\)?[ .\-]?\d{3}[ .\-]\d{4}(?!\d)")

# Possessive (``{1,64}+``): what may follow an address's local part (a space, an at sign, a
# bracket) is never part of it, so giving characters back can find nothing; the local part is
# read once for all four forms, not once per form and per character given back (5x faster).
# A form added here must begin so too (a test holds the forms to the plain pattern's matches).
_LOCAL = r"(?<![\w.+\-])[\w.+\-]{1,64}+"
_DOMAIN_PART = r"[\w\-]{1,63}"
_AT_WORD = r"(?:\s{0,3}[\[({<]\s{0,3}at\s{0,3}[\])}>]\s{0,3}|\s{1,3}at\s{1,3})"
_DOT_WORD = r"(?:\s{0,3}[\[({<]\s{0,3}dot\s{0,3}[\])}>]\s{0,3}|\s{1,3}dot\s{1,3})"
_MAIL_HOSTS = (
    r"(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|proton(?:mail)?|gmx|comcast"
    r"|att|sbcglobal|charter)"
)
EMAIL = re.compile(
    _LOCAL
    + "(?:"
    + "|".join(
        (
            # jane.doe@gmail.com, jane @ gmail . com
            rf"\s{{0,3}}@\s{{0,3}}{_DOMAIN_PART}(?:\s{{0,3}}\.\s{{0,3}}{_DOMAIN_PART}){{1,8}}",
            # jane [at] example.org, jane (at) example [dot] org
            rf"\s{{0,3}}[\[({{<]\s{{0,3}}at\s{{0,3}}[\])}}>]\s{{0,3}}{_DOMAIN_PART}"
            rf"(?:(?:\.|{_DOT_WORD}){_DOMAIN_PART}){{1,8}}",
            # jane at gmail dot com
            rf"{_AT_WORD}{_DOMAIN_PART}(?:{_DOT_WORD}{_DOMAIN_PART}){{1,8}}",
            # jane at gmail.com
            rf"\s{{1,3}}at\s{{1,3}}{_MAIL_HOSTS}\s{{0,3}}\.\s{{0,3}}(?:com|net|me)\b",
        )
    )
    + ")",
    re.IGNORECASE,
)

_NAME = r"[A-Z][a-z'\u2019\-]{0,30}(?:\s{1,3}[A-Z][a-z'\u2019\-]{0,30}){0,2}"
_TITLE = r"(?i:teacher|instructor|tutor|counsel(?:l)?or|principal|professor)"
_PERSON = (
    rf"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Coach)\.?\s{{1,3}}{_NAME}|\b{_TITLE}\s{{0,3}}:?\s{{1,3}}{_NAME})"
)
_CERTIFICATE = (
    r"\b(?i:certificat(?:e|ion)|licen[cs]e|credential)\s{0,3}(?i:no\.?|number|num\.?|#|id)?\s{0,3}:?\s{0,3}#?"
    r"\s{0,3}\d{4,12}"
)
PERSON_NUMBER = re.compile(rf"{_PERSON}.{{0,60}}?(?:{PHONE.pattern}|(?<!\d)\d{{5,12}}(?!\d))", re.DOTALL)
CERTIFICATE_NUMBER = re.compile(_CERTIFICATE)
PERSONAL_PHONE = re.compile(
    rf"\b(?i:cell|mobile|personal|home|my)\s{{0,3}}(?i:phone|number|no\.?|#)?\s{{0,3}}(?i:is|at)?\s{{0,3}}:?"
    rf"\s{{0,3}}{PHONE.pattern}"
)


# Cheap first looks at a whole file, each true of every text a pattern matches (tests hold them
# to the patterns); a file passes most of them with a substring search instead of a scan.
# A text's folded digits are ASCII (checks.texts.fold), and a character class, unlike \d,
# is a table lookup.
# PHONE ends in 3 digits, a separator and 4 digits; PERSON_NUMBER's other number has 5 or more.
_NUMBER_SHAPED = re.compile(r"[0-9](?:[0-9]{2}[ .\-][0-9]{4}|[0-9]{4})")
_CERTIFICATE_WORDS = ("certificat", "licen", "credential")
# An address is written with an at sign, "at" between spaces, or "at" in brackets.
_BRACKETED_AT = re.compile(r"[\[({<]\s{0,3}(?i:at)")


def _where(item: TextItem) -> str:
    return "this comment" if item.line else "this text"


@rule("SDG01", "no-student-data", csr("(8)(B)2"), scope="text")
def no_student_data(texts: FileTexts, context: Context) -> Iterator[Violation]:
    """No text of a catalog file (any field, any comment) holds a number shaped like a Social
    Security number (written with dashes, dots, spaces, slashes or none, in any digits) or a
    10-digit MOSIS state student id.

    Compliant:
        description: Call our office at 573-555-0100.

    Non-compliant:
        description: Sample work by student 1234567890.
    """
    kinds = ((SSN, "a Social Security number"), (MOSIS_ID, "a 10-digit MOSIS state student id"))
    if not any(pattern.search(texts.folded) for pattern, _ in kinds):
        return
    for item in texts.items:
        for pattern, looks_like in kinds:
            if pattern.search(item.folded) and not _only_phone_numbers(item.folded, pattern):
                yield Violation(
                    f"{_where(item)} holds a number that looks like {looks_like}; catalog files are "
                    "public, so remove it (write a phone number as 573-555-0100)",
                    item.path,
                    line=item.line,
                )
                break


def _only_phone_numbers(text: str, pattern: re.Pattern[str]) -> bool:
    """Every match lies inside a phone number written with its separators."""
    phones = [m.span() for m in PHONE.finditer(text) if not m.group(0).isdigit()]
    return all(any(a <= m.start() and m.end() <= b for a, b in phones) for m in pattern.finditer(text))


@rule("SDG02", "no-personal-email", csr("(8)(B)2"), scope="text")
def no_contact_in_free_text(texts: FileTexts, context: Context) -> Iterator[Violation]:
    """No text holds an e-mail address, however it is written (``jane.doe@example.org``,
    ``jane [at] example [dot] org``, ``jane at example dot org``, a full-width at sign, or
    percent-encoded in a link): a teacher's own address would be published. A provider's
    public address goes in ``public_contact.email``, the one field the site shows.

    Compliant:
        description: Questions go to the office listed on our provider page.

    Non-compliant:
        description: Write to your teacher, jane.doe@example.org.
    """
    if not (_may_hold_address(texts) and EMAIL.search(texts.folded)):
        return
    for item in texts.items:
        if not item.public_contact and EMAIL.search(item.folded):
            yield Violation(
                f"{_where(item)} holds an e-mail address; catalog files and the site are public, so remove "
                "it (a provider's public address goes in public_contact.email)",
                item.path,
                line=item.line,
            )


@rule("SDG03", "no-personal-numbers", csr("(8)(B)2"), scope="text")
def no_personal_numbers(texts: FileTexts, context: Context) -> Iterator[Violation]:
    """No text ties a person to a number: a name with an honorific or a title (Mrs. Smith,
    teacher Jane Smith) next to a phone, certificate or licence number; a certificate or licence
    number; a cell, mobile, home or personal phone number. A provider's office number is
    welcome in a description, and its public number goes in ``public_contact.phone``.

    Compliant:
        description: Call our office at 573-555-0100 to reach your teacher.

    Non-compliant:
        description: Mrs. Jane Smith (certificate 1234567) answers at 573-555-0199.
    """
    kinds = (
        (PERSON_NUMBER, "a person's name next to their number"),
        (CERTIFICATE_NUMBER, "a certificate or licence number"),
        (PERSONAL_PHONE, "a personal phone number"),
    )
    possible = _personal_number_patterns(texts)
    # What no text of the file holds, none of its texts holds: each text is tried only for the rest.
    found = [
        (pattern, what) for pattern, what in kinds if pattern in possible and pattern.search(texts.folded)
    ]
    if not found:
        return
    for item in texts.items:
        if item.public_contact:
            continue
        for pattern, what in found:
            if pattern.search(item.folded):
                yield Violation(
                    f"{_where(item)} holds {what}; catalog files and the site are public, so remove it "
                    "(attest certification by area in teacher_certification, and give the office's number "
                    "only)",
                    item.path,
                    line=item.line,
                )
                break


def _may_hold_address(texts: FileTexts) -> bool:
    """Whether a text of the file may hold an address EMAIL finds: not without an at sign, the
    word "at" between spaces, or "at" in brackets."""
    lowered = texts.lowered
    return "@" in lowered or "at" in lowered.split() or bool(_BRACKETED_AT.search(lowered))


def _personal_number_patterns(texts: FileTexts) -> list[re.Pattern[str]]:
    """The patterns of SDG03 that may match a text of the file: those with a phone number or
    a long number need one, a certificate number needs the word."""
    patterns = [PERSON_NUMBER, PERSONAL_PHONE] if _NUMBER_SHAPED.search(texts.folded) else []
    if any(word in texts.lowered for word in _CERTIFICATE_WORDS):
        patterns.append(CERTIFICATE_NUMBER)
    return patterns
