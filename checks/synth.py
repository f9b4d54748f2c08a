"""Synthetic catalogs for benchmarks: valid, varied and the same for the same seed.

The published entries of a source catalog (the bundled demo) are the templates, so every
synthetic entry passes the checks that the templates pass: ids, names, contact addresses,
descriptions, prices and terms are varied; numbers, grades, standards and evidence dates are the
template's, which keeps them consistent with the reference data.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from checks.catalog import CourseEntry, ProviderEntry, slug
from checks.check import run_checks
from checks.layout import COURSES_DIR, PROVIDER_FILE, PROVIDERS_DIR, REFERENCE_DIR, REVIEWERS_FILE
from checks.publish import select_published
from checks.reference.load import Reference
from checks.rules.price import price_cap
from checks.yamlfile import parse

_PLACES = (
    "Bluff", "Cedar", "Gasconade", "Meramec", "Osage", "Current", "Jacks Fork", "Big Piney",
    "Sac", "Niangua", "Grand", "Chariton", "Salt", "Platte", "Nodaway", "Fabius", "Cuivre",
    "Loutre", "Moreau", "Pomme", "Bourbeuse", "Eleven Point", "Spring", "Finley", "James",
)  # fmt: skip
_KINDS = ("Virtual Academy", "Online Learning", "Digital School", "eLearning Cooperative", "Virtual Programs")
_DOMAIN = "example.org"
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SENTENCE_WORDS = (8, 20)
_DESCRIPTION_SENTENCES = (2, 7)


class SynthesisRefused(Exception):
    """The request cannot be met: an unusable source, a folder in the way, too many courses."""


@dataclass(frozen=True)
class Synthesis:
    providers: int
    courses: int
    out: Path


def synthesize(source: Path, out: Path, providers: int, courses: int, seed: int, as_of: dt.date) -> Synthesis:
    """Write a catalog of ``providers`` providers and ``courses`` courses to ``out``."""
    if out.exists() and any(out.iterdir()):
        raise SynthesisRefused(f"{out} is not empty: name a new folder")
    if providers < 1 or courses < 0:
        raise SynthesisRefused("give at least one provider and zero or more courses")
    if not (source / REFERENCE_DIR).is_dir():
        raise SynthesisRefused(
            f"{source} is not a catalog (a folder with reference/ and providers/): name one with --source"
        )
    checked = run_checks(source, as_of)
    publication = select_published(checked)
    course_templates = _distinct_numbers(publication.courses)
    if not publication.providers or not course_templates:
        raise SynthesisRefused(f"{source} has no published provider or course as of {as_of} to vary")
    per_provider = -(-courses // providers)
    if per_provider > len(course_templates):
        raise SynthesisRefused(
            f"a provider lists each state course number once, and the templates have "
            f"{len(course_templates)}: give at least {-(-courses // len(course_templates))} providers"
        )
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
    words = _vocabulary(publication.courses)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / REFERENCE_DIR, out / REFERENCE_DIR)
    reviewers = Path(REVIEWERS_FILE).name
    shutil.copy(source / reviewers, out / reviewers)
    for index in range(providers):
        template = publication.providers[index % len(publication.providers)]
        provider_id = _provider_id(index)
        folder = out / PROVIDERS_DIR / provider_id
        (folder / COURSES_DIR).mkdir(parents=True)
        _write(folder / PROVIDER_FILE, template, _provider_data(template, provider_id, rng))
        count = courses // providers + (1 if index < courses % providers else 0)
        names: set[str] = set()
        for course in rng.sample(course_templates, count):
            data = _course_data(course, provider_id, checked.reference, words, rng)
            name = _file_name(data["title"], data["state_course_number"], names)
            _write(folder / COURSES_DIR / name, course, data)
    return Synthesis(providers, courses, out)


def _distinct_numbers(courses: Sequence[CourseEntry]) -> list[CourseEntry]:
    by_number: dict[str, CourseEntry] = {}
    for course in courses:
        by_number.setdefault(course.record.state_course_number, course)
    return [by_number[number] for number in sorted(by_number)]


def _vocabulary(courses: Sequence[CourseEntry]) -> list[str]:
    words = {w.strip(".,;:()").lower() for c in courses for w in c.record.description.split()}
    return sorted(w for w in words if w.isalpha())


def _provider_id(index: int) -> str:
    place = _PLACES[index % len(_PLACES)]
    kind = _KINDS[(index // len(_PLACES)) % len(_KINDS)]
    return slug(f"{place} {kind} {index + 1}")


def _raw(entry: ProviderEntry | CourseEntry) -> dict[str, Any]:
    """A fresh copy of the template's data, parsed once per template."""
    return copy.deepcopy(_parsed(entry.source.text))


@functools.cache
def _parsed(text: str) -> dict[str, Any]:
    data = parse(text)
    assert isinstance(data, dict)  # noqa: S101 - a published entry was read as a mapping
    return data


def _provider_data(template: ProviderEntry, provider_id: str, rng: random.Random) -> dict[str, Any]:
    data = _raw(template)
    site = f"https://{provider_id}.{_DOMAIN}/"
    data["id"] = provider_id
    data["legal_name"] = f"{provider_id.replace('-', ' ').title()} (synthetic)"
    data["public_contact"] = {
        "email": f"mocap@{provider_id}.{_DOMAIN}",
        "phone": f"573-555-{rng.randrange(100, 10000):04d}",
        "website": site,
    }
    data["policies"] = {topic: f"{site}policies/{topic.replace('_', '-')}" for topic in data["policies"]}
    data["maintainers"] = [f"{provider_id[:30].rstrip('-')}-catalog"]  # GitHub logins: 39 characters
    return data


def _course_data(
    template: CourseEntry, provider_id: str, reference: Reference, words: list[str], rng: random.Random
) -> dict[str, Any]:
    data = _raw(template)
    record = template.record
    cap = price_cap(reference, record.catalog, record.length) or record.price
    data["provider"] = provider_id
    data["description"] = _description(record.title, words, rng)
    data["price"] = int(cap * Decimal(rng.uniform(0.2, 1.0)))
    data["terms_offered"] = rng.choice((["fall"], ["spring"], ["fall", "spring"]))
    if data.get("schedule"):  # dates only for the terms offered (CRS04)
        dated = data["schedule"].get("terms", [])
        data["schedule"]["terms"] = [t for t in dated if t["term"] in data["terms_offered"]]
    data["accessibility"]["evidence"] = (
        f"https://{provider_id}.{_DOMAIN}/accessibility/{record.state_course_number.lower()}"
    )
    if rng.random() < 0.3:
        data["prerequisites"] = _sentences(words, rng, 1, 2)
    return data


def _description(title: str, words: list[str], rng: random.Random) -> str:
    return f"{title}: {_sentences(words, rng, *_DESCRIPTION_SENTENCES)}"


def _sentences(words: list[str], rng: random.Random, least: int, most: int) -> str:
    sentences = []
    for _ in range(rng.randint(least, most)):
        chosen = rng.choices(words, k=rng.randint(*_SENTENCE_WORDS))
        sentences.append(" ".join(chosen).capitalize() + ".")
    return " ".join(sentences)


def _file_name(title: str, number: str, taken: set[str]) -> str:
    name = slug(title)
    if name in taken:
        name = f"{name}-{slug(number)}"
    taken.add(name)
    return f"{name}.yaml"


def _write(path: Path, template: ProviderEntry | CourseEntry, data: dict[str, Any]) -> None:
    schema_line = template.source.text.splitlines()[0]
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"{schema_line}\n{body}", encoding="utf-8")
