"""Characters and links no catalog text needs: they can break a page, a feed or a spreadsheet,
or make a family read something other than what was approved."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.law import PROCEDURE
from checks.rules.base import Context, Violation, rule
from checks.texts import HIDDEN_CHARACTERS, FileTexts
from checks.wording import character_name, ordinal


def hidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """(position, character) of each control, direction or separator character in ``text``."""
    for match in HIDDEN_CHARACTERS.finditer(text):
        yield match.start(), match.group(0)


@rule("TXT01", "no-hidden-characters", PROCEDURE, scope="text")
def no_hidden_characters(texts: FileTexts, context: Context) -> Iterator[Violation]:
    """No text holds control characters (other than line breaks and tabs), direction overrides
    or isolates, or invisible line separators. They come from copying out of other programs,
    can break the site's pages and feed, and can make a family read words in another order.

    Compliant:
        title: Algebra I

    Non-compliant:
        title: "Algebra I\\u202e"     # a right-to-left override
    """
    if not HIDDEN_CHARACTERS.search(texts.raw):
        return
    for item in texts.items:
        for position, char in hidden_characters(item.text):
            yield Violation(
                f"{'this comment' if item.line else 'this text'} holds the invisible character "
                f"{character_name(char)} as its {ordinal(position + 1)} character: delete it (it often comes "
                "from copying text out of another program)",
                item.path,
                line=item.line,
            )
            break


_LINK = re.compile(r"\b(?:http|javascript|data|vbscript|file|ftp)\s{0,3}:", re.IGNORECASE)
_LINK_REACH = len("javascript   ")  # how far before its colon a link's scheme can start


def _link_in(text: str) -> bool:
    """Whether ``text`` holds a _LINK: looked for only before each colon, as a whole scan
    tries the pattern at every character (ten times slower over a catalog)."""
    colon = text.find(":")
    while colon >= 0:
        if _LINK.search(text, max(0, colon - _LINK_REACH), colon + 1):
            return True
        colon = text.find(":", colon + 1)
    return False


@rule("TXT02", "https-links-only", PROCEDURE, scope="text")
def https_links_only(texts: FileTexts, context: Context) -> Iterator[Violation]:
    """Every web address a text gives starts with https://: the site links nothing else, so an
    http:, javascript: or data: link would silently lose its address.

    Compliant:
        description: See [our syllabus](https://riverbend.example.org/syllabus).

    Non-compliant:
        description: See [our syllabus](http://riverbend.example.org/syllabus).
    """
    if not _link_in(texts.folded):
        return
    for item in texts.items:
        if item.line is None and _LINK.search(item.folded):
            yield Violation(
                "this text links an address that does not start with https://: write it with https://",
                item.path,
            )
