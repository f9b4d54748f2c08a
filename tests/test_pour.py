"""Data pages poured into their kind's shell are the pages MkDocs itself would have built from
the same files: the same text, links, scripts and structure, hostile text included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.build import build_site
from checks.site.pour import Rendered, ShellUnusable, _plain_front_matter, heading_html
from checks.yamlfile import YamlProblem, parse
from tests.helpers import AS_OF, COURSE, PROVIDER, edit
from tests.site_fixtures import copy_repo

HOSTILE_TITLE = 'Algebra <b>I</b> & "friends" [1] *(x)* #2 | y {z} \\ end'


def _normalized(text: str) -> str:
    """The page without the blank lines Markdown and the templates leave differently."""
    return re.sub(r"\n\s*\n", "\n", re.sub(r"[ \t]+\n", "\n", text)).strip()


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*")
        if p.suffix in (".html", ".xml") and "pagefind" not in p.parts
    }


def test_poured_pages_are_the_pages_mkdocs_builds(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    edit(repo, COURSE, {"title": HOSTILE_TITLE})
    edit(repo, PROVIDER, {"legal_name": 'River <i>Bend</i> & Co\'s "online" (sample)'})
    poured = build_site(repo, tmp_path / "poured/site", AS_OF)
    built = build_site(repo, tmp_path / "mkdocs/site", AS_OF, pour=False)
    mine, theirs = _pages(poured.site_dir), _pages(built.site_dir)
    assert sorted(mine) == sorted(theirs)
    for name in sorted(theirs):
        if name == "sitemap.xml":
            continue
        assert _normalized(mine[name]) == _normalized(theirs[name]), name
    locs = re.compile(r"<loc>([^<]*)</loc>")
    assert sorted(locs.findall(mine["sitemap.xml"])) == sorted(locs.findall(theirs["sitemap.xml"]))
    assert not any("_shell" in text for text in mine.values())
    page = mine["courses/river-bend-online/algebra-i-a/index.html"]
    assert "<title>Algebra &lt;b&gt;I&lt;/b&gt; &amp; &quot;friends&quot;" in page
    assert '<h1 id="algebra-bib-friends-1-x-2-y-z-end">' in page


def test_a_heading_that_slugs_to_nothing_gets_markdowns_id() -> None:
    body, ident = heading_html("<nav>x</nav>\n\n# \\*\\!\\*\n\n<p>y</p>\n", "p")
    assert ident == "_1"
    assert body == '<nav>x</nav>\n\n<h1 id="_1">*!*</h1>\n\n<p>y</p>\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "p: a poured page starts with its front matter"),
        ("---\ntitle: x\n---\n<p>no heading</p>\n", "p: a poured page has a '# ' heading line"),
        (
            "---\ntitle: x\n---\n# X { .class }\n",
            "p: a poured heading takes no attributes ({ .class })",
        ),
        (
            '---\ntitle: x\n---\n# X { a="b" }\n',
            'p: a poured heading takes no attributes ({ a="b" })',
        ),
        (
            "---\ntitle: x\nkind: course\nkind: course\n---\n# X\n",
            "p: line 3 of its front matter: the field 'kind' appears twice (first on line 2); keep only one",
        ),
    ],
)
def test_a_page_the_pour_cannot_take_is_named(text: str, message: str) -> None:
    with pytest.raises(ShellUnusable) as caught:
        page = Rendered.parse(text, "p")
        heading_html(page.body, "p")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "front",
    [
        'title: "Algebra I"\ndescription: "Algebra: a #1 course"\ntemplate: entry.html\nkind: course',
        'description: ""\ntitle: "  spaced  "\nkind: provider',
        'title: "x"\nkind: yes\nsearch: true\norder: 3\nweight: 1.5\nwhen: 2026-01-01',
        'title: "A \\"quoted\\" \\\\ title"\nkind: course',
        "title: 'single'\nkind: course",
        'title: "back\\\\slash"',
        "kind: 'a\ntitle: \"inside a text\"\nend: b'",
        'kind: [a,\ntitle: "x"]',
        'title: "x"\ntitle: "y"',
        'title: "x"\ntitle: y',
        'kind: course\n# a comment\nlabel: "x"',
    ],
)
def test_front_matter_is_read_as_the_yaml_loader_reads_it(front: str) -> None:
    # Most front matter is read without the loader (checks.site.pour._plain_front_matter):
    # whatever it holds, the data or the fault is the loader's.
    text = f"---\n{front}\n---\n# X\n"
    try:
        expected: object = parse(front)
    except YamlProblem as problem:
        with pytest.raises(ShellUnusable, match=re.escape(problem.message)):
            Rendered.parse(text, "p")
    else:
        assert Rendered.parse(text, "p").meta == expected


def test_the_data_pages_front_matter_is_read_without_the_loader() -> None:
    front = 'title: "Algebra I (River Bend)"\ndescription: "Algebra I: x"\ntemplate: entry.html\nkind: course'
    assert _plain_front_matter(front) == {
        "title": "Algebra I (River Bend)",
        "description": "Algebra I: x",
        "template": "entry.html",
        "kind": "course",
    }
