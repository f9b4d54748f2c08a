"""Submitter text to safe HTML: a small Markdown subset, then a sanitizer as a second wall.

Descriptions may use paragraphs, lists, *emphasis*, `code` and links. Raw HTML shows as text;
links other than https lose their address; every link gets ``rel="noopener noreferrer"``.
Characters no page needs (controls, direction overrides) are taken out of every page a
template renders (``visible``).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import nh3
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup

from checks.terms import long_date
from checks.texts import HIDDEN_CHARACTERS

_MARKDOWN = MarkdownIt("zero").enable(["emphasis", "list", "link", "backticks"])
_TAGS = {"p", "ul", "ol", "li", "em", "strong", "code", "a"}
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
_SCHEMES = {"https"}  # TXT02 refuses other links; the sanitizer drops any that get here
# libyaml's emitter: the same text as PyYAML's own (a test holds it), five times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def safe_markdown(text: str) -> str:
    """HTML for a submitter's Markdown text."""
    return _safe(_MARKDOWN.render(text))


def plain_text(text: str) -> str:
    """A submitter's Markdown text as plain text on one line (for summaries and JSON-LD)."""
    return _plain(_MARKDOWN.render(text))


def markdown_forms(text: str) -> tuple[str, str]:
    """``safe_markdown(text)`` and ``plain_text(text)`` from one rendering of the Markdown."""
    if not text:  # most optional texts: nothing to render
        return "", ""
    rendered = _MARKDOWN.render(text)
    return _safe(rendered), _plain(rendered)


def _safe(rendered: str) -> str:
    return nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES)


def _plain(rendered: str) -> str:
    return " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())


_FRONT_WIDTH = 1_000_000  # (no line is folded)
# Printable ASCII but '"' and '\': what the emitter writes unchanged between double quotes. Most
# titles are only that, and quoted here they cost a tenth of a course page's rendering less.
AS_IS_IN_DOUBLE_QUOTES = r"[ !#-\[\]-~]*"
_AS_IS = re.compile(AS_IS_IN_DOUBLE_QUOTES)


def time_element(day: dt.date | None) -> Markup:
    """A day as a page shows it: ``<time datetime="2027-01-01">January 1, 2027</time>``. A
    function, not a template macro: a course page shows several (each term's, its approval's
    and its renewal's), and a macro call costs twice what this does."""
    if not day:
        return Markup("not recorded")
    return Markup(f'<time datetime="{day.isoformat()}">{long_date(day)}</time>')  # noqa: S704 (a date's own words) # nosec B704


def front_matter_text(text: str) -> Markup:
    """A double-quoted YAML string for page front matter, written by a YAML emitter (which
    escapes every character YAML does not allow raw, so MkDocs always reads the front matter as
    front matter), or as it would write it. MkDocs themes print a page's title and description
    into HTML unescaped, so the text is HTML-escaped here, once. Hidden characters go first:
    written as YAML escapes, they would pass ``visible`` and be read back as themselves."""
    escaped = html.escape(" ".join(HIDDEN_CHARACTERS.sub("", text).split()), quote=True)
    if len(escaped) < _FRONT_WIDTH and _AS_IS.fullmatch(escaped):
        return Markup(f'"{escaped}"')  # noqa: S704 (escaped above) # nosec B704
    quoted = yaml.dump(escaped, Dumper=_DUMPER, default_style='"', allow_unicode=True, width=_FRONT_WIDTH)
    return Markup(quoted.removesuffix("\n"))  # noqa: S704 (escaped above) # nosec B704


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def heading_text(text: str) -> Markup:
    """Text for a Markdown heading line: HTML-escaped, and Markdown punctuation backslashed so
    it stays literal. (Headings are Markdown so the theme's skip link and contents see them.)"""
    escaped = html.escape(" ".join(text.split()), quote=False)
    literal = _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)
    return Markup(literal)  # noqa: S704 (escaped above) # nosec B704


_LITERAL = re.compile(r"``(.+?)``")


def code_spans(text: str) -> Markup:
    """Text whose ``literal`` parts (as rule docstrings write them) become <code>, the rest
    escaped."""
    escaped = html.escape(text, quote=False)
    return Markup(_LITERAL.sub(r"<code>\1</code>", escaped))  # noqa: S704 (escaped above) # nosec B704


def visible(page: str) -> str:
    """A rendered page without control, direction-override or line-separator characters. Taken
    out of the whole page at once: for characters removed one by one, the same as out of each
    value the template printed, and a third of a page's rendering cheaper than value by value."""
    return HIDDEN_CHARACTERS.sub("", page)


# One encoder for every page (json.dumps with options makes one per call).
_compact_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode

# How JSON writes the controls other than tab and line feed (the rest of the hidden characters
# it writes as they are, for ``visible``); an escaped backslash before b, f or r also matches.
_ESCAPED_CONTROL = re.compile(r"\\(?:u00[01][0-9a-f]|[bfr])")


def script_json(value: object) -> Markup:
    """JSON safe to place inside a <script> element: no '<', '>' or '&' can end it early, and no
    hidden character (written as a JSON escape, it would pass ``visible``)."""
    text = _compact_json(value)
    if _ESCAPED_CONTROL.search(text):  # rarely: written again without them
        text = _compact_json(_without_hidden(value))
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(safe)  # noqa: S704 (no markup character left) # nosec B704


def _without_hidden(value: object) -> object:
    """``value`` with hidden characters taken out of every string in it, keys included."""
    if isinstance(value, str):
        return HIDDEN_CHARACTERS.sub("", value)
    if isinstance(value, dict):
        return {_without_hidden(key): _without_hidden(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_hidden(item) for item in value]
    return value
