"""The submission guide's field reference, generated from the published JSON Schemas."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checks.schemas import record_schema


@dataclass(frozen=True)
class FieldRow:
    path: str
    kind: str
    required: bool
    description: str
    clause: str


@dataclass(frozen=True)
class FieldSection:
    title: str
    file: str
    rows: tuple[FieldRow, ...]


def field_reference() -> tuple[FieldSection, ...]:
    return (
        FieldSection("Provider file", "providers/<provider-id>/provider.yaml", _rows("provider")),
        FieldSection("Course file", "providers/<provider-id>/courses/<course-name>.yaml", _rows("course")),
    )


def _rows(kind: str) -> tuple[FieldRow, ...]:
    schema = record_schema(kind)
    return tuple(_walk(schema, schema, ""))


def _walk(node: dict[str, Any], root: dict[str, Any], prefix: str) -> Iterator[FieldRow]:
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        target = resolved(prop, root)
        yield FieldRow(
            path,
            _kind(prop, root),
            name in required,
            prop.get("description") or target.get("description", ""),
            prop.get("x-clause", ""),
        )
        if "properties" in target:
            yield from _walk(target, root, f"{path}.")


def resolved(prop: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """The object schema behind a property (following $ref and an optional's anyOf)."""
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    target = options[0] if len(options) == 1 else prop
    if "$ref" in target:
        return dict(root["$defs"][target["$ref"].rsplit("/", 1)[-1]])
    return target


def _kind(prop: dict[str, Any], root: dict[str, Any]) -> str:
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    kinds = list(dict.fromkeys(_one_kind(o, root) for o in options))
    if "number" in kinds:  # decimals also accept a quoted number
        kinds = ["number"]
    return " or ".join(kinds)


def _one_kind(prop: dict[str, Any], root: dict[str, Any]) -> str:
    if "enum" in prop:
        return "one of: " + ", ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return str(prop["const"])
    if "$ref" in prop:
        return "a group of fields"
    kind = prop.get("type", "")
    if kind == "array":
        return f"list of {_one_kind(prop.get('items', {}), root)}"
    if prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if "examples" in prop:
        return f"text, e.g. {prop['examples'][0]}"
    return {"number": "number", "integer": "whole number", "boolean": "true or false"}.get(kind, "text")
