"""Submitter text on its way to HTML: the safe Markdown subset and the escaping helpers."""

from __future__ import annotations

import html
import json

import pytest
import yaml

from checks.site.fieldref import field_reference
from checks.site.markup import front_matter_text, plain_text, safe_markdown, script_json


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "*Fine* and **bold** and `code`",
            "<p><em>Fine</em> and <strong>bold</strong> and <code>code</code></p>\n",
        ),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        (
            "[site](https://example.org)",
            '<p><a href="https://example.org" rel="noopener noreferrer">site</a></p>\n',
        ),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ("[x](data:text/html,hi)", "<p>[x](data:text/html,hi)</p>\n"),
        ("# Heading", "<p># Heading</p>\n"),
        (
            "![img](https://example.org/a.png)",
            '<p>!<a href="https://example.org/a.png" rel="noopener noreferrer">img</a></p>\n',
        ),
    ],
)
def test_safe_markdown_keeps_the_subset_and_nothing_else(text: str, html: str) -> None:
    assert safe_markdown(text) == html


def test_plain_text_drops_markup_and_decodes_entities() -> None:
    assert plain_text("*Fish* & <chips>\n\n- more") == "Fish & <chips> more"


def test_front_matter_text_is_a_quoted_yaml_string_escaped_for_html() -> None:
    assert front_matter_text('A <b>"B"</b> \\ C') == '"A &lt;b&gt;&quot;B&quot;&lt;/b&gt; \\\\ C"'


def test_script_json_cannot_close_its_script_element() -> None:
    text = script_json({"name": "</script><script>alert(1)</script> & more"})
    assert "</script>" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & more"}


def test_field_reference_follows_the_schema_into_groups() -> None:
    provider, course = field_reference()
    rows = {row.path: row for row in course.rows}
    assert rows["price"].kind == "number"
    assert rows["price"].clause == "161.670.3(3) RSMo"
    assert rows["teacher_certification.attested_on"].kind == "date (YYYY-MM-DD)"
    assert rows["length"].kind == "one of: semester, year"
    assert "communication.direct_verbal.method" in {row.path for row in provider.rows}


@pytest.mark.parametrize(
    "title",
    [
        "Algebra\x7f I",
        "Algebra\x85 I",
        'A "quoted": title',
        "--- front: matter",
        "{: .md-button onclick=x }",
        "é\u202e",
    ],
)
def test_front_matter_is_always_read_back_as_the_same_text(title: str) -> None:
    written = str(front_matter_text(title))
    assert yaml.safe_load(f"title: {written}\n") == {
        "title": html.escape(" ".join(title.split()), quote=True)
    }


def test_front_matter_text_is_written_as_pyyaml_itself_writes_it() -> None:
    # The build uses libyaml's emitter for speed: every character it may meet is written as
    # PyYAML's own emitter writes it, so pages stay byte for byte what they were.
    characters = [chr(c) for c in (*range(0x3100), 0xFEFF, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF, 0xE000)]
    for text in [*characters, "".join(characters[::7]), "  lead and trail  ", "a" * 5_000 + " b"]:
        escaped = html.escape(" ".join(text.split()), quote=True)
        own = yaml.dump(
            escaped, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=1_000_000
        )
        assert str(front_matter_text(text)) == own.removesuffix("\n"), repr(text)
