"""A problem is a value: what is wrong, where, and which clause of the law it enforces."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding, located in a file. ``line``/``column`` are 1-based, or None without a position."""

    file: str
    line: int | None
    column: int | None
    code: str
    severity: Severity
    field: str
    message: str
    clause: str

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "clause": self.clause,
        }


def format_field_path(path: FieldPath) -> str:
    """``("teacher_certification", "areas", 0)`` -> ``teacher_certification.areas #1``: items are
    counted from 1, as a person counts them."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f" #{part + 1}"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True)
class Report:
    """The outcome of one check run: what was looked at and every problem found."""

    files_checked: int
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)
