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

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import unquote

from pydantic import BaseModel

from checks.models.types import contact_paths, field_names, optional_paths
from checks.problems import FieldPath
from checks.yamlfile import scan_comments

# Characters no catalog text needs, shown or removed wherever text is written out: controls
# other than tab and line feed, direction embeddings, overrides and isolates, line separators.
HIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u00ad]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACES = re.compile(r"[^\S\n]+")
# The characters a pattern ignoring case takes for an ASCII letter (Python's re) that
# str.lower() does not make that letter: the dotted and dotless i, the long s.
_CASE_PARTNERS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def lowered_text(text: str) -> str:
    """``text`` in lower case, with each letter a pattern ignoring case takes for an ASCII
    letter written as that letter: a word (in lower case) not found in it cannot match a
    pattern that spells it out, and a substring search is many times faster than a scan."""
    return text.translate(_CASE_PARTNERS).lower()


def fold(text: str) -> str:
    """``text`` as plain characters for matching: full-width digits, a zero-width space between
    digits and a Unicode hyphen all become what a pattern expects (``123-45-6789``)."""
    if "&" in text:
        text = html.unescape(text)
    if "%" in text:
        text = unquote(text)
    if text.isascii():  # the common case, which needs none of the rest
        return _SPACES.sub(" ", text) if "\t" in text or "  " in text else text
    text = _NON_ASCII.sub(_plain, unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", _DASHES.sub("-", text))


def _plain(match: re.Match[str]) -> str:
    char = match.group(0)
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
    optional: bool = False  # a value of a field the record may leave out


def _names(path: FieldPath) -> tuple[str, ...]:
    return tuple(str(p) for p in path if isinstance(p, str))


class FileTexts:
    """Every text of one file read as ``model``: every string in its parsed ``data`` (values at
    any depth, and field names other than the model's own), and every comment of its ``text``.
    Items in the model's public contact fields (an organization's e-mail or phone) say so.

    ``raw`` and ``folded`` join all of them, so a rule whose pattern finds nothing in the whole
    file is done in one search; ``items`` (each text with its field path or comment line) are
    made only for a file where a rule may find something. A pattern that matches inside one
    text matches in the joined text too: texts are joined by line breaks, which no pattern
    crosses at its edges."""

    def __init__(self, data: object, text: str, model: type[BaseModel] | None = None):
        self._data, self._text, self.model = data, text, model
        self._contact = contact_paths(model) if model else frozenset()
        self._field_names = field_names(model) if model else frozenset()
        self._optional = optional_paths(model) if model else frozenset()

    @cached_property
    def _strings(self) -> list[str]:
        found: list[str] = []
        stack = [self._data]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict):
                found.extend(k for k in value if isinstance(k, str) and k not in self._field_names)
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
        return found

    @cached_property
    def _comments(self) -> list[tuple[int, str]]:
        values = "\n".join(self._strings)
        # A '#' inside a value belongs to that value, which is read already.
        return [(line, c) for line, c in scan_comments(self._text) if c.rstrip(" '\"") not in values]

    @cached_property
    def raw(self) -> str:
        return "\n".join([*self._strings, *(c for _, c in self._comments)])

    @cached_property
    def folded(self) -> str:
        return fold(self.raw)

    @cached_property
    def lowered(self) -> str:
        return lowered_text(self.folded)

    @cached_property
    def items(self) -> list[TextItem]:
        found: list[TextItem] = []
        contact, last_names = self._contact, {names[-1] for names in self._contact}
        stack: list[tuple[object, FieldPath]] = [(self._data, ())]
        while stack:
            value, path = stack.pop()
            if isinstance(value, str):
                names = _names(path)
                public = bool(path) and path[-1] in last_names and names in contact
                optional = names in self._optional
                found.append(TextItem(value, fold(value), path, public_contact=public, optional=optional))
            elif isinstance(value, dict):
                for key, item in value.items():
                    here = (*path, str(key))
                    if isinstance(key, str) and key not in self._field_names:
                        found.append(TextItem(key, fold(key), here))
                    stack.append((item, here))
            elif isinstance(value, list):
                stack.extend((item, (*path, index)) for index, item in enumerate(value))
        found += [TextItem(comment, fold(comment), line=line) for line, comment in self._comments]
        return found
