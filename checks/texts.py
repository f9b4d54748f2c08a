"""Every text a submitter wrote in a file, and that text folded for matching.

The walk is over the file's own data, not a list of fields: every string at any depth (a
field's value, an item of a list, a value in a nested block, a field's name) and every
comment, whether or not the file validates. A field added to a model tomorrow is covered
without anyone remembering it.

``fold`` undoes the disguises a pattern would otherwise miss: compatibility forms (full-width
digits and signs), digits of other scripts, invisible formatting characters splitting a number,
dashes and spaces of every kind, HTML entities and percent-encoding.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

from checks.problems import FieldPath
from checks.yamlfile import scan_comments

# Characters no catalog text needs, shown or removed wherever text is written out: controls
# other than tab and line feed, direction embeddings, overrides and isolates, line separators.
HIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u00ad]")
_SPACES = re.compile(r"[^\S\n]+")


def fold(text: str) -> str:
    """``text`` as plain characters for matching: full-width digits, a zero-width space between
    digits and a Unicode hyphen all become what a pattern expects (``123-45-6789``)."""
    if "&" in text:
        text = html.unescape(text)
    if "%" in text:
        text = unquote(text)
    if text.isascii():  # the common case, which needs none of the rest
        return _SPACES.sub(" ", text) if "\t" in text or "  " in text else text
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", _DASHES.sub("-", "".join(_plain(c) for c in text)))


def _plain(char: str) -> str:
    if char.isascii():
        return char
    if unicodedata.category(char) == "Cf":
        return ""  # zero-width spaces and joiners, soft hyphens, direction marks
    digit = unicodedata.decimal(char, None)
    return str(digit) if digit is not None else char


@dataclass(frozen=True, slots=True)
class TextItem:
    """One text of a file: a value or field name at ``path``, or a comment on ``line``."""

    text: str
    folded: str
    path: FieldPath = ()
    line: int | None = None  # set for a comment
    public_contact: bool = False  # a field made for an organization's public e-mail or phone


def _names(path: FieldPath) -> tuple[str, ...]:
    return tuple(str(p) for p in path if isinstance(p, str))


def texts_of(
    data: object,
    text: str,
    contact: frozenset[tuple[str, ...]] = frozenset(),
    field_names: frozenset[str] = frozenset(),
) -> list[TextItem]:
    """Every string in ``data`` (a parsed file) with its field path, then every comment of
    ``text`` (the file) with its line. ``contact`` names the public contact fields; a key that
    is one of ``field_names`` is the model's own word, not the writer's, and is passed over."""
    found: list[TextItem] = []
    last_names = {names[-1] for names in contact}
    stack: list[tuple[object, FieldPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            public = bool(path) and path[-1] in last_names and _names(path) in contact
            found.append(TextItem(value, fold(value), path, public_contact=public))
        elif isinstance(value, dict):
            for key, item in value.items():
                here = (*path, str(key))
                if isinstance(key, str) and key not in field_names:
                    found.append(TextItem(key, fold(key), here))
                if not isinstance(item, bool | int | float | dt.date):  # no text in these
                    stack.append((item, here))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
    values = "\n".join(item.text for item in found)
    for line, comment in scan_comments(text):
        if comment.rstrip(" '\"") not in values:  # a '#' inside a value is that value's, already read
            found.append(TextItem(comment, fold(comment), line=line))
    return found
