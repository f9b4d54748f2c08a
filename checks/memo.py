"""What an incremental build remembers of each catalog file from one run to the next: the record
read from it, what reading it found, what the text rules found in it and what the rules judging
one entry found (with the terms it was judged on: the reference data, the day, whether it was a
submission), under the file's name and a digest of its text. A file whose text is unchanged is
then neither parsed, scanned nor judged again on the same terms: at 10,000 courses that is most
of the time a build spends before its first page.

The memo is JSON in the build's work folder, never a pickle (a file there is data, not code).
A record is kept as its model's JSON and validated again when recalled: the models' own round
trip, which a test holds equal to reading the file. What the memo holds depends on the code
of the checks and the versions of the parser and models, which the work folder's fingerprint
covers (checks.site.incremental): when they change, the folder and its memo are emptied.

A file is known by its text's digest, and also, much as git's index knows it, by its state:
size, modification and change times, inode. A file whose state is the one kept is recalled
without being read at all (at 10,000 courses, reading and digesting every file took a tenth of
the time before the pages are in place). A write changes the change time, which no program can
set back (except on Windows, where that time is the file's creation). A state is kept only once
it has settled (``SETTLED_NS`` before this machine's clock, where git compares with its index
file's time instead): a file written after its reading in the same tick of the file system's
clock could otherwise keep its state with another text. (A file system stamped by a clock more
than that behind this machine's, with coarse times, could still hide such a write.)
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from checks.problems import Problem, Severity
from checks.rules.loading import INTERNAL_FAULT

M = TypeVar("M", bound=BaseModel)

FORMAT_VERSION = 2  # of the memo's file

# How long after its last change a file's state is kept: far above the coarsest clock a file
# system stamps times with (two seconds on FAT).
SETTLED_NS = 3_000_000_000

# A file's size, modification and change times and inode (``FileMemo.state_of``).
FileState = tuple[int, int, int, int]


class FileMemo:
    """The files of the last run (``known``), and those of this one as they are read; a memo
    kept in memory (``following``) also holds the last run's ``records`` themselves, which are
    then not validated again (frozen models, equal to their JSON's: a test holds it). A file's
    state is kept once it has not changed for ``settled_ns``."""

    def __init__(
        self,
        known: dict[str, dict[str, Any]] | None = None,
        records: dict[str, BaseModel] | None = None,
        settled_ns: int = SETTLED_NS,
    ) -> None:
        self._settled_ns = settled_ns
        self._known = known or {}
        self._records = records or {}
        self._kept: dict[str, dict[str, Any]] = {}
        self._made: dict[str, BaseModel] = {}  # the records of the files kept, by name
        self._recalled_texts: dict[str, list[Problem]] = {}

    @classmethod
    def read(cls, path: Path, settled_ns: int = SETTLED_NS) -> FileMemo:
        """The memo written at ``path``; an empty one when there is none or it cannot be read
        (a build killed while writing it, another version): every file is read again."""
        try:
            held = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(settled_ns=settled_ns)
        current = isinstance(held, dict) and held.get("version") == FORMAT_VERSION
        files = held.get("files") if current else None
        return cls(files if isinstance(files, dict) else None, settled_ns=settled_ns)

    def write(self, path: Path) -> None:
        """This run's files, whole: those read and scanned (a file no longer there is forgotten)."""
        spare = path.with_name(f".{path.name}.writing")
        spare.write_text(json.dumps({"version": FORMAT_VERSION, "files": self._complete()}), encoding="utf-8")
        spare.replace(path)

    def following(self) -> FileMemo:
        """The memo the next run would read from what ``write`` writes, without the writing and
        reading (each file's entry holds JSON's own types only: strings, numbers, lists,
        mappings), with the records themselves beside it."""
        complete = self._complete()
        records = {name: record for name, record in self._made.items() if name in complete}
        return FileMemo(complete, records, self._settled_ns)

    def _complete(self) -> dict[str, dict[str, Any]]:
        return {name: kept for name, kept in self._kept.items() if "text_problems" in kept}

    def state_of(self, status: os.stat_result) -> FileState | None:
        """The state a file's ``status`` (taken before its text is read) gives it; None while
        it may still change within the same tick of the file system's clock. (On Windows the
        change time is the creation time: there, a rewrite that keeps the size and sets the
        modification time back goes unseen.)"""
        if max(status.st_mtime_ns, status.st_ctime_ns) > time.time_ns() - self._settled_ns:
            return None
        return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino

    def recall_unchanged(
        self, name: str, state: FileState | None, model: type[M]
    ) -> tuple[M | None, list[Problem], str] | None:
        """The record and reading problems of the file ``name``, and its text's digest, when
        the last run read it as ``model`` in the same ``state``; None when it must be read."""
        known = self._known.get(name)
        if state is None or not isinstance(known, dict) or known.get("state") != list(state):
            return None
        digest = known.get("digest")
        if not isinstance(digest, str):
            return None
        recalled = self._recall(name, known, model)
        return None if recalled is None else (*recalled, digest)

    def recall_record(
        self, name: str, digest: str, model: type[M], state: FileState | None = None
    ) -> tuple[M | None, list[Problem]] | None:
        """The record and reading problems of the file ``name`` whose text has the ``digest``
        (``text_digest``), when the last run read and scanned the same text as ``model``; None
        when it must be read. Its ``state`` is kept in place of the one before (a file saved
        again unchanged)."""
        known = self._known.get(name)
        if not isinstance(known, dict) or known.get("digest") != digest:
            return None
        return self._recall(name, _with_state(known, state), model)

    def _recall(
        self, name: str, known: dict[str, Any], model: type[M]
    ) -> tuple[M | None, list[Problem]] | None:
        try:
            if known.get("model") != model.__name__:
                return None
            held = self._records.get(name)
            if known["record"] is None:
                record = None
            elif isinstance(held, model):
                record = held
            else:
                record = model.model_validate_json(known["record"])
            problems = _problems(known["problems"])
            text_problems = _problems(known["text_problems"])  # both are usable, or neither
        except (AttributeError, KeyError, TypeError, ValueError, ValidationError):  # not what was written
            return None
        self._kept[name] = known
        self._remember(name, record)
        self._recalled_texts[name] = text_problems
        return record, problems

    def keep_record(
        self,
        name: str,
        digest: str,
        model: type[BaseModel],
        record: BaseModel | None,
        problems: list[Problem],
        state: FileState | None = None,
    ) -> None:
        """Kept unless reading it met a fault of ours (INT01), which the next run tries again."""
        if _faulty(problems):
            return
        try:
            held = None if record is None else record.model_dump_json()
        except ValueError:  # a value its JSON cannot hold: the file is simply read again
            return
        kept = {
            "digest": digest,
            "model": model.__name__,
            "record": held,
            "problems": [p.as_dict() for p in problems],
        }
        self._kept[name] = _with_state(kept, state)
        self._remember(name, record)

    def _remember(self, name: str, record: BaseModel | None) -> None:
        if record is None:
            self._made.pop(name, None)
        else:
            self._made[name] = record

    def recall_text_problems(self, name: str) -> list[Problem] | None:
        """What the text rules found in the file ``name``, when its record was recalled."""
        return self._recalled_texts.get(name)

    def keep_text_problems(self, name: str, problems: Sequence[Problem]) -> None:
        """Kept only for a file whose record is kept in this run, and unless a text rule met a
        fault of ours (then the file is left out: read and scanned again next time)."""
        self._keep_findings(name, problems, "text_problems")

    def recall_entry_problems(self, name: str, terms: str) -> list[Problem] | None:
        """What the rules judging one entry found in the file ``name``, when its record was
        recalled and the last run judged it on the same ``terms`` (checks.engine)."""
        known = self._kept.get(name) if name in self._recalled_texts else None
        if known is None or known.get("entry_terms") != terms:
            return None
        try:
            return _problems(known["entry_problems"])
        except (KeyError, TypeError, ValueError):  # not what was written
            return None

    def keep_entry_problems(self, name: str, terms: str, problems: Sequence[Problem]) -> None:
        """Kept only for a file whose record is kept in this run, and unless a rule met a fault
        of ours (then the file is left out: read and judged again next time)."""
        self._keep_findings(name, problems, "entry_problems", entry_terms=terms)

    def _keep_findings(self, name: str, problems: Sequence[Problem], key: str, **beside: str) -> None:
        """``problems`` kept under ``key`` (with ``beside``) for a file whose record is kept in
        this run; a fault of ours leaves the file out instead."""
        if name in self._kept and _faulty(problems):
            del self._kept[name]
        elif name in self._kept:
            self._kept[name] = {**self._kept[name], **beside, key: [p.as_dict() for p in problems]}


def _faulty(problems: Sequence[Problem]) -> bool:
    return any(p.code == INTERNAL_FAULT.code for p in problems)


def text_digest(text: str) -> str:
    """What a file is known by when its state is not (checks.site.fingerprints too)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _with_state(kept: dict[str, Any], state: FileState | None) -> dict[str, Any]:
    """``kept`` with ``state``, or without any (as JSON writes it: a list)."""
    unstated = {key: value for key, value in kept.items() if key != "state"}
    return unstated if state is None else {**unstated, "state": list(state)}


def _problems(held: list[dict[str, Any]]) -> list[Problem]:
    return [
        Problem(
            file=p["file"],
            line=p["line"],
            column=p["column"],
            code=p["code"],
            severity=Severity(p["severity"]),
            field=p["field"],
            message=p["message"],
            clause=p["clause"],
        )
        for p in held
    ]
