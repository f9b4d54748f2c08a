"""Table Schemas and the data package descriptor, generated from the row models."""

from __future__ import annotations

from typing import Any

from checks.reference.tables import TABLES, Row

PACKAGE_NAME = "mocap-reference"


def table_schema(row: type[Row]) -> dict[str, Any]:
    """The frictionless Table Schema of one reference table."""
    schema = row.model_json_schema()
    required = set(schema.get("required", []))
    fields = [_field(name, prop, name in required) for name, prop in schema["properties"].items()]
    descriptor: dict[str, Any] = {"fields": fields}
    if row.key:
        descriptor["primaryKey"] = list(row.key)
    return descriptor


def _field(name: str, prop: dict[str, Any], required: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": _type_of(prop)}
    if "description" in prop:
        field["description"] = prop["description"]
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if "pattern" in prop:
        constraints["pattern"] = prop["pattern"]
    if "exclusiveMinimum" in prop:
        constraints["minimum"] = prop["exclusiveMinimum"] + 1
    if "minLength" in prop:
        constraints["minLength"] = prop["minLength"]
    if constraints:
        field["constraints"] = constraints
    return field


def _type_of(prop: dict[str, Any]) -> str:
    if prop.get("format") == "date":
        return "date"
    kind = prop.get("type", "string")
    return {"integer": "integer", "boolean": "boolean", "number": "number"}.get(kind, "string")


def package_descriptor() -> dict[str, Any]:
    """The reference data package, one resource per table, schemas inlined."""
    return {
        "name": PACKAGE_NAME,
        "title": "Reference facts for MOCAP compliance checks",
        "description": "Missouri facts the rules need, each row with its source. Rows marked "
        "sample or provisional are not official figures.",
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "title": (row.__doc__ or name).strip().splitlines()[0],
                "format": "csv",
                "encoding": "utf-8",
                "schema": table_schema(row),
            }
            for name, row in TABLES.items()
        ],
    }
