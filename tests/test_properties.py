"""Property tests: generated and mutated catalog files never make a command fail with a fault.
Whatever a file holds, ``check``, the build's loading and ``review`` end in located problems
or success (never an exception, never INT01)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.catalog import load_catalog
from checks.check import check_loaded
from checks.problems import Report
from checks.reference.load import Reference, load_reference
from checks.registry import ALL_RULES
from checks.reporters import REPORTERS
from checks.review import Decision, ReviewRefused, record_decision
from checks.rules import characters, placeholders, student_data
from checks.rules.loading import DUPLICATE_KEY, NO_ALIASES
from checks.rules.student_data import (
    CERTIFICATE_NUMBER,
    EMAIL,
    MOSIS_ID,
    PERSON_NUMBER,
    PERSONAL_PHONE,
    SSN,
)
from checks.texts import FileTexts, fold, lowered_text
from checks.yamlfile import YamlProblem, parse
from tests.helpers import AS_OF, COURSE, PROVIDER, REPO, copy_catalog

CODES = {r.code for r in ALL_RULES}
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples in every run, so CI is repeatable
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Characters that matter to YAML, to Markdown and to the guards, and some that no file should hold.
ALPHABET = st.sampled_from(
    list(" \t\n:-#'\"[]{},&*!|>%@`?=+0123456789abcXYZéß€\u202e\u200b\x7f\x0b\x85\ufeff\U0001f600")
)
TEXT = st.text(ALPHABET, max_size=40)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_catalog(tmp_path_factory.mktemp("properties"))


@pytest.fixture(scope="module")
def reference(repo: Path) -> Reference:
    return load_reference(repo / "catalog/reference", repo)


def _judge(repo: Path, reference: Reference, name: str, content: bytes) -> None:
    """What check, the build's loading and review do with the file, each as its command does."""
    path = repo / name
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        catalog = load_catalog(repo / "catalog", lambda n: n == name)
        problems = [p for p in check_loaded(catalog, reference, AS_OF).problems if p.file == name]
        for problem in problems:
            assert problem.code in CODES and problem.code != "INT01", problem
            assert problem.message, problem
            assert problem.line is None or problem.line >= 1, problem
        report = Report(1, tuple(problems))
        for format_report in REPORTERS.values():
            format_report(report)
        decision = Decision("approve", "dese-reviewer-1", None, dt.date(2026, 11, 24))
        with contextlib.suppress(ReviewRefused):  # a refusal with its reason is an answer, not a fault
            record_decision(path, decision, frozenset({"dese-reviewer-1"}), 3)
    finally:
        path.write_bytes(original)


@st.composite
def mutated(draw: st.DrawFn, name: str) -> bytes:
    """A demo file with a few lines replaced, inserted, deleted, re-indented or cut short."""
    lines = (REPO / name).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["replace", "insert", "delete", "indent", "value", "date", "cut"]))
        if kind == "replace":
            lines[at] = draw(TEXT)
        elif kind == "insert":
            lines.insert(at, draw(TEXT))
        elif kind == "delete" and len(lines) > 1:
            del lines[at]
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(0, 5)) + lines[at].lstrip()
        elif kind == "value" and ":" in lines[at]:
            lines[at] = lines[at].split(":", 1)[0] + ": " + draw(TEXT)
        elif kind == "date" and ":" in lines[at]:  # unquoted, as a staffer types a date: 2026-13-01
            month, day = draw(st.integers(0, 19)), draw(st.integers(0, 39))
            lines[at] = f"{lines[at].split(':', 1)[0]}: {draw(st.integers(1999, 2031))}-{month:02d}-{day:02d}"
        elif kind == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
    return ("\n".join(lines) + "\n").encode("utf-8")


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False), TEXT,
    st.dates(), st.sampled_from(["2026-13-01", "2026-02-30", "1/5/2027", "$1,200", "9th", "Fall 2027"]),
)  # fmt: skip
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(content=mutated(COURSE))
def test_a_mutated_course_file_is_judged_without_fault(
    repo: Path, reference: Reference, content: bytes
) -> None:
    _judge(repo, reference, COURSE, content)


@SETTINGS
@given(content=mutated(PROVIDER))
def test_a_mutated_provider_file_is_judged_without_fault(
    repo: Path, reference: Reference, content: bytes
) -> None:
    _judge(repo, reference, PROVIDER, content)


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(["title", "price", "review", "standards", "x", "grades"]), DATA))
def test_generated_data_in_a_course_file_is_judged_without_fault(
    repo: Path, reference: Reference, data: dict[str, object]
) -> None:
    _judge(repo, reference, COURSE, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


# The personal-number patterns as first written, with the lookbehind first.
_PLAIN = {
    SSN: re.compile(r"(?<!\d)\d{3}([ .\-/_]?)\d{2}\1\d{4}(?!\d)"),
    MOSIS_ID: re.compile(r"(?<!\d)\d{10}(?!\d)"),
}


@SETTINGS
@given(st.text(st.sampled_from(list("0123456789 .-/_a\u0663")), max_size=30))
def test_a_number_not_after_a_digit_matches_as_the_plain_lookbehind_would(text: str) -> None:
    # checks.rules.student_data writes (?<!\d)\d as \d(?<!\d\d), which the engine scans faster.
    for fast, plain in _PLAIN.items():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _plain_email() -> re.Pattern[str]:
    """EMAIL as first written: each form with its own local part, given back as needed."""
    local, part = r"(?<![\w.+\-])[\w.+\-]{1,64}", r"[\w\-]{1,63}"
    at_word = r"(?:\s{0,3}[\[({<]\s{0,3}at\s{0,3}[\])}>]\s{0,3}|\s{1,3}at\s{1,3})"
    dot_word = r"(?:\s{0,3}[\[({<]\s{0,3}dot\s{0,3}[\])}>]\s{0,3}|\s{1,3}dot\s{1,3})"
    hosts = (
        r"(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|proton(?:mail)?|gmx"
        r"|comcast|att|sbcglobal|charter)"
    )
    forms = (
        rf"{local}\s{{0,3}}@\s{{0,3}}{part}(?:\s{{0,3}}\.\s{{0,3}}{part}){{1,8}}",
        rf"{local}\s{{0,3}}[\[({{<]\s{{0,3}}at\s{{0,3}}[\])}}>]\s{{0,3}}{part}(?:(?:\.|{dot_word}){part}){{1,8}}",
        rf"{local}{at_word}{part}(?:{dot_word}{part}){{1,8}}",
        rf"{local}\s{{1,3}}at\s{{1,3}}{hosts}\s{{0,3}}\.\s{{0,3}}(?:com|net|me)\b",
    )
    return re.compile("|".join(forms), re.IGNORECASE)


_PLAIN_EMAIL = _plain_email()
# Addresses in every written form and case, with local parts up to and past the 64-character
# limit, cut and joined with their own pieces and with what stands around them.
_LOCALS = ["x" * 20, "x" * 64, "x" * 65, "jane.doe", "a", "Jane_\u017f\u212a"]  # (long s, Kelvin sign)
_ATS = ["@", " @ ", "[at]", " (at) ", " at ", "<at>", " AT ", "\xa0at\x85"]
_DOMAINS = ["gmail", "example", "a", "Gmail"]
_DOTS = [".", " . ", " dot ", "[dot]", " [DOT] "]
_ENDS = ["com", "org", "net", "COM", "come"]
_ADDRESS = st.tuples(*(st.sampled_from(pieces) for pieces in (_LOCALS, _ATS, _DOMAINS, _DOTS, _ENDS)))
_ADDRESS_PIECES = st.one_of(
    _ADDRESS.map("".join), st.sampled_from([*_LOCALS, *_ATS, *_DOMAINS, *_DOTS, " ", "\n", "-", "+", "("])
)


@SETTINGS
@given(st.lists(_ADDRESS_PIECES, max_size=16).map("".join))
def test_the_e_mail_pattern_reading_its_local_part_once_matches_as_the_plain_one_would(text: str) -> None:
    # checks.rules.student_data reads an address's local part once, possessively (5x faster).
    assert [m.span() for m in EMAIL.finditer(text)] == [m.span() for m in _PLAIN_EMAIL.finditer(text)]


# YAML a writer (or an attacker) might send: merge keys, keys that are not text, other tags.
_YAML_PIECES = st.sampled_from(
    [
        "<<: {merged: 1}\n", "<<: [{a: 1}, {b: [x]}]\n", "=: value\n", "1: one\n", "1.5: x\n", "null: x\n",
        "? [a, b]\n: unhashable\n", "? {a: 1}\n: unhashable\n", "s: !!set {a, b}\n",
        "o: !!omap [a: 1, b: 2]\n", "p: !!pairs [a: 1, a: 2]\n", "b: !!binary aGk=\n", "t: !!str 12\n",
        "d: 2026-02-30\n", "d: 2027-01-15\n", "t: 2026-01-01 10:00:00\n", "n: ~\n", "s: !!set [a]\n",
        "k: &x [1]\n", "e: {}\n", "l: []\n", "'q': \"w\"\n", "nested: {a: {b: [c, {d: e}]}}\n",
    ]
)  # fmt: skip


@SETTINGS
@given(
    st.one_of(
        DATA.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
        DATA.map(lambda data: yaml.safe_dump(data, allow_unicode=True, default_flow_style=True)),
        st.lists(_YAML_PIECES, max_size=6).map("".join),
        mutated(COURSE).map(lambda content: content.decode("utf-8")),
    )
)
def test_the_loader_makes_what_pyyamls_safe_loader_makes(text: str) -> None:
    # checks.yamlfile takes text and mappings by a shorter path than SafeLoader's own.
    try:
        expected = yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError):
        with contextlib.suppress(YamlProblem):  # (a date that does not exist stays text)
            parse(text)
        return
    try:
        assert parse(text) == expected
    except YamlProblem as refused:  # only what the catalog refuses and YAML allows: a tag written out
        tag = re.match(r"the tag '(?:tag:yaml\.org,2002:)?([^']*)'", refused.message)
        assert refused.rule in (DUPLICATE_KEY, NO_ALIASES) or (tag and f"!{tag[1]} " in text), refused


def test_a_letter_re_takes_for_an_ascii_one_is_that_letter_lowered() -> None:
    # checks.texts.lowered_text: a word not found in it cannot match a pattern ignoring case.
    others = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    for match in re.finditer("(?i)[a-z]", others):
        letters = [letter for letter in string.ascii_lowercase if re.fullmatch(f"(?i){letter}", match[0])]
        assert [lowered_text(match[0])] == letters, match[0]


@SETTINGS
@given(st.text(st.characters(categories=["Nd", "No", "Zs", "Pd"]), max_size=20))
def test_a_folded_texts_digits_are_ascii(text: str) -> None:
    # The rules' first looks at a file use [0-9] for \d on folded text.
    assert all(digit in "0123456789" for digit in re.findall(r"\d", fold(text)))


def _texts(text: str) -> FileTexts:
    return FileTexts({"description": text}, "")


@SETTINGS
@given(
    st.one_of(
        *(st.from_regex(pattern) for pattern in (PERSON_NUMBER, CERTIFICATE_NUMBER, PERSONAL_PHONE)),
        st.sampled_from(
            ["Mrs. Smith 55512", "ms. lee 573-555-0100", "my cell: 5735550100", "LIC\u0130NSE 1234"]
        ),
    )
)
def test_a_file_passed_over_for_personal_numbers_holds_none(text: str) -> None:
    texts = _texts(text)
    found = {p for p in (PERSON_NUMBER, CERTIFICATE_NUMBER, PERSONAL_PHONE) if p.search(texts.folded)}
    assert found <= set(student_data._personal_number_patterns(texts))


@SETTINGS
@given(st.one_of(st.from_regex(EMAIL), st.lists(_ADDRESS_PIECES, max_size=16).map("".join)))
def test_a_file_passed_over_for_addresses_holds_none(text: str) -> None:
    texts = _texts(text)
    assert student_data._may_hold_address(texts) or not EMAIL.search(texts.folded)


@SETTINGS
@given(st.one_of(st.from_regex(characters._LINK), st.text(st.sampled_from(list("http: dataFILE\u0131\n")))))
def test_links_looked_for_before_each_colon_are_those_a_scan_finds(text: str) -> None:
    assert characters._link_in(text) == bool(characters._LINK.search(text))


_STAND_IN_LINES = st.lists(
    st.one_of(
        TEXT,
        st.tuples(
            st.sampled_from([" ", "\t", "\u3000", ".", "!", "", "x"]),
            st.sampled_from(["TBD", "n/a", "None", "----", "???", "lorem ipsum dolor", "xx", "to do", "no"]),
            st.sampled_from([" ", ".", "!!", "", " .", "\r", "x"]),
        ).map("".join),
    ),
    max_size=5,
).map("\n".join)


@SETTINGS
@given(_STAND_IN_LINES)
def test_a_file_passed_over_for_stand_ins_holds_none(text: str) -> None:
    texts = _texts(text)
    stand_in = any(
        placeholders._STAND_INS.fullmatch(line.strip().strip(".!"))
        or placeholders._NOTHING.fullmatch(line.strip().strip(".!"))
        for line in texts.raw.split("\n")
    )
    assert placeholders._maybe(texts) or not stand_in


def test_a_file_of_long_runs_is_looked_at_for_stand_ins_in_linear_time() -> None:
    # Repeats over the same characters, or spaces running past a line's end, split these every
    # possible way: minutes to hours, for a submission under the size limit. Done in milliseconds.
    runs = ["." * 20_000 + "a", "a\n" + "\n" * 50_000 + "b", "x\n" + " \n" * 30_000, "?" * 20_000 + "x"]
    code = (
        "import sys, json; from checks.rules.placeholders import _maybe; from checks.texts import FileTexts\n"
        "print([_maybe(FileTexts({'description': t}, '')) for t in json.load(sys.stdin)])"
    )
    done = subprocess.run(  # (a process of its own, so a regression ends the test instead of the run)
        [sys.executable, "-c", code],
        input=json.dumps(runs),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[False, False, False, False]"


def test_a_placeholder_address_spelt_with_a_letter_re_reads_as_ascii_is_looked_at() -> None:
    # _INVALID_HOST ignores case as re does: a dotless i in ".invalid" was passed over by str.lower().
    texts = _texts("https://river-bend.replace-me.\u0131nvalid/syllabus")
    assert placeholders._maybe(texts)
    assert placeholders._INVALID_HOST.search(texts.raw)
