"""Submitters' Markdown texts, each rendered once as safe HTML and as plain text
(checks.site.markup). A catalog of 10,000 courses has 30,000 such texts, and rendering them
is most of the time its course views take: an incremental build keeps them in its work folder
from one run to the next, so only a new or changed text is rendered again. Kept as JSON, with
the texts of the last run only; the Markdown library's versions are in the work folder's
fingerprint (checks.site.incremental), so a new version renders every text again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from checks.shares import shared_map
from checks.site.markup import markdown_forms

_VERSION = 1


class RenderedTexts:
    """Texts as ``html`` and ``plain`` text; ``known``: what the last run rendered, and what this
    one prepared."""

    def __init__(self, known: dict[str, tuple[str, str]] | None = None) -> None:
        self._known = known or {}
        self._used: dict[str, tuple[str, str]] = {}

    @classmethod
    def read(cls, path: Path) -> RenderedTexts:
        """The texts written at ``path``; none when there are none or they cannot be read."""
        try:
            held = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        texts = held.get("texts") if isinstance(held, dict) and held.get("version") == _VERSION else None
        if not isinstance(texts, dict):
            return cls()
        return cls(
            {
                text: (forms[0], forms[1])
                for text, forms in texts.items()
                if isinstance(forms, list) and len(forms) == 2 and all(isinstance(f, str) for f in forms)
            }
        )

    def write(self, path: Path) -> None:
        """The texts of this run (those no longer used are forgotten)."""
        spare = path.with_name(f".{path.name}.writing")
        spare.write_text(json.dumps({"version": _VERSION, "texts": self._used}), encoding="utf-8")
        spare.replace(path)

    def following(self) -> RenderedTexts:
        """What the next run would read from what ``write`` writes, without the writing and
        reading."""
        return RenderedTexts(dict(self._used))

    def prepare(self, texts: Iterable[str]) -> None:
        """The ``texts`` this run uses, those not known yet rendered before they are asked for
        one by one: a whole build's thousands in two processes (checks.shares)."""
        used = dict.fromkeys(texts)
        due = [text for text in used if text not in self._known]
        self._known.update(zip(due, shared_map(markdown_forms, due), strict=True))
        self._used.update((text, self._known[text]) for text in used)

    def html(self, text: str) -> str:
        return self._forms(text)[0]

    def plain(self, text: str) -> str:
        return self._forms(text)[1]

    def _forms(self, text: str) -> tuple[str, str]:
        forms = self._used.get(text) or self._known.get(text) or markdown_forms(text)
        self._used[text] = forms
        return forms
