"""The two site engines, one site: MkDocs with Material for MkDocs (the default) and Zensical,
its successor, build the demo catalog into the same pages: the same text, headings, links and
structured data, the same sitemap and search index, byte-identical from build to build and
incrementally as in full. (The accessibility audit runs on both in `make audit`.)"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checks.build import build_site
from checks.build_report import BuildResult
from checks.cli import main
from checks.site.sort_orders import FILES_PREFIX
from checks.site.tools import PAGEFIND, ToolFailed, pagefind_command
from checks.site.zensical_runner import zensical_config
from tests.helpers import AS_OF, COURSE, REPO, digests, edit
from tests.site_fixtures import copy_repo

_ARTICLE = re.compile(r"<article[^>]*>(.*)</article>", re.DOTALL)
_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
_SITEMAP_URL = re.compile(r"<loc>([^<]*)</loc>")


class _Page(HTMLParser):
    """A page's article as a reader and a crawler meet it: text, headings and link targets."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url, self.words, self.headings, self.links = url, [], [], []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append((tag, found.get("id")))
        if tag == "a" and found.get("href"):
            self.links.append(_resolved(self.url, str(found["href"])))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.words += data.split()


def _resolved(page_url: str, href: str) -> str:
    """A link's target as a path from the site's root (so "/." and "/" are one address)."""
    if re.match(r"[a-z]+:", href) or href.startswith("#"):
        return href
    path, _, fragment = href.partition("#")
    joined = path if path.startswith("/") else posixpath.join("/" + posixpath.dirname(page_url), path)
    normal = posixpath.normpath(joined) + ("/" if path.endswith(("/", "/.")) or path in ("", ".") else "")
    return normal.replace("//", "/") + (f"#{fragment}" if fragment else "")


def _reading(
    site: Path, name: str
) -> tuple[list[str], list[tuple[str, str | None]], list[str], list[object]]:
    text = (site / name).read_text(encoding="utf-8")
    match = _ARTICLE.search(text)
    page = _Page(name)
    page.feed(match[1] if match else text)
    structured = [json.loads(block) for block in _JSON_LD.findall(text)]
    return page.words, page.headings, page.links, structured


@pytest.fixture(scope="module")
def zensical_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_site(REPO, tmp_path_factory.mktemp("zensical") / "site", AS_OF, engine="zensical")


def test_both_engines_build_the_same_pages(demo_build: BuildResult, zensical_build: BuildResult) -> None:
    mkdocs_site, zensical_site = demo_build.site_dir, zensical_build.site_dir
    pages = sorted(p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("*.html"))
    assert len(pages) > 90
    differing = [name for name in pages if _reading(mkdocs_site, name) != _reading(zensical_site, name)]
    assert differing == []
    course = _reading(zensical_site, "courses/river-bend-online/algebra-i-a/index.html")
    assert "Algebra I A" in " ".join(course[0]) and course[3]  # the comparison saw the page's content


def test_both_engines_list_the_same_pages_to_crawlers_and_to_search(
    demo_build: BuildResult, zensical_build: BuildResult
) -> None:
    def listed(site: Path) -> list[str]:
        return sorted(_SITEMAP_URL.findall((site / "sitemap.xml").read_text(encoding="utf-8")))

    assert listed(zensical_build.site_dir) == listed(demo_build.site_dir)
    # The site's search is Pagefind's: Zensical's own index is written, and empty.
    assert json.loads((zensical_build.site_dir / "search.json").read_text(encoding="utf-8"))["items"] == []

    def indexed(site: Path) -> dict[str, object]:
        entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
        return {language: index["page_count"] for language, index in entry["languages"].items()}

    assert indexed(zensical_build.site_dir) == indexed(demo_build.site_dir)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_pagefind_indexes_from_the_searchable_part_what_it_indexes_from_the_whole_page(
    engine: str, demo_build: BuildResult, zensical_build: BuildResult, tmp_path: Path
) -> None:
    site = (demo_build if engine == "mkdocs" else zensical_build).site_dir
    assert "--root-selector" in pagefind_command(site)
    whole = tmp_path / "whole-pages"
    subprocess.run([str(PAGEFIND), "--site", str(site), "--output-path", str(whole), "--silent"], check=True)
    built, walked = digests(site / "pagefind"), digests(whole)
    built = {name: digest for name, digest in built.items() if not name.startswith(FILES_PREFIX)}
    assert len(built) > 50 and built.keys() == walked.keys()
    assert [name for name in built if built[name] != walked[name]] == []


def test_zensical_builds_are_byte_identical(zensical_build: BuildResult, tmp_path: Path) -> None:
    again = build_site(REPO, tmp_path / "site", AS_OF, engine="zensical")
    first, second = digests(zensical_build.site_dir), digests(again.site_dir)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_zensical_incremental_build_equals_a_full_build(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True, engine="zensical")
    edit(repo, COURSE, {"description": "A rewritten description of Algebra I A."})
    build_site(repo, out, AS_OF, incremental=True, engine="zensical")
    html = (out / "courses/river-bend-online/algebra-i-a/index.html").read_text(encoding="utf-8")
    assert "A rewritten description of Algebra I A." in html
    # Shown on the course page alone: no page file changes, and Zensical is not run again.
    edit(repo, COURSE, {"syllabus": "https://example.org/algebra-i-a/syllabus"})
    again = build_site(repo, out, AS_OF, incremental=True, engine="zensical")
    assert "zensical (not needed)" in again.seconds
    full = build_site(repo, tmp_path / "full/site", AS_OF, engine="zensical")
    assert digests(out) == digests(full.site_dir)


def test_a_failed_zensical_build_says_why_and_leaves_the_previous_site(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    out = repo / "build/site"
    build_site(repo, out, AS_OF, engine="zensical")
    before = digests(out)
    guide = repo / "site/docs/enrolling.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[a page](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(ToolFailed, match=r"Zensical failed \(exit 1\):(.|\n)*no-such-page\.md"):
        build_site(repo, out, AS_OF, engine="zensical")
    assert digests(out) == before


def test_the_zensical_configuration_is_mkdocs_yml_beside_the_pages(tmp_path: Path) -> None:
    config = {"site_name": "MOCAP", "theme": "material", "plugins": ["search"]}
    written = zensical_config(config, tmp_path / "repo", tmp_path / "work/pages", tmp_path / "work/site")
    assert written == {
        "site_name": "MOCAP",
        "theme": {"variant": "classic", "name": "material"},
        "plugins": {"search": {"enabled": False}},
        "docs_dir": "pages",
        "site_dir": "site",
    }
    themed = {"theme": {"name": "material", "custom_dir": "site/overrides", "variant": "modern"}}
    written = zensical_config(themed, tmp_path / "repo", tmp_path / "work/pages", tmp_path / "work/site")
    assert written["theme"] == {
        "variant": "modern",
        "name": "material",
        "custom_dir": "../repo/site/overrides",
    }


def test_the_command_line_chooses_the_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = copy_repo(tmp_path)
    monkeypatch.chdir(repo)
    as_of = ["--as-of", AS_OF.isoformat()]
    assert main(["build", "--engine", "zensical", *as_of]) == 0
    assert "zensical " in capsys.readouterr().out  # the report's stage times name the engine
    assert (repo / "build/site/search.json").is_file()  # Zensical writes its (empty) index
    with pytest.raises(SystemExit) as refused:
        main(["build", "--engine", "hugo", *as_of])
    assert refused.value.code == 2
    assert "invalid choice: 'hugo' (choose from 'mkdocs', 'zensical')" in capsys.readouterr().err
