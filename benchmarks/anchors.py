"""The anchors the site build is held against, on the same pages in the same page chrome: Hugo
(a compiled static-site generator) and jinja2 writing HTML straight to disk (the floor of any
Python build). Pagefind then indexes Hugo's output, as it indexes ours.

    python -m benchmarks.anchors content REPO FOLDER   # from REPO's built site: FOLDER/hugo
    python -m benchmarks.anchors jinja2 FOLDER OUT      # FOLDER/hugo/content -> OUT, with jinja2

``content`` writes each data page's body (course, provider, listing; the same text the build
pours) as a Hugo content file with its title, and the chrome of a built course page (header,
navigation, footer, styles and scripts) as the layout of every page. Only the bodies and the
titles differ from page to page, as in the build.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import jinja2
from markupsafe import Markup

from benchmarks.unpoured import page_files
from checks.site.pour import Rendered, heading_html

CONTENT_FILE = "_index.html"  # a branch bundle: a listing page may hold pages below it
_ARTICLE = re.compile(r"(<article[^>]*>)(.*)(</article>)", re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
HUGO_CONFIG = """baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS"]
uglyURLs = false
"""


def chrome(built_page: str) -> tuple[str, str]:
    """A built page's HTML before and after its article's content, the title a slot."""
    match = _ARTICLE.search(built_page)
    if match is None:
        raise SystemExit("the built course page has no <article>: build the site first")
    before, after = built_page[: match.end(1)], built_page[match.start(3) :]
    return _TITLE.sub("<title>\0TITLE</title>", before, count=1), after


def write_content(repo: Path, folder: Path) -> int:
    """The Hugo site of every data page; the number of pages."""
    site = repo / "build/site"
    built = next(site.glob("courses/*/*/index.html"), None) or next(site.glob("courses/*/index.html"))
    before, after = chrome(built.read_text(encoding="utf-8"))
    content = page_files(repo, folder / "docs", pour=True)
    hugo = folder / "hugo"
    # The built page marks its article's content for Pagefind: the content cut out, so mark it.
    body = "<div data-pagefind-body>{}</div>"
    layout = "".join(
        part.replace("\0TITLE", "{{ .Title }}") for part in (before, body.format("{{ .Content }}"), after)
    )
    for name in ("list.html", "single.html"):
        (hugo / "layouts/_default").mkdir(parents=True, exist_ok=True)
        (hugo / "layouts/_default" / name).write_text(layout, encoding="utf-8")
    (hugo / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (folder / "chrome.html.j2").write_text(
        "".join(
            part.replace("\0TITLE", "{{ title }}") for part in (before, body.format("{{ body }}"), after)
        ),
        encoding="utf-8",
    )
    for page in content.poured:
        rendered = Rendered.parse(content.render(page), page.url)
        body, _ = heading_html(rendered.body, page.url)
        target = hugo / "content" / page.url / CONTENT_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        title = json.dumps(str(rendered.meta.get("title", "")), ensure_ascii=False)
        target.write_text(f"---\ntitle: {title}\n---\n{body}", encoding="utf-8")
    return len(content.poured)


def write_with_jinja2(folder: Path, out: Path) -> int:
    """Every content file of the Hugo site, in the same chrome, written by jinja2."""
    environment = jinja2.Environment(autoescape=True)
    template = environment.from_string((folder / "chrome.html.j2").read_text(encoding="utf-8"))
    content = folder / "hugo/content"
    written = 0
    for source in content.rglob(CONTENT_FILE):
        front, _, body = source.read_text(encoding="utf-8").removeprefix("---\n").partition("\n---\n")
        title = json.loads(front.removeprefix("title: "))
        target = out / source.parent.relative_to(content) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        page = Markup(body)  # noqa: S704 - the build's own pages # nosec B704
        target.write_text(template.render(title=title, body=page))
        written += 1
    return written


def main(mode: str, source: Path, out: Path) -> int:
    if mode == "content":
        write_content(source, out)
    else:
        write_with_jinja2(source, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])))
