"""Nothing unfinished is published: the scaffold's own placeholders, and texts that stand in
for an answer not yet given."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.law import PROCEDURE
from checks.models.types import field_description
from checks.rules.base import Context, Violation, rule
from checks.texts import FileTexts, TextItem, lowered_text

# What ``./mocap new`` writes where the writer must answer: unmistakable, and on the domain
# reserved for addresses that can never be real (RFC 2606), so the demo's example.org stays valid.
PLACEHOLDER_MARK = "REPLACE:"
PLACEHOLDER_DOMAIN = "replace-me.invalid"
_INVALID_HOST = re.compile(r"https?://[^/\s]*\.invalid\b", re.IGNORECASE)
_STAND_INS = re.compile(
    r"(?:tbd|tba|todo|to ?do|to be (?:determined|announced|added|confirmed)|fill(?: me)? in|placeholder|"
    r"replace (?:me|this)|coming soon|x{2,}|\?+|-+|\.+|asdf|test|sample text|lorem ipsum\b.*)",
    re.IGNORECASE | re.DOTALL,
)
_NOTHING = re.compile(r"(?:n/?a|none|nil|no|nothing)", re.IGNORECASE)
# A line that may be one of those once stripped of spaces, dots and exclamation marks: one scan
# of a file, not a strip and two matches for each of its lines (twice as fast over a catalog).
# Possessive, and its spaces end at the line: else a run of dots or of blank lines is split
# every possible way (minutes for a few thousand, hours for a file of the largest size).
_MAYBE_STAND_IN = re.compile(
    rf"^[^\S\n]*+[.!]*+(?:{_STAND_INS.pattern}|{_NOTHING.pattern})[.!]*+[^\S\n]*+$",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)


def _problem(item: TextItem, asked: str) -> str:
    text = item.text.strip().strip(".!")
    if PLACEHOLDER_MARK in item.text or _INVALID_HOST.search(item.text):
        return f"this is what ./mocap new wrote for you to replace: write your own answer here{asked}"
    if _STAND_INS.fullmatch(text):
        return f"'{text[:40]}' stands in for an answer: write the real one before submitting"
    if _NOTHING.fullmatch(text) and isinstance(item.path[-1], int):
        return f"'{text}' is not an item: write an empty list, [], when there is nothing to list"
    if _NOTHING.fullmatch(text) and not item.optional:
        return f"'{text}' is not an answer to a required field: write what the field asks for"
    return ""


@rule("PLH01", "no-placeholder", PROCEDURE, scope="text")
def no_placeholder(texts: FileTexts, context: Context) -> Iterator[Violation]:
    """No field still holds a placeholder: what ``./mocap new`` writes for the writer to replace
    (texts marked ``REPLACE:``, addresses on ``replace-me.invalid``), or a stand-in such as TBD,
    TODO, "lorem ipsum", ``?`` or N/A where a real answer is required (an optional field left
    with nothing to say is simply left out; a list with nothing in it is ``[]``).

    Compliant:
        description: Extra practice with units, exponents and equations.

    Non-compliant:
        description: "REPLACE: what students learn and how the course runs."
    """
    for item in texts.items if _maybe(texts) else ():
        if item.line is None and item.path and isinstance(item.path[-1], str | int):
            described = field_description(texts.model, item.path) if texts.model else ""
            message = _problem(item, f" ({described})" if described else "")
            if message and not _is_key(item):
                yield Violation(message, item.path)


def _maybe(texts: FileTexts) -> bool:
    raw = texts.raw
    return PLACEHOLDER_MARK in raw or ".invalid" in lowered_text(raw) or bool(_MAYBE_STAND_IN.search(raw))


def _is_key(item: TextItem) -> bool:
    """A field name the writer typed (told by SCH02), not a value."""
    return isinstance(item.path[-1], str) and item.path[-1] == item.text
