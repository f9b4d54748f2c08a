"""``mocap check``: load the reference and the catalog, run every rule, keep what is in scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from checks.catalog import Catalog, load_catalog
from checks.collector import collector_paused
from checks.engine import run_rules
from checks.layout import CATALOG_DIR, PROVIDERS_DIR, REFERENCE_DIR
from checks.memo import FileMemo
from checks.problems import Problem, Report
from checks.reference.load import Reference, load_reference
from checks.registry import CHECKED_RULES
from checks.rules.base import Context

DEFAULT_CATALOG = Path(CATALOG_DIR)


class CatalogNotFound(Exception):
    """The paths name no catalog (a folder holding reference/ and providers/)."""


def find_catalog_root(paths: Sequence[Path]) -> Path:
    """The catalog that holds ``paths``: the nearest folder at or above them with a reference/
    folder. Without paths, ./catalog."""
    if not paths:
        if (DEFAULT_CATALOG / REFERENCE_DIR).is_dir():
            return DEFAULT_CATALOG
        raise CatalogNotFound(
            f"there is no catalog at ./{DEFAULT_CATALOG}: run ./mocap in the repository's top "
            "folder, or name the catalog folder"
        )
    roots = set()
    for path in paths:
        if not path.exists():
            raise CatalogNotFound(f"{path} does not exist")
        root = next(
            (
                p
                for p in (path.resolve(), *path.resolve().parents)
                if (p / REFERENCE_DIR).is_dir() and (p / PROVIDERS_DIR).is_dir()
            ),
            None,
        )
        if root is None:
            raise CatalogNotFound(f"{path} is not inside a catalog (a folder with reference/ and providers/)")
        roots.add(root)
    if len(roots) > 1:
        raise CatalogNotFound("the paths belong to different catalogs: check one catalog at a time")
    return roots.pop()


@dataclass(frozen=True)
class CheckedCatalog:
    """A loaded catalog, its reference data and every problem found in it."""

    catalog: Catalog
    reference: Reference
    problems: tuple[Problem, ...]


def run_checks(
    root: Path,
    as_of: dt.date,
    changed_files: frozenset[str] | None = None,
    in_scope: Callable[[str], bool] | None = None,
    may_hold: Callable[[str], bool] | None = None,
) -> CheckedCatalog:
    """Load and check the catalog: all of it, or what judging the files ``in_scope`` needs
    (listing only the provider folders that ``may_hold`` them, if given). Raises
    ReferenceUnusable when the reference is broken."""
    catalog = load_catalog(root, in_scope, may_hold=may_hold)
    reference = load_reference(root / REFERENCE_DIR, catalog.repo_root)
    judges_windows = changed_files is not None or in_scope is not None
    return check_loaded(catalog, reference, as_of, changed_files, judges_windows)


def check_loaded(
    catalog: Catalog,
    reference: Reference,
    as_of: dt.date,
    changed_files: frozenset[str] | None = None,
    judges_windows: bool = False,
    memo: FileMemo | None = None,
) -> CheckedCatalog:
    """Run every rule over a catalog already loaded. Submission windows are judged only when
    ``judges_windows`` (a change set or named files: where a submission is made). The text
    rules' findings in the files a ``memo`` recalled are taken from it."""
    context = Context(reference, as_of, catalog, changed_files, judges_windows)
    problems = (*catalog.problems, *run_rules(CHECKED_RULES, context, memo))
    return CheckedCatalog(catalog, reference, tuple(ordered(problems)))


def check_catalog(
    root: Path,
    as_of: dt.date,
    changed_files: frozenset[str] | None = None,
    paths: Sequence[Path] = (),
) -> Report:
    """Check the catalog; report problems only for files in scope (the changed files, or those
    under ``paths``). Raises ReferenceUnusable when the reference data is broken."""
    in_scope = _scope(root, changed_files, paths)
    with collector_paused():
        may_hold = None if in_scope is None else in_scope.may_hold
        checked = run_checks(root, as_of, changed_files, in_scope, may_hold)
    names = checked.catalog.file_names
    scoped = set(names) if in_scope is None else {n for n in names if in_scope(n)}
    # DESE's own files are not counted as checked, but what is said of them is kept.
    data_files = checked.catalog.data_files
    reported = scoped | {n for n in data_files if in_scope is None or in_scope(n)}
    kept = tuple(p for p in checked.problems if p.file in reported)
    return Report(files_checked=len(scoped), problems=kept)


def _scope(root: Path, changed_files: frozenset[str] | None, paths: Sequence[Path]) -> Scope | None:
    """Which repository file names are judged: None for all of them (no paths, or the
    repository or the catalog folder itself)."""
    repo_root = root.resolve().parent
    prefixes = tuple(p.resolve().relative_to(repo_root).as_posix() for p in paths)
    if {".", root.resolve().relative_to(repo_root).as_posix()} & set(prefixes):
        prefixes = ()
    if changed_files is None and not prefixes:
        return None
    return Scope(changed_files, prefixes)


@dataclass(frozen=True)
class Scope:
    """The repository files a check judges: the ``changed`` ones (None: any) under one of the
    ``prefixes`` (none: anywhere)."""

    changed: frozenset[str] | None
    prefixes: tuple[str, ...]

    def __call__(self, name: str) -> bool:
        changed = self.changed is None or name in self.changed
        return changed and (not self.prefixes or any(_within(name, pre) for pre in self.prefixes))

    def may_hold(self, folder: str) -> bool:
        """Whether a file in ``folder`` can be in scope, told without listing the folder."""
        if self.changed is not None and folder not in self._changed_folders:
            return False
        return not self.prefixes or any(_within(folder, pre) or _within(pre, folder) for pre in self.prefixes)

    @cached_property
    def _changed_folders(self) -> frozenset[str]:
        """Every folder that holds a changed file, however deep."""
        return frozenset(
            name.rsplit("/", depth)[0]
            for name in self.changed or ()
            for depth in range(1, name.count("/") + 1)
        )


def _within(name: str, folder: str) -> bool:
    """Whether ``name`` is ``folder`` or lies under it (both repository paths)."""
    return name == folder or name.startswith(folder + "/")


def ordered(problems: Sequence[Problem]) -> list[Problem]:
    """Problems in reading order: by file, line, column, code and field."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.code, p.field))
