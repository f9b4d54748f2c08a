"""Finding and loading every file of a catalog: providers, their courses, and every other file.

Every file under the catalog folder is accounted for: an entry is read, a reference or
reviewers file belongs to DESE's data, and anything else is a layout problem (LAY01) that says
where the file should go or what to rename it to. A misnamed entry is still read, so its
writer sees its other mistakes at once, but it joins the catalog (and its rules) only once
renamed: a stray copy never affects the entry it copies. A check of some files only (a pull
request's) reads what judging them needs, and lists only the provider folders that may hold them.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checks.layout import COURSES_DIR, PROVIDER_FILE, PROVIDERS_DIR, REFERENCE_DIR, REVIEWERS_NAME
from checks.memo import FileMemo
from checks.models.course import Course
from checks.models.provider import Provider
from checks.models.review import Authorization
from checks.problems import FieldPath, Problem
from checks.records import RECORD_SENT, SourceFile, read_record
from checks.rules.loading import LAYOUT
from checks.shares import shared_map
from checks.yamlfile import MAX_FILE_BYTES, YamlProblem, read_yaml

FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.yaml")
RESERVED_NAMES = frozenset({"index"})  # the address of a listing page: a provider or course can't take it
REFERENCE_DESCRIPTOR = "datapackage.json"
PROGRAM_FILE = "program.yaml"
MAX_DEPTH = 4  # providers/<id>/courses/<name>.yaml
_YAML_SUFFIXES = {".yaml", ".yml"}


def slug(text: str) -> str:
    """Text as lowercase letters, digits and hyphens (accents dropped: Español -> espanol): a
    file name, a provider id, a page address."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


LAYOUT_HELP = (
    "catalog files belong at providers/<provider-id>/provider.yaml or "
    "providers/<provider-id>/courses/<course-name>.yaml, named in lowercase letters, digits and hyphens"
)


@dataclass(frozen=True)
class ProviderEntry:
    source: SourceFile
    folder: str
    record: Provider
    review_path: FieldPath = ("authorization",)

    @property
    def review(self) -> Authorization:
        return self.record.authorization


@dataclass(frozen=True)
class CourseEntry:
    source: SourceFile
    folder: str
    record: Course
    review_path: FieldPath = ("review",)

    @property
    def review(self) -> Authorization:
        return self.record.review


Entry = ProviderEntry | CourseEntry


@dataclass(frozen=True)
class Catalog:
    root: Path
    repo_root: Path
    providers: tuple[ProviderEntry, ...]
    courses: tuple[CourseEntry, ...]
    # Every file listed but DESE's reference data and reviewers file (a load given ``may_hold``
    # lists only the provider files of the folders it refuses).
    file_names: tuple[str, ...]
    problems: tuple[Problem, ...]
    data_files: tuple[str, ...] = ()  # the reference data and the reviewers file
    sources: tuple[SourceFile, ...] = ()  # every entry file that parsed, valid or not: its texts are scanned
    provider_folders: frozenset[str] = frozenset()  # every folder with a provider file, loaded or not
    # A scoped check reads no provider file it does not judge; each such provider is taken to
    # own the id its folder bears (an id that is not its folder's is that file's own error).
    unread_providers: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Listed:
    location: str  # the file's path as the folder walk found it
    name: str  # relative to the repository
    parts: tuple[str, ...]  # relative to the catalog folder
    symlink: bool = False
    too_deep: bool = False  # a folder that is not descended into

    @property
    def path(self) -> Path:
        return Path(self.location)


def _list_files(root: Path, may_hold: Callable[[str], bool] | None = None) -> list[_Listed]:
    """Every file under ``root`` (symbolic links included, never followed), in name order.
    Folders nested deeper than a catalog file can be are listed, not descended into: a path a
    thousand folders deep is one problem, not a crash. (Plain strings and the folder entries'
    own types: a catalog holds tens of thousands of files.) Of a provider's folder that
    ``may_hold`` refuses (given its repository path), only the provider file is listed."""
    prefix = root.name
    found: list[_Listed] = []
    stack: list[tuple[str, tuple[str, ...]]] = [(str(root), ())]
    while stack:
        folder, parts = stack.pop()
        with os.scandir(folder) as entries:
            for item in entries:
                here = (*parts, item.name)
                name = "/".join((prefix, *here))
                if not item.is_dir(follow_symlinks=False):
                    found.append(_Listed(item.path, name, here, item.is_symlink()))
                elif len(here) >= MAX_DEPTH:
                    found.append(_Listed(item.path, name, here, too_deep=True))
                elif may_hold is None or here[0] != PROVIDERS_DIR or len(here) != 2 or may_hold(name):
                    stack.append((item.path, here))
                else:
                    found += _provider_file(item.path, name, here)
    return sorted(found, key=lambda f: f.name)


def _provider_file(folder: str, name: str, parts: tuple[str, ...]) -> list[_Listed]:
    """A provider folder's provider file, as the folder walk would list it (if it is there).
    Its name is found among the folder's names: a file system that ignores case would find
    ``Provider.yaml`` by the name ``provider.yaml``."""
    path = os.path.join(folder, PROVIDER_FILE)  # noqa: PTH118 - the walk's plain strings
    try:
        if PROVIDER_FILE not in os.listdir(folder):  # noqa: PTH208 - the walk's plain strings
            return []
        mode = os.lstat(path).st_mode
    except OSError:
        return []
    if stat.S_ISDIR(mode):
        return []  # a folder by that name holds no provider
    return [_Listed(path, f"{name}/{PROVIDER_FILE}", (*parts, PROVIDER_FILE), stat.S_ISLNK(mode))]


def _reference_files(root: Path) -> set[str]:
    """The files of the reference data package (its descriptor names them)."""
    try:
        descriptor = json.loads((root / REFERENCE_DIR / REFERENCE_DESCRIPTOR).read_text(encoding="utf-8"))
        named = {str(r.get("path")) for r in descriptor.get("resources", []) if isinstance(r, dict)}
    except (OSError, ValueError, AttributeError):
        named = set()  # load_reference says what is wrong with the package
    return {REFERENCE_DESCRIPTOR, PROGRAM_FILE, *named}


def load_catalog(
    root: Path,
    in_scope: Callable[[str], bool] | None = None,
    memo: FileMemo | None = None,
    may_hold: Callable[[str], bool] | None = None,
) -> Catalog:
    """Every file under the catalog folder ``root``; a file that cannot be read or validated is
    left out of the entries and its problems are kept, so the others still check.

    With ``in_scope`` (which files to judge, e.g. a pull request's), only what the rules need to
    judge them is read: those files and the other files of the same providers (course numbers
    are unique per provider). The remaining files are only listed, so the cost follows the
    change, not the catalog; the providers not read are named in ``unread_providers``. Where
    ``may_hold`` tells which provider folders may hold a file in scope (true for every folder
    that does), the others are not even listed, but for their provider files. A ``memo``
    (checks.memo) spares parsing the files it holds; without one, thousands of files are read
    in two processes (checks.shares)."""
    repo_root = root.parent
    listed = _list_files(root, may_hold)
    reference = _reference_files(root)
    data = {REVIEWERS_NAME, *(f"{REFERENCE_DIR}/{n}" for n in reference)}
    folders = (
        None
        if in_scope is None
        else {
            f.parts[1]
            for f in listed
            if f.parts[0] == PROVIDERS_DIR and len(f.parts) > 2 and in_scope(f.name)
        }
    )
    providers: list[ProviderEntry] = []
    courses: list[CourseEntry] = []
    problems: list[Problem] = []
    names, data_files = [], []
    sources: list[SourceFile] = []
    to_read: list[tuple[_Listed, str, type[Provider] | type[Course]]] = []
    for item in listed:
        if "/".join(item.parts) in data and not item.symlink:
            data_files.append(item.name)
            continue
        names.append(item.name)
        if folders is not None and not _needed(item, folders):
            continue  # neither judged nor needed to judge what is: only listed
        kind, message = _placement(item)
        if message:
            problems.append(_layout_problem(item, message))
        if kind is not None:
            to_read.append((item, message, Provider if kind == "provider" else Course))

    def read(
        job: tuple[_Listed, str, type[Provider] | type[Course]],
    ) -> tuple[SourceFile, Provider | Course | None, list[Problem]]:
        item, _, model = job
        return read_record(item.path, item.name, model, memo)

    # What a memo keeps is kept by the process that reads: with one, every file is read here.
    read_all = [read(job) for job in to_read] if memo else shared_map(read, to_read, sent=RECORD_SENT)
    provider_folders = frozenset(
        i.parts[1] for i in listed if i.parts[0] == PROVIDERS_DIR and i.parts[2:] == (PROVIDER_FILE,)
    )
    for (item, message, _), (source, record, found) in zip(to_read, read_all, strict=True):
        folder = item.parts[1]
        problems += found
        if source.model is not None and (in_scope is None or in_scope(item.name)):
            sources.append(source)
        if message or record is None:
            continue  # a misnamed entry is read for its own problems, and judged once renamed
        if isinstance(record, Provider):
            providers.append(ProviderEntry(source, folder, record))
        elif isinstance(record, Course):
            courses.append(CourseEntry(source, folder, record))
    return Catalog(
        root,
        repo_root,
        tuple(providers),
        tuple(courses),
        tuple(names),
        tuple(problems),
        tuple(data_files),
        tuple(sources),
        provider_folders,
        () if folders is None else tuple(sorted(provider_folders - folders)),
    )


def _needed(item: _Listed, folders: set[str]) -> bool:
    """Whether a scoped check reads the file: every file of the providers whose files are
    judged, and any file outside the providers' folders."""
    parts = item.parts
    in_folder = len(parts) > 2 and parts[0] == PROVIDERS_DIR
    return not in_folder or parts[1] in folders


def _placement(item: _Listed) -> tuple[str | None, str]:
    """Whether the file is read as a provider or a course (or not at all), and what is wrong
    with its place or name ("" when nothing is)."""
    parts = item.parts
    if item.too_deep:
        return None, f"this folder is nested too deeply for the catalog: {LAYOUT_HELP}"
    if item.symlink:
        return None, "symbolic links are not accepted: commit the file itself"
    if parts[0] != PROVIDERS_DIR or len(parts) < 3:
        return None, _misplaced(item)
    folder, rest = parts[1], parts[2:]
    if not FILE_NAME.fullmatch(f"{folder}.yaml"):
        return None, f"the folder name '{folder}' is not a provider id: {LAYOUT_HELP}"
    if folder in RESERVED_NAMES:
        return None, f"'{folder}' is the address of the providers' listing page: choose another provider id"
    if rest == (PROVIDER_FILE,):
        return "provider", ""
    if len(rest) == 1 and rest[0].lower() in {"provider.yml", PROVIDER_FILE}:
        return "provider", f"rename this file to {PROVIDER_FILE}: {LAYOUT_HELP}"
    # As Path's stem and suffix, in a tenth of the time (10,000 files a build).
    stem, suffix = os.path.splitext(rest[-1])  # noqa: PTH122
    wanted = f"{slug(stem) or 'course'}.yaml"
    if suffix.lower() not in _YAML_SUFFIXES:
        return None, f"this file is not where catalog files go: {LAYOUT_HELP}"
    if len(rest) == 1:
        return (
            "course",
            f"move this course file to {PROVIDERS_DIR}/{folder}/{COURSES_DIR}/{wanted}: {LAYOUT_HELP}",
        )
    if len(rest) != 2 or rest[0] != COURSES_DIR:
        return None, f"this file is not where catalog files go: {LAYOUT_HELP}"
    if slug(stem) in RESERVED_NAMES:
        return None, f"'{stem}' is the address of a listing page: choose another file name"
    if not FILE_NAME.fullmatch(rest[1]):
        return "course", f"rename this file to {wanted}: {LAYOUT_HELP}"
    return "course", ""


def _misplaced(item: _Listed) -> str:
    """Where a file outside the providers' folders should go, judged by what it holds."""
    stem, suffix = item.path.stem, item.path.suffix
    where = f"this file is not where catalog files go: {LAYOUT_HELP}"
    if suffix.lower() not in _YAML_SUFFIXES or item.path.stat().st_size > MAX_FILE_BYTES:
        return where
    try:
        data = read_yaml(item.path)
    except (OSError, YamlProblem):
        return where
    if isinstance(data, dict) and "legal_name" in data and isinstance(data.get("id"), str):
        return f"move this provider file to catalog/{PROVIDERS_DIR}/{slug(data['id'])}/{PROVIDER_FILE}"
    if isinstance(data, dict) and "title" in data and isinstance(data.get("provider"), str):
        target = (
            f"catalog/{PROVIDERS_DIR}/{slug(data['provider'])}/{COURSES_DIR}/{slug(stem) or 'course'}.yaml"
        )
        return f"move this course file to {target}"
    return where


def _layout_problem(item: _Listed, message: str) -> Problem:
    line = None if item.too_deep else 1  # a file's problem shows on its first line
    rule = LAYOUT
    return SourceFile(item.path, item.name).problem(
        rule.code, rule.severity, (), message, rule.clause, line=line, column=line
    )
