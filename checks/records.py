"""Reading one YAML record file into its model, turning every fault into a located problem."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from checks.law import PROCEDURE
from checks.models.types import field_clause, nested_model
from checks.problems import FieldPath, Problem, Severity, format_field_path
from checks.yamlfile import Positions, YamlProblem, parse, read_text

M = TypeVar("M", bound=BaseModel)

SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass
class SourceFile:
    """A catalog file as read from disk; positions are parsed only when a problem needs one."""

    path: Path
    name: str
    text: str = ""
    positions: Positions = field(init=False)

    def __post_init__(self) -> None:
        self.positions = Positions(self.text)

    def problem(
        self,
        code: str,
        severity: Severity,
        path: FieldPath,
        message: str,
        clause: str,
        line: int | None = None,
        column: int | None = None,
    ) -> Problem:
        if line is None and self.text:
            line, column = self.positions.of(path)
        return Problem(
            file=self.name,
            line=line,
            column=column,
            code=code,
            severity=severity,
            field=format_field_path(path),
            message=message,
            clause=clause,
        )


def read_record(path: Path, name: str, model: type[M]) -> tuple[SourceFile, M | None, list[Problem]]:
    """The file, its record (None when it cannot be read or validated) and every problem."""
    source = SourceFile(path, name)
    try:
        source = SourceFile(path, name, read_text(path))
        data = parse(source.text)
    except YamlProblem as exc:
        return source, None, [_file_problem(source, exc.code, exc.message, exc.line, exc.column)]
    problems = []
    if not source.text.startswith(SCHEMA_COMMENT):
        problems.append(
            source.problem(
                "FMT01",
                Severity.WARNING,
                (),
                f"the first line should be '{SCHEMA_COMMENT}...' so editors can check the file "
                "as you type: copy it from any other file of the same kind",
                PROCEDURE,
                line=1,
                column=1,
            )
        )
    if not isinstance(data, dict):
        found = "empty" if data is None else f"a {type(data).__name__}, not a set of fields"
        problems.append(
            _file_problem(source, "YML03", f"the file is {found}: write one 'field: value' per line")
        )
        return source, None, problems
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_schema_problem(source, model, error) for error in exc.errors())
        return source, None, problems
    return source, record, problems


def _file_problem(
    source: SourceFile, code: str, message: str, line: int | None = None, column: int | None = None
) -> Problem:
    return source.problem(code, Severity.ERROR, (), message, PROCEDURE, line=line, column=column)


def _schema_problem(source: SourceFile, model: type[BaseModel], error: ErrorDetails) -> Problem:
    path: FieldPath = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    if kind == "missing":
        code, message = "SCH01", f"the required field '{path[-1]}' is missing: add it"
        description = _description(model, path)
        if description:
            message += f" ({description})"
    elif kind == "extra_forbidden":
        code, message = "SCH02", _unknown_field_message(model, path)
    else:
        code, message = "SCH03", _value_message(error)
    return source.problem(code, Severity.ERROR, path, message, field_clause(model, path) or PROCEDURE)


def _unknown_field_message(model: type[BaseModel], path: FieldPath) -> str:
    name = str(path[-1])
    parent = _model_at(model, path[:-1])
    known = list(parent.model_fields) if parent else []
    message = f"'{name}' is not a field of this record"
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"{message}: did you mean '{close[0]}'?"
    if known:
        message += f"; the fields here are: {', '.join(known)}"
    return message


def _value_message(error: ErrorDetails) -> str:
    text = str(error["msg"]).removeprefix("Value error, ")
    found: Any = error.get("input")
    if error["type"] == "string_type" and isinstance(found, int | float):
        return f'this should be text, not a number: write it in quotes, like "{found}"'
    if "found" not in text and not isinstance(found, dict | list) and found is not None:
        shown = repr(found)
        text += f" (found {shown[:80]}{'...' if len(shown) > 80 else ''})"
    return text[0].lower() + text[1:] if text else text


def _model_at(model: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = nested_model(info.annotation) if info else None
    return current


def _description(model: type[BaseModel], path: FieldPath) -> str:
    parent = _model_at(model, path[:-1])
    info = parent.model_fields.get(str(path[-1])) if parent else None
    return (info.description or "") if info else ""


def error_summaries(exc: ValidationError) -> list[str]:
    """Each validation error as ``field.path: message``, for one-line refusals."""
    return [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
