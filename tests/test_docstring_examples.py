"""Each rule's docstring examples, run: the compliant one passes the rule, the non-compliant one
fails it. The example is written onto a demo file of the rule's kind (a course for course and
entry rules, a provider for provider rules), field by field; ``...`` keeps the demo's value."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from checks.models.course import Course
from checks.models.provider import Provider
from checks.models.types import nested_model
from checks.registry import CHECKED_RULES
from tests.helpers import AS_OF, COURSE, PROVIDER, copy_catalog, problems_with, run_check

FILES = {"course": COURSE, "entry": COURSE, "provider": PROVIDER, "text": COURSE}
MODELS: dict[str, type[BaseModel]] = {COURSE: Course, PROVIDER: Provider}
# Examples written as file listings or table rows, not as fields: run by their own tests.
NOT_FIELDS = {r.code for r in CHECKED_RULES if r.scope in {"catalog", "reference"}}
_BLOCKS = re.compile(
    r"Compliant(?P<when1>[^\n]*):\n(?P<good>.*?)\n\s*Non-compliant(?P<when2>[^\n]*):\n(?P<bad>.*)$", re.S
)


def _examples(doc: str) -> tuple[tuple[dt.date, Any], tuple[dt.date, Any]]:
    match = _BLOCKS.search(doc)
    assert match, "the docstring has no Compliant: and Non-compliant: examples"

    def day(text: str) -> dt.date:
        found = re.search(r"\d{4}-\d{2}-\d{2}", text)
        return dt.date.fromisoformat(found.group(0)) if found else AS_OF

    return (day(match["when1"]), yaml.safe_load(match["good"])), (
        day(match["when2"]),
        yaml.safe_load(match["bad"]),
    )


def _merge(base: Any, example: Any) -> Any:
    if example == "...":
        return base
    if isinstance(base, dict) and isinstance(example, dict):
        merged = dict(base)
        for key, value in example.items():
            if key == "...":
                continue
            merged[key] = _merge(base.get(key), value)
        return merged
    return example


def _place(model: type[BaseModel], example: dict[str, Any]) -> dict[str, Any]:
    """The example with each field written by its own name put where it lives in the record
    (``student_methods`` is ``communication.student_methods``)."""
    placed: dict[str, Any] = {}
    for key, value in example.items():
        path = _path_of(model, key)
        assert path, f"'{key}' is no field of {model.__name__}"
        node = placed
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return placed


def _path_of(model: type[BaseModel], name: str) -> tuple[str, ...]:
    if name in model.model_fields:
        return (name,)
    for field, info in model.model_fields.items():
        inner = nested_model(info.annotation)
        found = _path_of(inner, name) if inner else ()
        if found:
            return (field, *found)
    return ()


def _write(repo: Path, name: str, model: type[BaseModel], example: dict[str, Any]) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    data = _merge(yaml.safe_load(text), _place(model, example))
    path.write_text(
        text.splitlines()[0] + "\n" + yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8"
    )


@pytest.mark.parametrize("code", [r.code for r in CHECKED_RULES if r.code not in NOT_FIELDS])
def test_the_docstring_examples_do_what_they_say(tmp_path: Path, code: str) -> None:
    rule = next(r for r in CHECKED_RULES if r.code == code)
    (good_day, good), (bad_day, bad) = _examples(rule.doc)
    name = FILES[rule.scope]
    for example, day, passes in ((good, good_day, True), (bad, bad_day, False)):
        repo = copy_catalog(tmp_path / ("good" if passes else "bad"))
        _write(repo, name, MODELS[name], example)
        _, report, _ = run_check(repo, name, as_of=day)
        found = problems_with(report, code)
        if passes:
            assert found == [], f"{code}: the compliant example fails: {found} / {report['problems']}"
        else:
            assert found, f"{code}: the non-compliant example passes: {report['problems']}"
