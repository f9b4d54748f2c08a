"""Submitter text to safe HTML: a small Markdown subset, then a sanitizer as a second wall.

Descriptions may use paragraphs, lists, *emphasis*, `code` and links. Raw HTML shows as text;
links other than https, http and mailto lose their address; every link gets
``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import html
import json
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("zero").enable(["emphasis", "list", "link", "backticks"])
_TAGS = {"p", "ul", "ol", "li", "em", "strong", "code", "a"}
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
_SCHEMES = {"https", "http", "mailto"}


def safe_markdown(text: str) -> str:
    """HTML for a submitter's Markdown text."""
    return nh3.clean(_MARKDOWN.render(text), tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES)


def plain_text(text: str) -> str:
    """A submitter's Markdown text as plain text on one line (for summaries and JSON-LD)."""
    return " ".join(html.unescape(nh3.clean(_MARKDOWN.render(text), tags=set())).split())


def front_matter_text(text: str) -> Markup:
    """A quoted YAML string for page front matter. MkDocs themes print a page's title and
    description into HTML unescaped, so the text is HTML-escaped here, once."""
    quoted = json.dumps(html.escape(" ".join(text.split()), quote=True), ensure_ascii=False)
    return Markup(quoted)  # noqa: S704 (escaped above) # nosec B704


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def heading_text(text: str) -> Markup:
    """Text for a Markdown heading line: HTML-escaped, and Markdown punctuation backslashed so
    it stays literal. (Headings are Markdown so the theme's skip link and contents see them.)"""
    escaped = html.escape(" ".join(text.split()), quote=False)
    return Markup(_MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped))  # noqa: S704 (escaped above) # nosec B704


def script_json(value: object) -> Markup:
    """JSON safe to place inside a <script> element: no '<', '>' or '&' can end it early."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(safe)  # noqa: S704 (no markup character left) # nosec B704
