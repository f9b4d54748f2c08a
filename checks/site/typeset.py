"""Setting one printed catalog as a PDF with Typst, in a process of its own (the build runs it
beside its other stages and can stop it):
``python -m checks.site.typeset [--lifeline] ROOT TEMPLATE DATA PDF``.

The template reads the catalog's data (JSON, checks/site/printed.py) from ``sys.inputs.data``
and may read nothing outside ROOT (the repository). The PDF is tagged (headings, tables with
their header row, the document's title and language). Its text is set in a font Typst carries;
a character that font lacks comes from the machine's fonts, and one no font has is left blank.
It is not held to PDF/UA-1, which would refuse the whole catalog for one such character (a
course named in Chinese on a machine without a Chinese font). Exit 0 when the PDF is written,
1 with one line on standard error saying why not (the template's place first).

With ``--lifeline`` (as the build runs it) it ends at once when its standard input ends: the
build holds the other end of that pipe, so a build that ends in any way (stopped, killed) ends
this process too. It runs in a session of its own, which neither Ctrl-C nor a closed terminal
reaches.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from pathlib import Path

import typst

# Where Typst's diagnostic places the fault, from the working folder: "┌─ site/templates/printed.typ:12:5".
_PLACE = re.compile(r"┌─ (\S+:\d+:\d+)")


def typeset(root: Path, template: Path, data: Path, pdf: Path) -> str | None:
    """Set ``template`` with ``data`` into ``pdf``; None, or why it could not."""
    try:
        typst.compile(
            str(template),
            output=str(pdf),
            root=str(root),
            sys_inputs={"data": data.read_text(encoding="utf-8")},
        )
    except typst.TypstError as exc:
        place = _PLACE.search(exc.diagnostic)
        hints = "".join(f" ({hint})" for hint in exc.hints)
        return f"{_within(root, place.group(1)) + ': ' if place else ''}{exc.message}{hints}"
    return None


def _within(root: Path, place: str) -> str:
    """A place Typst gives from the working folder, with its column counted from 0
    ("../repo/site/x.typ:3:4"), from ``root`` (the template reads no file outside it) and with
    its column counted from 1 as editors do ("site/x.typ:3:5")."""
    file, line, column = place.rsplit(":", 2)
    return f"{Path(file).resolve().relative_to(root.resolve()).as_posix()}:{line}:{int(column) + 1}"


LIFELINE = "--lifeline"
_USAGE = f"usage: python -m checks.site.typeset [{LIFELINE}] ROOT TEMPLATE DATA PDF"


def _end_with_the_build() -> None:
    """Read the build's pipe to its end, which comes when the build ends, then end at once
    (Typst, busy in another thread, lets go of Python's lock while it sets)."""
    while os.read(0, 4096):
        pass
    os.write(2, b"the build that started this typesetting has ended, so it stopped\n")
    os._exit(1)


def main(argv: list[str]) -> int:
    lifeline = argv[:1] == [LIFELINE]
    paths = [Path(arg) for arg in argv[lifeline:]]
    if len(paths) != 4:
        print(_USAGE, file=sys.stderr)
        return 2
    if lifeline:
        threading.Thread(target=_end_with_the_build, daemon=True).start()
    failed = typeset(*paths)
    if failed:
        print(failed, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
