"""Reading submitted YAML safely, and finding where a field stands in it.

Loading uses libyaml's safe loader, which constructs no objects from tags, and refuses every
tag a value's own text does not have. A file's problems are located in the node tree its data
was made from (``parse_tree``, ``Positions``); a file read without problems keeps none.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from checks.problems import FieldPath
from checks.rules.base import Rule
from checks.rules.loading import DUPLICATE_KEY, INVALID_YAML, NO_ALIASES
from checks.yaml_words import NESTING_HINT, explain

MAX_FILE_BYTES = 1_000_000
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    """A file that cannot be read as YAML data. ``line``/``column`` are 1-based or None."""

    def __init__(self, rule: Rule, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column


class _Refused(yaml.MarkedYAMLError):
    """YAML that parses but that a catalog file may not use; ``rule`` is the one it breaks."""

    def __init__(self, rule: Rule, problem: str, mark: yaml.Mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.rule = rule


ALIAS_MESSAGE = (
    "the value that starts here is repeated through an anchor (&) and alias (*): write each value out in full"
)


_KEY_MESSAGE = "a field's name here is a list or a set of fields: write a plain name, a colon, then the value"
_MERGE_MESSAGE = "'<<' copies in the fields that follow it, and none follow here: write each field in full"


def _tag_message(tag: str) -> str:
    return f"the tag '{tag}' is not allowed: catalog files hold plain text, numbers, dates and lists"


def duplicate_key_message(key: object, first_line: object) -> str:
    return f"the field '{key}' appears twice (first on line {first_line}); keep only one"


_TEXT = "tag:yaml.org,2002:str"
# The resolver's implicit tags by a value's first character, joined once with those for any
# character, not at every node; no path resolvers are used.
_ANY_FIRST = tuple(_BaseLoader.yaml_implicit_resolvers.get(None, []))
_RESOLVERS = {
    first: (*resolvers, *_ANY_FIRST)
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    if first is not None
}
_DEFAULT_TAGS = {
    yaml.ScalarNode: _BaseLoader.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: _BaseLoader.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: _BaseLoader.DEFAULT_MAPPING_TAG,
}


# Field names, and most values but the texts, are the same from file to file of a catalog.
@lru_cache(maxsize=8192)
def _implicit_tag(value: str) -> str:
    """The tag of an untagged, unquoted value: the first implicit resolver whose pattern it
    matches, or text."""
    for tag, pattern in _RESOLVERS.get(value[:1], _ANY_FIRST):
        if pattern.match(value):
            return str(tag)
    return str(_BaseLoader.DEFAULT_SCALAR_TAG)


_MERGING = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})  # (flatten_mapping's)


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The safe loader, refusing duplicate keys (YAML would silently keep the last one) and
    aliases (a record never needs them, and nested ones multiply a small file into billions of
    values: the "billion laughs").

    The data is made in one loop over the node tree, without the general path's steps that do
    nothing for a catalog file (a generator per mapping and list, a constructor looked up for
    every text, merging keys a mapping has none of), and each node's tag is resolved without
    joining lists anew: the same data, made in the same order, as SafeLoader's own steps (a
    property test holds them to it), in a little over half the time of libyaml's SafeLoader over
    a catalog (0.86-0.99 s against 1.48-1.73 s for 5,000 course files)."""

    merged = False  # whether a merge key rearranged the node tree

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """SafeLoader's tag for a node, as its resolver gives it (asked of every node)."""
        if kind is yaml.ScalarNode and implicit[0]:
            return _implicit_tag(value)
        return _DEFAULT_TAGS[kind]

    def construct_document(self, node: yaml.Node) -> Any:
        """The data of the node tree. As SafeLoader does, each list and mapping is made empty
        where it is met and filled in turn, level by level (so that a file with several faults
        is refused for the same first one, and no nesting depth recurses)."""
        made: set[int] = set()  # (the nodes live as long as the tree: their ids are unique)
        unfilled: deque[tuple[yaml.Node, list[Any] | dict[Any, Any]]] = deque()

        def value(node: yaml.Node) -> Any:
            if id(node) in made:
                raise _Refused(NO_ALIASES, ALIAS_MESSAGE, node.start_mark)
            made.add(id(node))
            kind, tag = type(node), node.tag
            if kind is yaml.ScalarNode:
                if tag == _TEXT:
                    return node.value
                # A value whose tag is the one its own text has (a number, a date, yes or no,
                # nothing); not bytes, sets, ordered pairs or objects behind an explicit tag
                # (``!!binary``): the text rules, which keep personal data out, read none of them.
                if tag != _implicit_tag(node.value):
                    raise _Refused(INVALID_YAML, _tag_message(tag), node.start_mark)
                constructor = self.yaml_constructors.get(tag)
                return constructor(self, node) if constructor else self.construct_object(node)
            if tag != _DEFAULT_TAGS[kind]:
                raise _Refused(INVALID_YAML, _tag_message(tag), node.start_mark)
            container: list[Any] | dict[Any, Any] = [] if kind is yaml.SequenceNode else {}
            unfilled.append((node, container))
            return container

        data = value(node)
        while unfilled:
            node, container = unfilled.popleft()
            if isinstance(container, list):
                container.extend(value(item) for item in node.value)
            else:
                self._fill(node, container, value)
        return data

    def _fill(self, node: yaml.Node, mapping: dict[Any, Any], value: Callable[[yaml.Node], Any]) -> None:
        seen: dict[object, yaml.Node] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    first = seen[key_node.value].start_mark
                    raise _Refused(
                        DUPLICATE_KEY,
                        duplicate_key_message(key_node.value, first.line + 1),
                        key_node.start_mark,
                    )
                seen[key_node.value] = key_node
        if any(key_node.tag in _MERGING for key_node, _ in node.value):
            try:
                self.flatten_mapping(node)
            except yaml.constructor.ConstructorError as exc:  # ("<<: 1": was told as a missing colon)
                raise _Refused(INVALID_YAML, _MERGE_MESSAGE, exc.problem_mark or node.start_mark) from None
            self.merged = True
        for key_node, value_node in node.value:
            key = value(key_node)
            if type(key) is not str and not isinstance(key, Hashable):
                raise _Refused(INVALID_YAML, _KEY_MESSAGE, key_node.start_mark)
            mapping[key] = value(value_node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        """A date that does not exist (2026-02-30) stays text, so the field it stands in reports
        it in plain words, instead of the whole file failing to load."""
        try:
            # A date alone: the only form of this length the resolver tags a timestamp, and no
            # other text gets here with the tag (a value must bear its own text's tag). The same
            # date, ten times faster.
            if len(node.value) == len("2026-01-01"):
                return dt.date.fromisoformat(node.value)
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def read_text(path: Path) -> str:
    """The file's text, or a YamlProblem saying why it cannot be read as text."""
    with opened(path) as (descriptor, status):
        return read_open_text(descriptor, status.st_size)


@contextmanager
def opened(path: Path) -> Iterator[tuple[int, os.stat_result]]:
    """The file open for reading, as its descriptor (half the time of a file object, at 10,000
    files), with its status."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        yield descriptor, os.fstat(descriptor)
    finally:
        os.close(descriptor)


def read_open_text(descriptor: int, size: int) -> str:
    """The text of the file open as ``descriptor``, of ``size`` bytes by its status, or a
    YamlProblem saying why it cannot be read as text (one too large is not read at all)."""
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            INVALID_YAML,
            f"the file is {size:,} bytes; a catalog file may be at most {MAX_FILE_BYTES:,} bytes",
        )
    with open(descriptor, "rb", closefd=False) as handle:
        data = handle.read()
    if b"\x00" in data:
        raise YamlProblem(INVALID_YAML, "the file is binary, not text: save it as plain UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            INVALID_YAML,
            f"the file is not valid UTF-8 text (byte {exc.start}): save it with UTF-8 encoding",
            line=line,
        ) from None


def parse(text: str) -> object:
    """The YAML document as plain data, or a YamlProblem with the position of the fault."""
    return parse_tree(text)[0]


def parse_tree(text: str) -> tuple[object, yaml.Node | None]:
    """The YAML document as plain data and the node tree it was made from, where the problems
    found in it are located (Positions); or a YamlProblem with the position of the fault. The
    tree is None for an empty document, and where a merge key (``<<``) rearranged it."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
        return data, None if loader.merged else node
    except _Refused as exc:
        mark = exc.problem_mark
        raise YamlProblem(exc.rule, str(exc.problem), _line(mark), _column(mark)) from None
    except RecursionError:  # only without libyaml: PyYAML's own composer recurses
        raise YamlProblem(INVALID_YAML, f"the values are nested too deeply. {NESTING_HINT}") from None
    except yaml.YAMLError as exc:
        found = explain(exc, text)
        raise YamlProblem(INVALID_YAML, found.message, found.line, found.column) from None
    finally:
        loader.dispose()


def read_yaml(path: Path) -> object:
    """A YAML file's data, through the same limits and refusals as catalog files."""
    return parse(read_text(path))


def compose(text: str) -> yaml.Node | None:
    """The node tree of text that ``parse`` accepted (for positions and in-place edits)."""
    return yaml.compose(text, Loader=_StrictLoader)


def scan_comments(text: str) -> list[tuple[int, str]]:
    """Every ``#`` that starts a comment (at a line's start or after a space), to the end of
    its line, with its 1-based line. A ``#`` inside a quoted or block value is found too: the
    caller tells those apart by the values it holds. Linear in the text."""
    found: list[tuple[int, str]] = []
    at, counted, line = text.find("#"), 0, 1
    while at >= 0:
        if at == 0 or text[at - 1] in " \t\n\r":
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            line += text.count("\n", counted, at)  # counted once: linear in the text
            counted = at
            found.append((line, text[at:end].rstrip("\r")))
            at = text.find("#", end)
        else:
            at = text.find("#", at + 1)
    return found


def _line(mark: yaml.Mark | None) -> int | None:
    return None if mark is None else mark.line + 1


def _column(mark: yaml.Mark | None) -> int | None:
    return None if mark is None else mark.column + 1


@dataclass
class Positions:
    """Maps a field path to the line and column where it stands in one file's text. Each
    mapping's keys are indexed the first time a path goes through it, so locating N problems
    costs O(file size + N), however many keys a mapping has."""

    text: str
    _keys: dict[int, dict[str, tuple[yaml.Mark, yaml.Node]]] = field(
        default_factory=dict, init=False, repr=False
    )
    tree: yaml.Node | None = field(default=None, repr=False)  # the text's, when already composed

    def __getstate__(self) -> dict[str, object]:
        """Sent to another process (checks.shares) as its text alone: its node tree and the index
        by node id (ids name objects of this process only) are made again there on demand."""
        return {"text": self.text, "_keys": {}}

    @cached_property
    def _root(self) -> yaml.Node | None:
        if self.tree is not None:
            return self.tree
        try:
            return compose(self.text)
        except yaml.YAMLError:
            return None

    def of(self, path: FieldPath) -> tuple[int | None, int | None]:
        """Where ``path`` is written; for a missing field, where its nearest parent is."""
        node = self._root
        if node is None:
            return None, None
        mark = node.start_mark
        for part in path:
            child = self._child(node, part)
            if child is None:
                break
            mark, node = child
        return mark.line + 1, mark.column + 1

    def _child(self, node: yaml.Node, part: str | int) -> tuple[yaml.Mark, yaml.Node] | None:
        """The (position, node) of ``part`` inside ``node``: a mapping's key, a sequence's item."""
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for key_node, value_node in node.value:
                    keys.setdefault(str(key_node.value), (key_node.start_mark, value_node))
            return keys.get(str(part))
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            item = node.value[part]
            return item.start_mark, item
        return None
