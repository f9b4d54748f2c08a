"""Every field of the records, derived from the JSON Schemas the models generate (never a
hand-kept list): each leaf's path, with list items as their first position, and whether the
field is free text (a string with no fixed form)."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import REPO, NoAliases

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Leaf:
    path: Path_
    free_text: bool  # a string of no fixed form (no pattern, choices or format)


def leaves(record: str) -> list[Leaf]:
    """Every leaf field of ``record`` ("course" or "provider")."""
    schema = json.loads((REPO / f"schemas/{record}.schema.json").read_text(encoding="utf-8"))
    return list(_walk(schema, schema, ()))


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _resolve(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[1]])
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    return _resolve(schema, options[0]) if options else node


def _walk(schema: dict[str, Any], node: dict[str, Any], path: Path_) -> Any:
    node = _resolve(schema, node)
    if node.get("type") == "object" and "properties" in node:
        for name, child in node["properties"].items():
            yield from _walk(schema, child, (*path, name))
    elif node.get("type") == "array":
        yield from _walk(schema, node["items"], (*path, 0))
    else:
        fixed = {"pattern", "enum", "const", "format"} & set(node)
        yield Leaf(path, node.get("type") == "string" and not fixed)


def plant(data: dict[str, Any], path: Path_, value: object) -> None:
    """Set ``value`` at ``path`` in parsed YAML data, making the blocks and lists on the way."""
    node: Any = data
    for part, following in itertools.pairwise(path):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            if not node:
                node.append(empty)
            node = node[0]
        else:
            if not isinstance(node.get(part), type(empty)) or (
                isinstance(empty, list) and not node.get(part)
            ):
                node[part] = node.get(part) if isinstance(node.get(part), type(empty)) else empty
            node = node[part]
    last = path[-1]
    if isinstance(last, int):
        if node:
            node[0] = value
        else:
            node.append(value)
    else:
        node[last] = value


def write_with(file: Path, changes: dict[Path_, object], comment: str = "") -> None:
    """Rewrite a catalog file with ``changes`` planted (and a comment line at its end)."""
    text = file.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for path, value in changes.items():
        plant(data, path, value)
    body = yaml.dump(data, Dumper=NoAliases, sort_keys=False, width=1000)  # escapes what YAML must
    file.write_text(
        text.splitlines()[0] + "\n" + body + (f"# {comment}\n" if comment else ""), encoding="utf-8"
    )
