"""Catalog -> page files: our own step before MkDocs (no plugin or hook), so any builder that
reads ``mkdocs.yml`` can turn the same files into the site."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from checks.catalog import CourseEntry, ProviderEntry, slug
from checks.publish import Publication
from checks.reference.load import Reference
from checks.registry import ALL_RULES
from checks.site.deadlines import deadline_table
from checks.site.errors import BuildFailed
from checks.site.facets import course_filters, course_type_labels, facets, value_label
from checks.site.fieldref import field_reference
from checks.site.fingerprints import course_inputs
from checks.site.markup import code_spans, front_matter_text, heading_text, script_json, time_element, visible
from checks.site.opendata import JSON_NAME, XLSX_NAME
from checks.site.pour import POURED_TEMPLATES, Rendered, shell_path, shell_text
from checks.site.printed import PROGRAM_CATALOGS
from checks.site.propose import PROPOSE_DATA, PROVIDER_FILES, Submissions, propose_data, vendored_scripts
from checks.site.related import compare_facts, named_prerequisites, other_halves, year_total
from checks.site.rendered import RenderedTexts
from checks.site.views import (
    JOINING_WORDS,
    PACING_WORDS,
    CourseView,
    ProviderView,
    course_details,
    course_jsonld,
    course_texts,
    course_url,
    course_view,
    grade_label,
    grade_title,
    provider_view,
    term_label,
    title_order,
)
from checks.wording import counted

DOCS_DIR = "docs"
TEMPLATES_DIR = "templates"
MACROS = "_macros.j2"
SITE_TEMPLATES = f"site/{TEMPLATES_DIR}"
DEADLINES_FILE = "assets/business-days.json"
DATA_DIR = "data"  # the open-data files, written by write_open_data after the pages


class TemplateFailed(BuildFailed):
    """A page template of site/templates could not be rendered."""


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. courses/river-bend-online/algebra-i-a.md
    template: str
    context: dict[str, Any]
    # More of the context, made only if the page is rendered: from the same inputs as
    # ``context``, which its digest covers (checks.site.fingerprints).
    later: Callable[[], dict[str, Any]] | None = None

    @cached_property  # (asked for several times for each of 10,000 pages)
    def url(self) -> str:
        return page_url(self.path)


def page_url(path: str) -> str:
    """The address MkDocs (directory URLs) gives a docs file, relative to the site:
    index.md -> "", a/index.md -> a/, a/b.md -> a/b/, other files keep their path."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


@dataclass(frozen=True)
class Views:
    """What the pages show of each published entry, made before the pages: the printed
    catalogs are set from them meanwhile."""

    term: str
    courses: list[CourseView]  # by title
    providers: list[ProviderView]  # by name
    inputs: dict[str, bytes]  # each course's address -> the digest of what its view is made from
    # Each course's address -> its file and its provider's, which its page's details come from.
    sources: dict[str, tuple[CourseEntry, ProviderEntry]]


@dataclass(frozen=True)
class SiteContent:
    """What the generated pages show, for the open data written after them; the page files
    an earlier build left that were removed (their HTML goes too); and the data pages to pour
    into their kind's shell once MkDocs has built the shells (checks.site.pour)."""

    views: Views
    removed: list[str]  # page files of an earlier build that no longer exist
    written: list[str]  # page files this build wrote: new, or holding other bytes than before
    poured: list[Page]
    shells: dict[str, tuple[str, dict[str, object]]]  # docs file -> (its address, shared front matter)
    render: Callable[[Page], str]

    @property
    def shell_urls(self) -> list[str]:
        return [url for url, _ in self.shells.values()]


def make_views(
    publication: Publication,
    reference: Reference,
    as_of: dt.date,
    texts: RenderedTexts,
    known_views: Mapping[bytes, CourseView] | None = None,
) -> Views:
    """The views of the published entries. A course whose inputs' digest
    (checks.site.fingerprints) is in ``known_views`` gets that view instead of a new one."""
    providers = {p.folder: p for p in publication.providers}
    texts.prepare(text for c in publication.courses for text in course_texts(c))
    sources = {course_url(c): (c, providers[c.folder]) for c in publication.courses}
    # For an incremental build's page digests, and the views known by them.
    inputs = {
        url: course_inputs(c, provider, reference.digest, as_of) for url, (c, provider) in sources.items()
    }
    known = known_views or {}
    courses = sorted(
        (
            known.get(inputs[url]) or course_view(c, provider, reference, as_of, texts)
            for url, (c, provider) in sources.items()
        ),
        key=title_order,
    )
    provider_views = sorted(
        (provider_view(p) for p in publication.providers), key=lambda v: v.name.casefold()
    )
    return Views(term_label(publication.catalog_term), courses, provider_views, inputs, sources)


def generate_pages(
    publication: Publication,
    reference: Reference,
    views: Views,
    site_dir: Path,
    docs_dir: Path,
    site_url: str,
    as_of: dt.date,
    submissions: Submissions,
    files: dict[str, dict[str, Any]],
    pour: bool = True,
) -> SiteContent:
    """Write the site's own pages into ``docs_dir``, and for the data pages (one per published
    entry, subject and grade) one shell per kind; the data pages themselves are poured after
    MkDocs (``pour`` False writes them here too, for MkDocs to build).

    A file whose content is unchanged is not rewritten (its modification time tells MkDocs'
    dirty build what to redo), and files an earlier build wrote that no page produces now are
    removed."""
    before = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()}
    shutil.copytree(site_dir / DOCS_DIR, docs_dir, dirs_exist_ok=True)
    kept = {p.relative_to(site_dir / DOCS_DIR).as_posix() for p in (site_dir / DOCS_DIR).rglob("*")}
    term, courses, provider_views = views.term, views.courses, views.providers
    environment = _environment(site_dir / TEMPLATES_DIR)

    def render(page: Page) -> str:
        context = page.context if page.later is None else page.context | page.later()
        try:
            return visible(
                environment.get_template(page.template).render(
                    root="../" * page.url.count("/"), term=term, site_url=site_url, **context
                )
            )
        except jinja2.TemplateError as exc:
            raise _template_fault(page.template, exc) from None

    written: list[str] = []

    def write(place: str, text: str) -> None:
        kept.add(place)
        if _write_if_changed(docs_dir / place, text):
            written.append(place)

    poured: list[Page] = []
    shells: dict[str, tuple[str, dict[str, object]]] = {}

    def details(view: CourseView) -> dict[str, Any]:
        return {"details": course_details(*views.sources[view.url], reference)}

    for page in _pages(publication, reference, courses, provider_views, term, details):
        if not pour or page.template not in POURED_TEMPLATES:
            write(page.path, render(page))
            continue
        poured.append(page)
        shell = shell_path(page.template, page.url)
        if shell not in shells:  # the kind's first page gives the front matter all its pages share
            first = Rendered.parse(render(page), f"{SITE_TEMPLATES}/{page.template}")
            shells[shell] = (page_url(shell), first.fixed_meta)
            write(shell, shell_text(first))
    write(DEADLINES_FILE, _json_text(deadline_table(reference)))
    write(PROPOSE_DATA, _json_text(propose_data(reference, provider_views, as_of, submissions)))
    for provider, listed in files.items():
        write(PROVIDER_FILES.format(provider=provider), _json_text(listed))
    for place, script in vendored_scripts().items():
        write(place, script)
    removed = sorted(name for name in before - kept if not name.startswith(f"{DATA_DIR}/"))
    for name in removed:
        (docs_dir / name).unlink()
    return SiteContent(views, removed, written, poured, shells, render)


def _write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it, keeping its modification time; whether
    it was written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _json_text(data: object) -> str:
    return json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n"


def _grouped(
    courses: list[CourseView], keys: Callable[[CourseView], Iterable[str]]
) -> dict[str, list[CourseView]]:
    """Courses under each of their keys, in one pass, keeping the courses' order."""
    groups: dict[str, list[CourseView]] = defaultdict(list)
    for course in courses:
        for key in keys(course):
            groups[key].append(course)
    return groups


def _environment(templates: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        auto_reload=False,  # (the templates do not change during a build: no file time asked per page)
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        code_spans=code_spans,
        counted=counted,
        front=front_matter_text,
        heading=heading_text,
        script_json=script_json,
        slug=lru_cache(maxsize=None)(slug),  # (a few subjects and statuses, on every page)
        value_label=value_label,
    )
    environment.globals.update(
        course_filters=course_filters,
        course_type_labels=course_type_labels,
        pacing_words=PACING_WORDS,
        joining_words=JOINING_WORDS,
        year_total=year_total,
        compare_facts=compare_facts,
        program_catalogs=PROGRAM_CATALOGS,
        course_jsonld=course_jsonld,
        open_data={"json": JSON_NAME, "xlsx": XLSX_NAME},
        course_rows=_course_rows(environment),
        date=time_element,
    )
    # The macros, made once with the globals above, are every template's to call (imported,
    # they were made again for each page: a twentieth of a course page's rendering).
    try:
        macros = environment.get_template(MACROS).module
    except jinja2.TemplateError as exc:
        raise _template_fault(MACROS, exc) from None
    environment.globals.update({k: v for k, v in vars(macros).items() if isinstance(v, jinja2.runtime.Macro)})
    return environment


def _template_fault(name: str, exc: jinja2.TemplateError) -> TemplateFailed:
    """What is wrong in the templates, and where: a syntax error in its own file (perhaps one
    that ``name`` includes) and line; a missing template by its name."""
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateFailed(f"{SITE_TEMPLATES}/{exc.name} is missing: restore it from the repository")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateFailed(f"{SITE_TEMPLATES}/{exc.name or name}: line {exc.lineno}: {exc.message}")
    return TemplateFailed(f"{SITE_TEMPLATES}/{name}: {exc}")


def _course_rows(environment: jinja2.Environment) -> Callable[[list[CourseView], str, bool], Markup]:
    """The rows of a list of courses (the row macro of site/templates/_macros.j2, each ended by
    a line break), each made once per build for each place: at 10,000 courses a course is listed
    under its subject, each of its grades and its provider, and a grade's listing can hold 7,000
    rows."""
    rows: dict[tuple[int, str, bool], Markup] = {}

    def course_rows(courses: list[CourseView], root: str, show_provider: bool) -> Markup:
        made = []
        for course in courses:
            key = (id(course), root, show_provider)  # (the views live as long as the build)
            row = rows.get(key)
            if row is None:
                macro: Any = environment.globals["row"]
                row = rows[key] = macro(course, root, show_provider)
            made.append(f"{row}\n")
        return Markup("".join(made))  # noqa: S704 (rows the macro escaped) # nosec B704

    return course_rows


def _pages(
    publication: Publication,
    reference: Reference,
    courses: list[CourseView],
    providers: list[ProviderView],
    term: str,
    details: Callable[[CourseView], dict[str, Any]],
) -> Iterator[Page]:
    program = reference.program
    yield Page(
        "index.md",
        "home.md.j2",
        {
            "course_count": len(courses),
            "provider_count": len(providers),
            "decision_days": program.enrollment_decision_business_days,
        },
    )
    yield Page("catalog/index.md", "catalog.md.j2", {"facets": facets(courses), "course_count": len(courses)})
    yield Page("search/index.md", "search.md.j2", {})
    yield Page("compare/index.md", "compare.md.j2", {})
    yield Page("submitting/propose/index.md", "propose.md.j2", {})
    by_provider = _grouped(courses, lambda c: (c.provider_id,))
    partners, prerequisites = other_halves(courses), named_prerequisites(courses)
    for course in courses:
        related = {
            "course": course,
            "partner": partners.get(course.id),
            "prerequisite_courses": prerequisites.get(course.id, ()),
        }
        yield Page(f"{course.url.rstrip('/')}.md", "course.md.j2", related, partial(details, course))
    yield Page("providers/index.md", "providers.md.j2", {"providers": providers})
    for provider in providers:
        own = by_provider.get(provider.id, [])
        yield Page(f"{provider.url.rstrip('/')}.md", "provider.md.j2", {"provider": provider, "courses": own})
    by_subject = _grouped(courses, lambda c: (c.subject,))
    subjects = sorted(by_subject)
    yield Page(
        "subjects/index.md", "subjects.md.j2", {"subjects": [(s, len(by_subject[s])) for s in subjects]}
    )
    for subject in subjects:
        yield Page(
            f"subjects/{slug(subject)}.md",
            "listing.md.j2",
            {"title": subject, "courses": by_subject[subject]},
        )
    by_grade = _grouped(courses, lambda c: c.grade_list)
    grades = [grade_label(g) for g in range(13)]
    yield Page(
        "grades/index.md",
        "grades.md.j2",
        {"grades": [(g, grade_title(g), len(by_grade.get(g, []))) for g in grades]},
    )
    for grade in grades:
        own = by_grade.get(grade, [])
        yield Page(
            f"grades/{grade.lower()}.md", "listing.md.j2", {"title": grade_title(grade), "courses": own}
        )
    new_since = publication.catalog_term.preceding().deadline(program)
    new = sorted(
        (c for c in courses if c.approved_on and c.approved_on >= new_since),
        key=lambda c: (c.approved_on, c.id),
        reverse=True,
    )
    yield Page("new/index.md", "new.md.j2", {"courses": new, "since": new_since})
    yield Page("feed.xml", "feed.xml.j2", {"courses": new, "since": new_since})
    yield Page("rules.md", "rules.md.j2", {"rules": ALL_RULES})
    yield Page("submitting/fields.md", "fields.md.j2", {"sections": field_reference()})
    yield Page(
        "data/index.md",
        "data.md.j2",
        {"course_count": len(courses), "provider_count": len(providers)},
    )
