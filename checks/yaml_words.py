"""YAML syntax errors in plain words: what the line should look like, with an example, and
the line where the fault most likely is (the parser often notices it a line or two later).

The parser's own words ("while parsing a block mapping did not find expected key") mean
nothing to a registrar; each error class the parser raises gets a sentence of its own here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from checks.wording import character_name

TAB_HINT = "YAML does not allow tab characters for indentation: indent with spaces"
NESTING_HINT = "A catalog file nests a few levels at most; check its brackets and indentation"
_FALLBACK = (
    "check this line for a missing ':', a quote that is not closed, or an indentation that does not match"
)


@dataclass(frozen=True)
class Located:
    message: str
    line: int | None  # 1-based
    column: int | None


def explain(exc: yaml.YAMLError, text: str) -> Located:
    """The plain-words message for a syntax error in ``text``, where it most likely is."""
    if isinstance(exc, yaml.reader.ReaderError):
        at_line = text.count("\n", 0, exc.position) + 1
        at_column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        return Located(
            f"this line holds the invisible character {character_name(char)}: delete it (it often comes "
            "from copying text out of another program)",
            at_line,
            at_column,
        )
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Located(f"this is not valid YAML: {exc}", None, None)
    mark = exc.problem_mark or exc.context_mark
    line = None if mark is None else mark.line + 1
    column = None if mark is None else mark.column + 1
    lines = text.splitlines()
    here = lines[line - 1] if line and line <= len(lines) else ""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    if "\t" in here:
        return Located(f"this line has a tab character. {TAB_HINT}", line, column)
    if "nesting depth" in problem:
        return Located(
            f"this is not valid YAML: {context} {problem}. {NESTING_HINT}".replace("  ", " "), line, column
        )
    for matches, explainer in _EXPLAINERS:
        if matches(problem, context):
            found = explainer(exc, lines, line)
            if found is not None:
                return found
    return Located(
        f"this is not valid YAML ({' '.join(p for p in (context, problem) if p)}): {_FALLBACK}", line, column
    )


def _mark_of(mark: yaml.Mark | None) -> tuple[int | None, int | None]:
    return (None, None) if mark is None else (mark.line + 1, mark.column + 1)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _previous_field(lines: list[str], line: int) -> tuple[int, str] | None:
    """The nearest line above ``line`` that holds something other than a comment."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return number, text
    return None


def _indented_further(lines: list[str], line: int) -> Located | None:
    """A line indented under a field that already has its value."""
    here = lines[line - 1]
    above = _previous_field(lines, line)
    if above is None or _indent(here) <= _indent(above[1]) or above[1].rstrip().endswith(":"):
        return None
    name = above[1].strip().split(":")[0].lstrip("- ")
    return Located(
        f"this line is indented further than the line above ('{name}'), which already has its value: "
        "line the field up with the fields around it, using the same number of spaces",
        line,
        _indent(here) + 1,
    )


def _second_colon(exc: yaml.MarkedYAMLError, lines: list[str], line: int | None) -> Located | None:
    """``description: Algebra: the basics`` or a line indented under a field that has a value."""
    if line is None:
        return None
    here = lines[line - 1]
    key, _, value = here.partition(": ")
    further = _indented_further(lines, line)
    if further:
        return further
    if ": " in value or value.rstrip().endswith(":"):
        field = key.strip()
        return Located(
            f"the value of '{field}' holds a colon followed by a space, which YAML reads as a new field: "
            f'put the whole value in double quotes, for example {field}: "{value.strip()}"',
            line,
            len(key) + 3,
        )
    return None


def _no_colon(exc: yaml.MarkedYAMLError, lines: list[str], line: int | None) -> Located | None:
    start, _ = _mark_of(exc.context_mark)
    where = start or line
    if where is None:
        return None
    text = lines[where - 1].strip() if where <= len(lines) else ""
    return Located(
        f"'{text[:60]}' has no ':' after the field name: write it as 'name: value'; or, if it continues "
        "the text of the field above, indent it under that field or put that field's whole text in quotes",
        where,
        1,
    )


def _unclosed_quote(exc: yaml.MarkedYAMLError, lines: list[str], line: int | None) -> Located | None:
    start, column = _mark_of(exc.context_mark)
    if start is None:
        return None
    return Located(
        f"the quote that opens on line {start} is never closed: end the text with the same quote mark",
        start,
        column,
    )


def _block_mapping(exc: yaml.MarkedYAMLError, lines: list[str], line: int | None) -> Located | None:
    if line is None:
        return None
    here = lines[line - 1] if line <= len(lines) else ""
    further = _indented_further(lines, line) if here else None
    if further:
        return further
    if re.search(r":\s*'[^']*'[^'\s]", here):
        field = here.strip().split(":")[0]
        return Located(
            f"the value of '{field}' is in single quotes and holds an apostrophe, which ends it early: "
            "put the value in double quotes instead, or write the apostrophe twice ('')",
            line,
            1,
        )
    return Located(
        "this line does not line up with the fields around it: indent it with the same number of spaces "
        "as the field above (or check for a quote or bracket left open on the line before)",
        line,
        1,
    )


def _flow(exc: yaml.MarkedYAMLError, lines: list[str], line: int | None) -> Located | None:
    start, column = _mark_of(exc.context_mark)
    closer = "]" if "sequence" in str(exc.context) else "}"
    opener = "[" if closer == "]" else "{"
    return Located(
        f"the '{opener}' that opens on line {start} is not closed with '{closer}', or two of its items have "
        "no comma between them",
        start or line,
        column,
    )


def _bad_start(exc: yaml.MarkedYAMLError, lines: list[str], line: int | None) -> Located | None:
    if line is None or exc.problem_mark is None:
        return None
    here = lines[line - 1] if line <= len(lines) else ""
    char = here[exc.problem_mark.column : exc.problem_mark.column + 1]
    field = here.strip().split(":")[0]
    return Located(
        f"a value cannot start with '{char}' in YAML: put the whole value in double quotes, for example "
        f'{field}: "{here.partition(":")[2].strip()}"',
        line,
        exc.problem_mark.column + 1,
    )


def _dash_value(exc: yaml.MarkedYAMLError, lines: list[str], line: int | None) -> Located | None:
    return Located(
        "a value cannot start with '- ' on the line of its field: put it in double quotes, or put the "
        "list's items on the lines below, each starting with '- '",
        line,
        None,
    )


Explainer = Callable[[yaml.MarkedYAMLError, list[str], int | None], Located | None]
_EXPLAINERS: tuple[tuple[Callable[[str, str], bool], Explainer], ...] = (
    (lambda p, c: "mapping values are not allowed" in p, _second_colon),
    (lambda p, c: "could not find expected ':'" in p, _no_colon),
    (lambda p, c: "quoted scalar" in c, _unclosed_quote),
    (lambda p, c: "block mapping" in c and "expected key" in p, _block_mapping),
    (lambda p, c: "flow sequence" in c or "flow mapping" in c, _flow),
    (lambda p, c: "cannot start any token" in p, _bad_start),
    (lambda p, c: "block sequence entries are not allowed" in p, _dash_value),
)
