"""Reading one YAML record file into its model, turning every fault into a located problem."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from checks.memo import FileMemo, text_digest
from checks.models.types import field_clause, field_description, field_info, model_at
from checks.problems import FieldPath, Problem, Severity, format_field_path
from checks.rules.base import Rule
from checks.rules.loading import INVALID_YAML, MISSING_FIELD, NOT_A_RECORD, UNKNOWN_FIELD, WRONG_VALUE
from checks.rules.loading import SCHEMA_COMMENT as SCHEMA_COMMENT_RULE
from checks.shares import Sent
from checks.wording import value_message
from checks.yamlfile import Positions, YamlProblem, opened, parse_tree, read_open_text, read_text

M = TypeVar("M", bound=BaseModel)

SCHEMA_COMMENT = "# yaml-language-server: $schema="
MAX_UNKNOWN_TOLD = 50  # unknown fields told one by one; any more are summed up in one problem


@dataclass
class SourceFile:
    """A catalog file as read from disk; positions are parsed only when a problem needs one.
    A file a memo recalled by its state (checks.memo) holds no text (None) until it is asked
    for, and is read then: if it changed during the build, the problems located in it are
    located in its new text (the next build reads it again); if it cannot be read any more,
    they are not located at all."""

    path: Path
    name: str
    held_text: str | None = ""
    data: object = None  # what the text holds, once parsed
    model: type[BaseModel] | None = None  # the record type the file is read as
    # The text's digest, once known (by a memo, without the text); not copied by
    # dataclasses.replace, which may give the copy another text.
    held_digest: str | None = field(default=None, init=False)

    @property
    def text(self) -> str:
        """The file's text, read now if it was not."""
        if self.held_text is None:
            try:
                self.held_text = read_text(self.path)
            except (OSError, YamlProblem):
                self.held_text = ""
        return self.held_text

    @property
    def digest(self) -> str:
        """The text's digest (checks.memo.text_digest), which names it in the memo and in the
        digests of the pages made from it (checks.site.fingerprints)."""
        if self.held_digest is None:
            self.held_digest = text_digest(self.text)
        return self.held_digest

    @cached_property
    def positions(self) -> Positions:
        return Positions(self.text)

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


def read_record(
    path: Path, name: str, model: type[M], memo: FileMemo | None = None
) -> tuple[SourceFile, M | None, list[Problem]]:
    """The file, its record (None when it cannot be read or validated) and every problem. An
    unexpected fault is that file's problem (INT01), so the other files are still read. With a
    ``memo``, a file whose text it holds is not parsed again, and what is read is kept in it."""
    try:
        return _read_record(path, name, model, memo)
    except Exception as exc:  # one file's fault must not stop the others
        # Imported here: the rules package imports the loaders.
        from checks.rules.loading import INTERNAL_FAULT, fault_message  # noqa: PLC0415

        message = fault_message("reading this file", exc)
        fault = INTERNAL_FAULT
        problem = SourceFile(path, name).problem(
            fault.code, fault.severity, (), message, fault.clause, line=1, column=1
        )
        return SourceFile(path, name), None, [problem]


def _packed(
    read: tuple[SourceFile, BaseModel | None, list[Problem]],
) -> tuple[SourceFile, bool, list[Problem]]:
    source, record, problems = read
    return source, record is not None, problems


def _unpacked(
    packed: tuple[SourceFile, bool, list[Problem]],
) -> tuple[SourceFile, BaseModel | None, list[Problem]]:
    source, valid, problems = packed
    record = source.model.model_validate(source.data) if valid and source.model else None
    return source, record, problems


# read_record's results, read without a memo, from another process: a record comes as the data
# it was validated from, and is validated again here (as it was there: validation depends on
# the data alone). A record a memo recalled has no data: a read with one is not shared out.
RECORD_SENT = Sent(_packed, _unpacked)


def _read_record(
    path: Path, name: str, model: type[M], memo: FileMemo | None
) -> tuple[SourceFile, M | None, list[Problem]]:
    source = SourceFile(path, name)
    try:
        # Its status is taken from the file once open: a network file system asks its server
        # on opening a file, not on every status; and the text read is then the text of the
        # file in that state, or of a later one (which the next build sees as a change).
        with opened(path) as (descriptor, status):
            state = memo.state_of(status) if memo else None
            unchanged = memo.recall_unchanged(name, state, model) if memo else None
            if unchanged is not None:
                return _unread(path, name, model, *unchanged)
            source = SourceFile(path, name, read_open_text(descriptor, status.st_size))
        recalled = memo.recall_record(name, source.digest, model, state) if memo else None
        if recalled is not None:
            source.model = model  # its data is not needed: the memo holds what its texts hold
            record, problems = recalled
            return source, record, problems
        data, source.positions.tree = parse_tree(source.text)
        source.data, source.model = data, model
    except YamlProblem as exc:
        return source, None, [_file_problem(source, exc.rule, exc.message, exc.line, exc.column)]
    except OSError as exc:  # (removed since it was listed, say, by a save during mocap serve's build)
        message = (
            f"the file could not be read ({exc.strerror}): make sure it is there and this user may "
            "read it, then check again"
        )
        return source, None, [_file_problem(source, INVALID_YAML, message)]
    record, problems = _validated(source, model, data)
    source.positions.tree = None  # kept where it located a problem, not for every file read
    if memo:
        memo.keep_record(name, source.digest, model, record, problems, state)
    return source, record, problems


def _unread(
    path: Path, name: str, model: type[M], record: M | None, problems: list[Problem], digest: str
) -> tuple[SourceFile, M | None, list[Problem]]:
    """A file a memo recalled by its state: its text is read only if it is asked for."""
    source = SourceFile(path, name, None, model=model)
    source.held_digest = digest
    return source, record, problems


def _validated(source: SourceFile, model: type[M], data: object) -> tuple[M | None, list[Problem]]:
    problems = []
    if not source.text.startswith(SCHEMA_COMMENT):
        message = (
            f"the first line should be '{SCHEMA_COMMENT}...' so editors can check the file "
            "as you type: copy it from any other file of the same kind"
        )
        problems.append(_file_problem(source, SCHEMA_COMMENT_RULE, message, 1, 1))
    if not isinstance(data, dict):
        found = "empty" if data is None else f"a {type(data).__name__}, not a set of fields"
        message = f"the file is {found}: write one 'field: value' per line"
        problems.append(_file_problem(source, NOT_A_RECORD, message))
        return None, problems
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_schema_problems(source, model, exc))
        return None, problems
    return record, problems


def _file_problem(
    source: SourceFile, rule: Rule, message: str, line: int | None = None, column: int | None = None
) -> Problem:
    return source.problem(rule.code, rule.severity, (), message, rule.clause, line=line, column=column)


def _schema_problems(source: SourceFile, model: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """One problem per validation error; a misspelt field and the required field it stands for
    are one problem, not two."""
    errors = exc.errors(include_url=False)
    paths = [_path(e) for e in errors]  # (once each: a hostile file has 50,000 unknown fields)
    missing = {path: e for path, e in zip(paths, errors, strict=True) if e["type"] == "missing"}
    extra = [path for path, e in zip(paths, errors, strict=True) if e["type"] == "extra_forbidden"]
    unknown = {path: _unknown_field_message(model, path, missing) for path in extra[:MAX_UNKNOWN_TOLD]}
    if len(extra) > MAX_UNKNOWN_TOLD:
        more = extra[MAX_UNKNOWN_TOLD]
        unknown[more] = (
            f"'{more[-1]}' and {len(extra) - MAX_UNKNOWN_TOLD - 1:,} more fields after it are not fields of "
            "this record either: remove them"
        )
    problems = []
    for path, error in zip(paths, errors, strict=True):
        kind = error["type"]
        if kind == "extra_forbidden" and path not in unknown:
            continue  # counted in the problem that sums them up
        if kind == "missing":
            if path not in missing:
                continue  # told with the misspelling that stands for it
            rule, message = MISSING_FIELD, f"the required field '{path[-1]}' is missing: add it"
            description = field_description(model, path)
            if description:
                message += f" ({description})"
        elif kind == "extra_forbidden":
            rule, message = UNKNOWN_FIELD, unknown[path]
        else:
            rule, message = WRONG_VALUE, value_message(error, _field_name(path), _example(model, path))
            description = field_description(model, path)
            if _is_empty(error) and description:
                message += f" ({description})"
        clause = field_clause(model, path) or rule.clause  # the field's own clause, where it has one
        problems.append(source.problem(rule.code, rule.severity, path, message, clause))
    return problems


def _field_name(path: FieldPath) -> str:
    return next((str(part) for part in reversed(path) if isinstance(part, str)), "")


def _path(error: ErrorDetails) -> FieldPath:
    return tuple(part for part in error["loc"] if part != "[key]")


def _is_empty(error: ErrorDetails) -> bool:
    return error.get("input") in (None, "", [])


def _unknown_field_message(
    model: type[BaseModel], path: FieldPath, missing: dict[FieldPath, ErrorDetails]
) -> str:
    """Names the field meant; when that field is required and missing, says so here and takes
    its own problem out of ``missing``."""
    name = str(path[-1])
    parent = model_at(model, path[:-1])
    known = list(parent.model_fields) if parent else []
    message = f"'{name}' is not a field of this record"
    absent = [str(p[-1]) for p in missing if p[:-1] == path[:-1]]
    close = difflib.get_close_matches(name, absent, n=1) or difflib.get_close_matches(name, known, n=1)
    if close:
        meant = (*path[:-1], close[0])
        required = missing.pop(meant, None) is not None
        return f"{message}: did you mean '{close[0]}'?" + (
            f" ('{close[0]}' is required, and it is missing)" if required else ""
        )
    if known:
        message += f"; the fields here are: {', '.join(known)}"
    return message


def _example(model: type[BaseModel], path: FieldPath) -> str:
    info = field_info(model, path)
    extra = info.json_schema_extra if info else None
    examples = extra.get("examples") if isinstance(extra, dict) else None
    return str(examples[0]) if isinstance(examples, list) and examples else ""


def error_summaries(errors: list[ErrorDetails]) -> list[str]:
    """Each validation error as ``field.path: message`` in plain words, for one-line refusals."""
    summaries = []
    for error in errors:
        path = _path(error)
        if error["type"] == "missing":
            message = "the field is missing"
        elif error["type"] == "extra_forbidden":
            message = "this is not a field here"
        else:
            message = value_message(error, _field_name(path))
        summaries.append(f"{format_field_path(path)}: {message}")
    return summaries
