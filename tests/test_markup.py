"""Submitter text on its way to HTML: the safe Markdown subset and the escaping helpers."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import pytest
import yaml

from checks.site.fieldref import field_reference
from checks.site.markup import (
    front_matter_text,
    markdown_forms,
    plain_text,
    safe_markdown,
    script_json,
    time_element,
)
from checks.site.rendered import RenderedTexts
from checks.texts import HIDDEN_CHARACTERS


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


@pytest.mark.parametrize(
    "text",
    [
        "",
        "*Fish* & <chips>\n\n- more",
        "[x](javascript:alert(1)) and [site](https://example.org)",
        "<script>alert(1)</script>\n\n1. one\n2. `two`",
    ],
)
def test_markdown_forms_are_the_safe_html_and_the_plain_text(text: str) -> None:
    assert markdown_forms(text) == (safe_markdown(text), plain_text(text))


def test_rendered_texts_are_recalled_from_the_last_run_and_only_the_texts_used_are_kept(
    tmp_path: Path,
) -> None:
    held = tmp_path / "texts.json"
    held.write_text(
        json.dumps(
            {"version": 1, "texts": {"*a*": ["<p>as recalled</p>", "as recalled"], "unused": ["", ""]}}
        ),
        encoding="utf-8",
    )
    texts = RenderedTexts.read(held)
    assert (texts.html("*a*"), texts.plain("*a*")) == ("<p>as recalled</p>", "as recalled")
    assert (texts.html("*b*"), texts.plain("*b*")) == markdown_forms("*b*")
    texts.write(held)
    assert json.loads(held.read_text(encoding="utf-8"))["texts"] == {
        "*a*": ["<p>as recalled</p>", "as recalled"],
        "*b*": list(markdown_forms("*b*")),
    }


@pytest.mark.parametrize(
    "written",
    ["{", json.dumps({"version": 0, "texts": {}}), json.dumps({"version": 1, "texts": {"*a*": [1, None]}})],
    ids=["cut short", "another version", "not rendered texts"],
)
def test_rendered_texts_that_cannot_be_used_are_rendered_again(tmp_path: Path, written: str) -> None:
    (tmp_path / "texts.json").write_text(written, encoding="utf-8")
    assert RenderedTexts.read(tmp_path / "texts.json").html("*a*") == safe_markdown("*a*")


def test_front_matter_text_is_a_quoted_yaml_string_escaped_for_html() -> None:
    assert front_matter_text('A <b>"B"</b> \\ C') == '"A &lt;b&gt;&quot;B&quot;&lt;/b&gt; \\\\ C"'


def test_hidden_characters_do_not_survive_as_escapes_in_front_matter_or_script_json() -> None:
    hostile = "A\x01l\x0bg\x1fe\x7fb\x9br\u202ea\u2066 I"
    assert yaml.safe_load(str(front_matter_text(hostile))) == "Algebra I"
    cleaned = {"title": ["Algebra I"], "Algebra I": 1}
    assert json.loads(str(script_json({"title": [hostile], hostile: 1}))) == cleaned


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
def test_front_matter_is_always_read_back_as_the_same_visible_text(title: str) -> None:
    written = str(front_matter_text(title))
    assert yaml.safe_load(f"title: {written}\n") == {
        "title": html.escape(" ".join(HIDDEN_CHARACTERS.sub("", title).split()), quote=True)
    }


def test_front_matter_text_is_written_as_pyyaml_itself_writes_it() -> None:
    # The build uses libyaml's emitter for speed: every character it may meet is written as
    # PyYAML's own emitter writes it, so pages stay byte for byte what they were.
    characters = [chr(c) for c in (*range(0x3100), 0xFEFF, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF, 0xE000)]
    for text in [*characters, "".join(characters[::7]), "  lead and trail  ", "a" * 5_000 + " b"]:
        escaped = html.escape(" ".join(HIDDEN_CHARACTERS.sub("", text).split()), quote=True)
        own = yaml.dump(
            escaped, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=1_000_000
        )
        assert str(front_matter_text(text)) == own.removesuffix("\n"), repr(text)
    # Beyond the width the emitter folds the line (libyaml's way, as before).
    long = "ab " * 333_340
    folded = yaml.dump(
        long.strip(), Dumper=yaml.CSafeDumper, default_style='"', allow_unicode=True, width=1_000_000
    )
    assert str(front_matter_text(long)) == folded.removesuffix("\n") and "\n" in folded


def test_a_day_is_shown_in_words_and_given_to_machines_as_iso_8601() -> None:
    assert time_element(dt.date(2027, 1, 1)) == '<time datetime="2027-01-01">January 1, 2027</time>'
    assert time_element(None) == "not recorded"
