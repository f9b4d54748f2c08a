"""The generated schema files: JSON Schemas of the records, Table Schemas of the reference
tables, and the reference data package descriptor. ``mocap schemas`` writes them; ``--check``
says which are stale."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from checks.models.course import Course
from checks.models.program import ProgramParameters
from checks.models.provider import Provider
from checks.reference.load import DESCRIPTOR
from checks.reference.tables import TABLES
from checks.reference.tableschema import package_descriptor, table_schema

RECORD_MODELS: dict[str, type[BaseModel]] = {
    "provider": Provider,
    "course": Course,
    "program": ProgramParameters,
}


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def record_schema(kind: str) -> dict[str, Any]:
    model = RECORD_MODELS[kind]
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": f"MOCAP {kind}",
    }


def expected_files() -> dict[str, str]:
    """Each generated file's path (relative to the repository root) and its content."""
    files = {f"schemas/{kind}.schema.json": _json(record_schema(kind)) for kind in RECORD_MODELS}
    for name, row in TABLES.items():
        files[f"schemas/tables/{name}.schema.json"] = _json(table_schema(row))
    files[f"catalog/reference/{DESCRIPTOR}"] = _json(package_descriptor())
    return files


def write_schemas(repo_root: Path) -> list[str]:
    """Write every generated file that differs; return the ones written."""
    written = []
    for name, content in expected_files().items():
        path = repo_root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            written.append(name)
    return written


def stale_schemas(repo_root: Path) -> list[str]:
    """The generated files that are missing or differ from what the models give."""
    return [
        name
        for name, content in expected_files().items()
        if not (repo_root / name).is_file() or (repo_root / name).read_text(encoding="utf-8") != content
    ]
