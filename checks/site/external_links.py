"""A Markdown extension for the site's own pages: links that leave the site get
``rel="noopener noreferrer"``, as the submitter text's links already do (checks.site.markup),
so no page the site links to learns where the visitor came from or can reach back into it.

Enabled in mkdocs.yml as ``checks.site.external_links``.
"""

from __future__ import annotations

from urllib.parse import urlparse

# Walks the tree Markdown built; parses nothing.
from xml.etree.ElementTree import Element  # nosec B405

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

REL = "noopener noreferrer"


class _ExternalLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            if urlparse(link.get("href", "")).scheme in {"http", "https"}:
                link.set("rel", REL)


class ExternalLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After inline links are made (priority 20) and before the output is serialized.
        md.treeprocessors.register(_ExternalLinks(md), "mocap_external_links", 5)


def makeExtension(**kwargs: object) -> ExternalLinksExtension:
    return ExternalLinksExtension(**kwargs)
