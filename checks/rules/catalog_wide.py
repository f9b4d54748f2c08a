"""Rules over the whole catalog: unique ids and numbers, and files in their right places."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checks.catalog import Catalog, Entry
from checks.law import PROCEDURE, csr
from checks.layout import PROVIDER_FILE, PROVIDERS_DIR
from checks.rules.base import Context, Violation, rule


def _duplicates(entries: list[tuple[str, Entry]]) -> Iterator[tuple[str, Entry, Entry]]:
    """(key, first entry, later entry) for every key seen more than once."""
    first: dict[str, Entry] = {}
    for key, entry in entries:
        if key in first:
            yield key, first[key], entry
        else:
            first[key] = entry


@rule("CAT01", "unique-provider-id", PROCEDURE, scope="catalog")
def unique_provider_ids(catalog: Catalog, context: Context) -> Iterator[Violation]:
    """No two providers share an id.

    Compliant:
        providers/river-bend-online/provider.yaml    id: river-bend-online
        providers/bluestem-learning/provider.yaml    id: bluestem-learning

    Non-compliant:
        providers/river-bend-online/provider.yaml    id: river-bend-online
        providers/river-bend/provider.yaml           id: river-bend-online
    """
    # The provider whose folder bears the id owns it; the other file is the one to change.
    # A provider a scoped check did not read owns its folder's name.
    owners_first = sorted(catalog.providers, key=lambda p: p.record.id != p.folder)
    unread = set(catalog.unread_providers)
    entries: list[tuple[str, Entry]] = [(p.record.id, p) for p in owners_first]
    for key, first, later in _duplicates(entries):
        yield _taken(key, first.source.name, later)
    for provider in owners_first:
        if provider.record.id in unread:
            yield _taken(provider.record.id, _provider_file(catalog, provider.record.id), provider)


def _provider_file(catalog: Catalog, folder: str) -> str:
    return (catalog.root / PROVIDERS_DIR / folder / PROVIDER_FILE).relative_to(catalog.repo_root).as_posix()


def _taken(key: str, owner: str, later: Entry) -> Violation:
    return Violation(f"the provider id '{key}' is already used by {owner}: choose another id", ("id",), later)


@rule("CAT02", "unique-course-number", csr("(4)(B)2"), scope="catalog")
def unique_course_numbers(catalog: Catalog, context: Context) -> Iterator[Violation]:
    """A provider lists each state course number once.

    Compliant:
        algebra-i-a.yaml    state_course_number: SMP-MA-110A
        algebra-i-b.yaml    state_course_number: SMP-MA-110B

    Non-compliant:
        algebra-i-a.yaml    state_course_number: SMP-MA-110A
        algebra-i-b.yaml    state_course_number: SMP-MA-110A
    """
    by_provider: defaultdict[str, list[tuple[str, Entry]]] = defaultdict(list)
    for course in catalog.courses:
        by_provider[course.folder].append((course.record.state_course_number, course))
    for entries in by_provider.values():
        for key, first, later in _duplicates(entries):
            # The file being submitted is the one to change, whichever sorts first.
            swap = context.is_changed(first) and not context.is_changed(later)
            kept, blamed = (later, first) if swap else (first, later)
            yield Violation(
                f"the state course number {key} is already used by {kept.source.name}: each "
                "course of a provider has its own number",
                ("state_course_number",),
                blamed,
            )


@rule("CAT03", "course-provider-exists", PROCEDURE, scope="catalog")
def course_provider_exists(catalog: Catalog, context: Context) -> Iterator[Violation]:
    """Every course's provider has a provider file in the catalog.

    Compliant:
        providers/bluestem-learning/provider.yaml exists
        providers/bluestem-learning/courses/spanish-i.yaml    provider: bluestem-learning

    Non-compliant:
        providers/new-vendor/courses/spanish-i.yaml    # and no providers/new-vendor/provider.yaml
    """
    # A provider file that did not load still stands in its folder.
    for course in catalog.courses:
        if course.folder not in catalog.provider_folders:
            yield Violation(
                f"there is no provider file for '{course.folder}': add "
                f"providers/{course.folder}/provider.yaml before its courses",
                ("provider",),
                course,
            )


@rule("CAT04", "file-matches-provider", PROCEDURE, scope="catalog")
def file_matches_provider(catalog: Catalog, context: Context) -> Iterator[Violation]:
    """A provider's id is its folder's name, and a course names the provider whose folder holds it.

    Compliant:
        providers/bluestem-learning/courses/spanish-i.yaml    provider: bluestem-learning

    Non-compliant:
        providers/bluestem-learning/courses/spanish-i.yaml    provider: summit-stem-courses
    """
    for provider in catalog.providers:
        if provider.record.id != provider.folder:
            yield Violation(
                f"the id '{provider.record.id}' does not match the folder '{provider.folder}': "
                "make them the same",
                ("id",),
                provider,
            )
    for course in catalog.courses:
        if course.record.provider != course.folder:
            yield Violation(
                f"this course names provider '{course.record.provider}' but is in the folder of "
                f"'{course.folder}': move the file or correct 'provider'",
                ("provider",),
                course,
            )


@rule("CAT05", "state-course-number-known", csr("(4)(B)2"), scope="course")
def state_course_number_known(entry: Entry, context: Context) -> Iterator[Violation]:
    """The course uses a course number established by the department (in the reference list).

    Compliant:
        state_course_number: SMP-MA-110A

    Non-compliant:
        state_course_number: MATH-101     # not a number DESE established
    """
    number = getattr(entry.record, "state_course_number", "")
    if number not in context.reference.course_numbers:
        yield Violation(
            f"{number} is not a state course number in catalog/reference/state_course_numbers.csv: "
            "use the number DESE established for this course",
            ("state_course_number",),
        )
