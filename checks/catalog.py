"""Finding and loading every file of a catalog: providers, their courses, and misplaced files."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checks.law import PROCEDURE
from checks.models.course import Course
from checks.models.provider import Provider
from checks.problems import Problem, Severity
from checks.records import SourceFile, read_record

PROVIDERS_DIR = "providers"
PROVIDER_FILE = "provider.yaml"
COURSES_DIR = "courses"
FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.yaml")


def slug(text: str) -> str:
    """Text as lowercase letters, digits and hyphens: a file name, a provider id, a page address."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_LAYOUT_HELP = (
    "catalog files belong at providers/<provider-id>/provider.yaml or "
    "providers/<provider-id>/courses/<course-name>.yaml, named in lowercase letters, digits and hyphens"
)


@dataclass(frozen=True)
class ProviderEntry:
    source: SourceFile
    folder: str
    record: Provider


@dataclass(frozen=True)
class CourseEntry:
    source: SourceFile
    folder: str
    record: Course


Entry = ProviderEntry | CourseEntry


@dataclass(frozen=True)
class Catalog:
    root: Path
    repo_root: Path
    providers: tuple[ProviderEntry, ...]
    courses: tuple[CourseEntry, ...]
    file_names: tuple[str, ...]
    problems: tuple[Problem, ...]


def _list_files(root: Path) -> list[tuple[Path, str]]:
    """Every file under ``root/providers`` (symbolic links included) with its repository name."""
    repo_root = root.parent
    return [
        (path, path.relative_to(repo_root).as_posix())
        for path in sorted((root / PROVIDERS_DIR).rglob("*"))
        if path.is_symlink() or not path.is_dir()
    ]


def load_catalog(root: Path, in_scope: Callable[[str], bool] | None = None) -> Catalog:
    """Every provider and course file under ``root/providers``; a file that cannot be read or
    validated is left out of the entries and its problems are kept, so the others still check.

    With ``in_scope`` (which files to judge, e.g. a pull request's), only what the rules need to
    judge them is read: those files, every provider file (provider ids are unique catalog-wide)
    and the other courses of the same providers (course numbers are unique per provider). The
    remaining files are only listed."""
    repo_root = root.parent
    files = [(path, name, path.relative_to(root / PROVIDERS_DIR).parts) for path, name in _list_files(root)]
    folders = None if in_scope is None else {parts[0] for _, name, parts in files if in_scope(name)}
    providers: list[ProviderEntry] = []
    courses: list[CourseEntry] = []
    problems: list[Problem] = []
    for path, name, parts in files:
        layout_error = _layout_error(path, parts)
        if layout_error:
            problems.append(_layout_problem(path, name, layout_error))
            continue
        if folders is not None and len(parts) == 3 and parts[0] not in folders:
            continue
        if len(parts) == 2:
            source, provider, found = read_record(path, name, Provider)
            problems += found
            if provider:
                providers.append(ProviderEntry(source, parts[0], provider))
        else:
            source, course, found = read_record(path, name, Course)
            problems += found
            if course:
                courses.append(CourseEntry(source, parts[0], course))
    names = tuple(name for _, name, _ in files)
    return Catalog(root, repo_root, tuple(providers), tuple(courses), names, tuple(problems))


def _layout_error(path: Path, parts: tuple[str, ...]) -> str:
    if path.is_symlink():
        return "symbolic links are not accepted: commit the file itself"
    is_provider = len(parts) == 2 and parts[1] == PROVIDER_FILE
    is_course = len(parts) == 3 and parts[1] == COURSES_DIR and FILE_NAME.fullmatch(parts[2])
    if not (is_provider or is_course):
        return f"this file is not where catalog files go: {_LAYOUT_HELP}"
    if not FILE_NAME.fullmatch(f"{parts[0]}.yaml"):
        return f"the folder name '{parts[0]}' is not a provider id: {_LAYOUT_HELP}"
    return ""


def _layout_problem(path: Path, name: str, message: str) -> Problem:
    return SourceFile(path, name).problem("LAY01", Severity.ERROR, (), message, PROCEDURE)
