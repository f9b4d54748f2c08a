"""Keeping the demo catalog current: its sample providers' dates moved forward together.

The demo's attestations, reviews and decisions are dated; left alone they lapse and the demo
stops passing. Re-dating moves every date of the sample providers' files by the same number of
days, so that the newest past date becomes today: the order of events and every period between
them (three years to a renewal, one year of an attestation) stay as they were. It runs only on a
catalog whose every provider's legal name ends in "(sample)": re-dating a real provider's
attestation would be forging it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from checks.layout import COURSES_DIR, PROVIDER_FILE, PROVIDERS_DIR
from checks.models.course import Course, TermDates
from checks.models.provider import Provider
from checks.models.types import date_field_names
from checks.periods import years_after
from checks.yamlfile import YamlProblem, compose, read_text

SAMPLE_MARK = "(sample)"
BOM = "\ufeff".encode()
# Dates that are ahead by nature (a renewal, the next terms): moved, never the measure of "newest".
TERM_FIELDS = date_field_names(TermDates)
FUTURE_FIELDS = frozenset({"renewal_due", *TERM_FIELDS})


DATE_FIELDS = date_field_names(Course) | date_field_names(Provider)


@dataclass(frozen=True)
class DateAt:
    field: str
    start: int  # offsets of the date's ten characters in the file's text
    day: dt.date
    record: int  # the mapping that holds it: a renewal is paired with its approval


@dataclass(frozen=True)
class Redated:
    days: int
    files: tuple[Path, ...]  # the files rewritten


def _dates(node: yaml.Node | None, names: frozenset[str]) -> Iterator[DateAt]:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(value, yaml.ScalarNode) and key.value in names:
                    found = _date_in(value)
                    if found:
                        yield DateAt(key.value, *found, id(current))
                else:
                    stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _date_in(node: yaml.ScalarNode) -> tuple[int, dt.date] | None:
    try:
        day = dt.date.fromisoformat(node.value)
    except ValueError:
        return None
    quoted = 1 if node.style in ("'", '"') else 0
    return node.start_mark.index + quoted, day


@dataclass(frozen=True)
class _Sample:
    raw: bytes
    text: str
    root: yaml.Node | None


def _read(path: Path) -> _Sample:
    """A sample file's bytes, text and node tree; SampleUnreadable names the file and why."""
    try:
        raw = path.read_bytes()
        text = read_text(path)
        return _Sample(raw, text, compose(text))
    except YamlProblem as exc:
        raise SampleUnreadable(path, exc.message, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise SampleUnreadable(path, str(exc.problem or exc), line) from None


def _is_sample(provider: _Sample) -> bool:
    if not isinstance(provider.root, yaml.MappingNode):
        return False
    name = next((v.value for k, v in provider.root.value if k.value == "legal_name"), "")
    return isinstance(name, str) and name.rstrip().endswith(SAMPLE_MARK)


class NotTheDemo(Exception):
    """The catalog holds providers that are not samples: it is not the demo catalog."""

    def __init__(self, providers: list[str]):
        super().__init__(", ".join(providers))
        self.providers = providers


class SampleUnreadable(Exception):
    """A sample file that cannot be read as YAML: nothing is re-dated until it is fixed."""

    def __init__(self, path: Path, reason: str, line: int | None):
        super().__init__(f"{path}{f' (line {line})' if line else ''}: {reason}")
        self.path = path


def redate_demo(catalog: Path, today: dt.date) -> Redated:
    """Move the sample providers' dates forward so the newest past one is ``today``. Raises
    NotTheDemo, changing nothing, when any provider is not a sample (a real catalog, or a real
    provider that calls itself a sample, is never re-dated), and SampleUnreadable for a file
    that cannot be read."""
    samples: dict[Path, _Sample] = {}
    skipped: list[str] = []
    for folder in sorted(p for p in (catalog / PROVIDERS_DIR).iterdir() if p.is_dir()):
        provider_file = folder / PROVIDER_FILE
        provider = _read(provider_file) if provider_file.is_file() else None
        if provider is None or not _is_sample(provider):
            skipped.append(folder.name)
            continue
        samples[provider_file] = provider
        samples |= {path: _read(path) for path in sorted((folder / COURSES_DIR).glob("*.yaml"))}
    if skipped:
        raise NotTheDemo(skipped)
    found = {path: list(_dates(sample.root, DATE_FIELDS)) for path, sample in samples.items()}
    past = [d.day for dates in found.values() for d in dates if d.field not in FUTURE_FIELDS]
    days = (today - max(past)).days if past else 0
    if days <= 0:
        return Redated(0, ())
    written = []
    for path, dates in found.items():
        sample = samples[path]
        text = sample.text
        for date in sorted(dates, key=lambda d: d.start, reverse=True):
            moved = _moved(date, dates, dt.timedelta(days=days))
            text = text[: date.start] + moved.isoformat() + text[date.start + 10 :]
        if dates:
            bom = "\ufeff" if sample.raw.startswith(BOM) else ""
            path.write_bytes((bom + text).encode("utf-8"))
            written.append(path)
    return Redated(days, tuple(written))


def _moved(date: DateAt, dates: list[DateAt], shift: dt.timedelta) -> dt.date:
    """``date`` moved by ``shift``; a renewal due a whole number of years after its approval
    stays that many calendar years after the moved approval (a day count would drift by a
    February 29); a term's dates move by whole years, at least ``shift``, so a fall term stays
    in the fall (CRS04) and still to come."""
    if date.field in TERM_FIELDS:
        return years_after(date.day, -(-shift.days // 365))
    approval = next((d for d in dates if d.record == date.record and d.field == "approved_on"), None)
    if date.field in FUTURE_FIELDS and approval is not None:
        for years in range(1, 11):
            if years_after(approval.day, years) == date.day:
                return years_after(approval.day + shift, years)
    return date.day + shift
