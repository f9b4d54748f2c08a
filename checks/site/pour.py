"""Data pages poured into the theme's own page chrome, without going through Markdown.

A course, provider or listing page is HTML already, but for its first-line heading. Sent
through MkDocs, each was parsed by Python-Markdown and again by MkDocs: most of a large build's
time. Instead MkDocs builds one *shell* page per page kind, as deep in the site as the pages of
that kind (so every relative address in the chrome is right for them), with marker text where a
page's own title, description, address, heading and body go. Each data page is then the shell
with its markers replaced: the header, navigation, footer, Content-Security-Policy and scripts
stay exactly the theme's. The sitemap lists the poured pages in place of the shells.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import html
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from markdown.extensions.toc import slugify

from checks.shares import shared_map
from checks.site.errors import BuildFailed
from checks.site.fingerprints import Digests
from checks.site.markup import AS_IS_IN_DOUBLE_QUOTES
from checks.yamlfile import YamlProblem, parse

if TYPE_CHECKING:  # the pages module makes the content poured here; the build keeps engine pages
    from checks.site.engine_pages import EnginePages
    from checks.site.pages import Page, SiteContent

POURED_TEMPLATES = frozenset({"course.md.j2", "provider.md.j2", "listing.md.j2"})
SHELL = "_shell"  # no id or slug has "_": a shell's address is never a page's; never published
_TITLE, _DESCRIPTION = "mocap-shell-title", "mocap-shell-description"
_HEADING = "mocap-shell-heading"
_BODY = "<!-- mocap-shell-body -->"


class ShellUnusable(BuildFailed):
    """The theme's page no longer has a place the pour fills, or a page differs from its shell."""


def shell_path(template: str, url: str) -> str:
    """The docs file of the shell for pages of ``template`` in ``url``'s top folder and at its
    depth, so that each relative address of the chrome is written as for the pages."""
    top, depth = url.split("/", maxsplit=1)[0], url.count("/")
    return "/".join([top, *[SHELL] * (depth - 2), f"{SHELL}-{template.removesuffix('.md.j2')}.md"])


def shell_folder(shell_url: str) -> str:
    """The folder of a shell's page that holds only shells: ``courses/_shell`` for
    ``courses/_shell/_shell-course/``, ``subjects/_shell-listing`` for itself."""
    return "/".join(shell_url.split("/")[:2])


@dataclass(frozen=True)
class Rendered:
    """A data page as its template wrote it: front matter and Markdown-free body."""

    meta: dict[str, object]
    body: str

    @classmethod
    def parse(cls, text: str, name: str) -> Rendered:
        front, separator, body = text.removeprefix("---\n").partition("\n---\n")
        if not text.startswith("---\n") or not separator:
            raise ShellUnusable(f"{name}: a poured page starts with its front matter")
        meta: object = _plain_front_matter(front)
        if meta is None:
            try:
                meta = parse(front)  # (the catalog's own loader: safe, and a third faster than PyYAML's)
            except YamlProblem as exc:
                where = f"line {exc.line} of its front matter" if exc.line else "its front matter"
                raise ShellUnusable(f"{name}: {where}: {exc.message}") from None
        return cls(meta if isinstance(meta, dict) else {}, body)

    @property
    def fixed_meta(self) -> dict[str, object]:
        """The front matter every page of a shell shares (all but its title and description)."""
        return {k: v for k, v in self.meta.items() if k not in ("title", "description")}


# The front matter the data page templates write: a title and a description, quoted (as
# front_matter_text writes most of them: a text that is itself between the quotes), and lines of
# one field and one word, the same on every page of a kind.
_QUOTED_LINE = re.compile(rf'(title|description): "({AS_IS_IN_DOUBLE_QUOTES})"')
_WORD_LINE = re.compile(r"[a-z_]+: [\w.-]+")


def _plain_front_matter(front: str) -> dict[str, object] | None:
    """The data of front matter made only of such lines, as the YAML loader reads it: the
    quoted values as they are, the other lines read once for all the pages that share them (8 %
    of a whole build's pour). None for any other front matter: the loader reads it."""
    quoted: dict[str, object] = {}
    words = []
    for line in front.split("\n"):
        if (match := _QUOTED_LINE.fullmatch(line)) and match[1] not in quoted:
            quoted[match[1]] = match[2]
        elif _WORD_LINE.fullmatch(line):
            words.append(line)
        else:
            return None
    shared = _word_lines("\n".join(words))
    if shared is None or shared.keys() & quoted.keys():
        return None
    return {**quoted, **shared}


@lru_cache(maxsize=64)
def _word_lines(text: str) -> dict[str, object] | None:
    """Lines of one field and one word, as the loader reads them; None where it does not read
    them as one mapping (a field twice). Shared between pages: never changed."""
    try:
        data = parse(text) if text else {}
    except YamlProblem:
        return None
    return data if isinstance(data, dict) else None


def shell_text(first: Rendered) -> str:
    """The shell page's file: the kind's shared front matter, marker title and description,
    a Markdown heading (so the theme draws its skip link) and the place of the body."""
    meta = {**first.fixed_meta, "title": _TITLE, "description": _DESCRIPTION}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n\n# {_HEADING}\n\n{_BODY}\n"


# The data pages' one line of Markdown: "# Heading text". Attributes ("{ ... }", attr_list)
# are refused: no template has any, and MkDocs would make them attributes of the heading.
_HEADING_LINE = re.compile(r"^# (?P<text>.*?)(?: \{ *(?P<attrs>[^{}]*?) *\})?[ \t]*$", re.MULTILINE)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")


def heading_html(body: str, name: str) -> tuple[str, str]:
    """The body with its heading line as the HTML Python-Markdown (toc) makes of it, and the
    heading's id."""
    match = _HEADING_LINE.search(body)
    if match is None:
        raise ShellUnusable(f"{name}: a poured page has a '# ' heading line")
    if match["attrs"] is not None:
        raise ShellUnusable(f"{name}: a poured heading takes no attributes ({{ {match['attrs']} }})")
    text = _ESCAPED.sub(r"\1", match["text"])
    ident = slugify(html.unescape(re.sub(r"<[^>]*>", "", text)), "-") or "_1"
    heading = f'<h1 id="{ident}">{text}</h1>'
    return body[: match.start()] + heading + body[match.end() :], ident


@dataclass(frozen=True)
class Shell:
    """A built shell page cut at its markers: literal parts and the names of the slots between."""

    parts: tuple[str, ...]
    fixed_meta: dict[str, object]

    def digest(self) -> str:
        return hashlib.sha256("\0".join(self.parts).encode()).hexdigest()[:16]

    @classmethod
    def cut(cls, built: str, shell_url: str, site_url: str, fixed_meta: dict[str, object]) -> Shell:
        heading = re.compile(rf"<h1 id=\"{_HEADING}\">{_HEADING}</h1>\s*{re.escape(_BODY)}")
        markers = {
            "body": heading.pattern,
            "skip": re.escape(f'href="#{_HEADING}"'),
            "canonical": re.escape(f'href="{site_url}{shell_url}"'),
            "title": re.escape(_TITLE),
            "description": re.escape(_DESCRIPTION),
        }
        pattern = re.compile("|".join(f"(?P<{name}>{regex})" for name, regex in markers.items()))
        parts: list[str] = []
        found: set[str] = set()
        at = 0
        for match in pattern.finditer(built):
            parts += [built[at : match.start()], f"\0{match.lastgroup}"]
            found.add(str(match.lastgroup))
            at = match.end()
        parts.append(built[at:])
        # Zensical's theme skips to a fixed anchor of its own, not to the first heading.
        missing = sorted(set(markers) - found - {"skip"})
        if missing or any(SHELL in part or _HEADING in part for part in parts[::2]):
            raise ShellUnusable(
                f"the theme's page for {shell_url} no longer has a place for: {', '.join(missing) or 'all'}"
            )
        return cls(tuple(parts), fixed_meta)

    def fill(self, page: Rendered, url: str, site_url: str, name: str) -> str:
        if page.fixed_meta != self.fixed_meta:
            raise ShellUnusable(f"{name}: its front matter differs from its kind's ({self.fixed_meta})")
        body, ident = heading_html(page.body, name)
        values = {
            "body": body.strip("\n"),
            "skip": f'href="#{ident}"',
            "canonical": f'href="{site_url}{url}"',
            "title": str(page.meta.get("title", "")),
            "description": str(page.meta.get("description", "")),
        }
        return "".join(values[part[1:]] if part.startswith("\0") else part for part in self.parts)


def sitemap_with(
    site: Path, shell_urls: Iterable[str], urls: Iterable[str], site_url: str, day: dt.date
) -> None:
    """The sitemap (and its gzip copy) listing the poured pages in place of the shells."""
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    shells = {f"{site_url}{u}" for u in shell_urls}
    entry = re.compile(r"\s*<url>\s*<loc>(?P<loc>[^<]*)</loc>.*?</url>", re.DOTALL)
    template = next((m for m in entry.finditer(text) if m["loc"] in shells), None)
    if template is None:
        raise ShellUnusable("the sitemap lists no shell page, so the poured pages have no place in it")
    kept = entry.sub(lambda m: "" if m["loc"] in shells else m[0], text)
    added = "".join(template[0].replace(template["loc"], html.escape(f"{site_url}{u}")) for u in sorted(urls))
    close = kept.rindex("</urlset>")
    text = kept[:close].rstrip("\n") + added + "\n" + kept[close:]
    sitemap.write_text(text, encoding="utf-8")
    stamp = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp()
    with (site / "sitemap.xml.gz").open("wb") as file, gzip.GzipFile("", "wb", 9, file, stamp) as packed:
        packed.write(text.encode("utf-8"))


@dataclass(frozen=True)
class Poured:
    pages: int  # every data page now in the site
    rendered: int  # those rendered by this build: the others were poured before from the same values


def page_digests(content: SiteContent, site_url: str) -> dict[str, str]:
    """The digest of what each data page of ``content`` is made from (checks.site.fingerprints),
    by its address."""
    views = {id(view): content.views.inputs[view.url] for view in content.views.courses}
    digests = Digests(content.views.term, site_url, views)
    return {page.url: digests.page(page.template, page.url, page.context) for page in content.poured}


@dataclass(frozen=True)
class Remembered:
    """What an incremental build pours against: the file listing the pages it poured last time
    (each with its digest), the digests of this build's pages (page_digests), and where the
    engine's pages the pour replaces are kept for the next build (checks.site.engine_pages)."""

    manifest: Path
    digests: Mapping[str, str]
    engine_pages: EnginePages


def pour_pages(
    content: SiteContent, site: Path, site_url: str, day: dt.date, remembered: Remembered | None
) -> Poured:
    """Write every data page into ``site`` from its kind's built shell; list them in the sitemap;
    remove the shells, and the pages an earlier build in the same folder poured that this one
    does not. With ``remembered`` (an incremental build), a page whose digest and shell are
    those of the last pour is not rendered again, and the manifest is written anew; a build
    from scratch, whose folder is not kept, needs no digest."""
    shells = {
        path: Shell.cut(_read(site / url / "index.html"), url, site_url, meta)
        for path, (url, meta) in content.shells.items()
    }
    shell_digests = {path: shell.digest() for path, shell in shells.items()}
    previous = _manifest(remembered.manifest) if remembered else {}
    poured: dict[str, str] = {}
    due: list[Page] = []
    top = str(site)  # (asked of 10,000 pages: by Path 0.09-0.13 s, by string 0.03-0.04 s)
    for page in content.poured:
        url = page.url
        digest = (
            f"{shell_digests[shell_path(page.template, url)]}:{remembered.digests[url]}" if remembered else ""
        )
        poured[url] = digest
        if previous.get(url) != digest or not os.path.isfile(f"{top}/{url}index.html"):  # noqa: PTH113
            due.append(page)  # (nothing is remembered for a whole build: every page is due)

    def render(page: Page) -> None:
        output = site / page.url / "index.html"
        name = f"site/templates/{page.template} for {page.url}"
        shell = shells[shell_path(page.template, page.url)]
        data = shell.fill(Rendered.parse(content.render(page), name), page.url, site_url, name).encode()
        # Unchanged keeps its time (a whole build's site is new: the same bytes again do no harm).
        if not (remembered and output.is_file() and output.read_bytes() == data):
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(data)

    shared_map(render, due)  # (a whole build's pages, in two processes)
    if remembered and shells:
        remembered.engine_pages.keep(site)  # (the shells, moved out, and the engine's sitemap)
    if shells:
        sitemap_with(site, content.shell_urls, poured, site_url, day)
    for folder in {shell_folder(url) for url in content.shell_urls}:
        shutil.rmtree(site / folder, ignore_errors=True)
    for url in sorted(set(previous) - set(poured)):
        (site / url / "index.html").unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # a folder that holds other pages stays
            (site / url).rmdir()
    if remembered:
        listed = "".join(f"{url}\t{digest}\n" for url, digest in poured.items())
        remembered.manifest.write_text(listed, encoding="utf-8")
    return Poured(len(poured), len(due))


def _manifest(manifest: Path) -> dict[str, str]:
    """The pages the last build poured, with their digests ("" where none was noted)."""
    if not manifest.is_file():
        return {}
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return {url: digest for url, _, digest in (line.partition("\t") for line in lines) if url}


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ShellUnusable(f"MkDocs did not build the shell page {path}") from None
