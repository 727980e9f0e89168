"""The one YAML module: safe C loader and dumper, with source positions.

PyYAML's ``load`` keeps the last of two duplicate keys without a word and
expands aliases without limit, so documents are composed into nodes with the C
parser and built here, which lets us report duplicates, refuse alias bombs and
remember where every value came from (for ``FILE:LINE:COLUMN`` errors).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from companion.paths import MAX_YAML_BYTES

Path = tuple[str | int, ...]

MAX_FILE_BYTES = MAX_YAML_BYTES
#: Values built from one document (a 10,000-item bundle needs about 300,000).
MAX_NODES = 5_000_000
#: Values built by expanding aliases: a real bundle needs none, and this stops
#: a "billion laughs" document within a fraction of a second.
MAX_ALIAS_NODES = 10_000


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


@dataclass(frozen=True)
class Mark:
    """A position in a source file; line and column count from 1."""

    line: int
    column: int


@dataclass(frozen=True)
class YamlProblem:
    message: str
    mark: Mark | None = None
    path: Path = ()


class YamlError(Exception):
    """The document could not be read at all (syntax, encoding, size)."""

    def __init__(self, problems: list[YamlProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Document:
    """Plain Python data plus where each value and each mapping key sits."""

    data: Any
    value_marks: dict[Path, Mark] = field(default_factory=dict)
    key_marks: dict[Path, Mark] = field(default_factory=dict)
    #: Non-fatal problems found while building, such as duplicate keys.
    problems: list[YamlProblem] = field(default_factory=list)

    def mark_for(self, path: Path, *, key: bool = False) -> Mark | None:
        """The closest known position for ``path`` (walking up to its parents)."""
        marks = self.key_marks if key else self.value_marks
        while True:
            if path in marks:
                return marks[path]
            if key and path in self.value_marks:
                return self.value_marks[path]
            if not path:
                return None
            path = path[:-1]


def _mark(node_mark: Any) -> Mark:
    return Mark(node_mark.line + 1, node_mark.column + 1)


def decode(raw: bytes) -> str:
    """UTF-8 text, with a byte-order mark accepted; raises YamlError otherwise."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            [
                YamlProblem(
                    f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded "
                    "(save the file as UTF-8)",
                    Mark(line, column),
                )
            ]
        ) from None


class _Builder:
    def __init__(self, loader: yaml.CSafeLoader, doc: Document) -> None:
        self.loader = loader
        self.doc = doc
        self.count = 0
        self.alias_count = 0
        self.alias_depth = 0
        self.seen: set[int] = set()

    def _refuse(self, node: yaml.Node, path: Path, what: str) -> YamlError:
        return YamlError([YamlProblem(what, _mark(node.start_mark), path)])

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._refuse(node, path, f"the document has more than {MAX_NODES:,} values")
        aliased = id(node) in self.seen
        self.seen.add(id(node))
        if aliased or self.alias_depth:
            self.alias_count += 1
            if self.alias_count > MAX_ALIAS_NODES:
                raise self._refuse(
                    node,
                    path,
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} values "
                    "(a 'billion laughs' document?); refusing it",
                )
        self.alias_depth += aliased
        try:
            return self._build(node, path)
        finally:
            self.alias_depth -= aliased

    def _build(self, node: yaml.Node, path: Path) -> Any:
        self.doc.value_marks.setdefault(path, _mark(node.start_mark))
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
            raise self._refuse(node, path, f"unsupported YAML tag '{node.tag}'")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self.loader.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.doc.problems.append(
                    YamlProblem(
                        "merge keys ('<<') are not supported; write the keys out",
                        _mark(key_node.start_mark),
                        path,
                    )
                )
                continue
            key = self.build(key_node, path)
            if not isinstance(key, str | int | float | bool) and key is not None:
                self.doc.problems.append(
                    YamlProblem(
                        "a mapping key must be plain text", _mark(key_node.start_mark), path
                    )
                )
                continue
            child = (*path, key if isinstance(key, str | int) else str(key))
            if key in result:
                first = self.doc.key_marks.get(child)
                where = f" (first at line {first.line})" if first else ""
                self.doc.problems.append(
                    YamlProblem(
                        f"duplicate key '{key}'{where}; a key may appear only once",
                        _mark(key_node.start_mark),
                        child,
                    )
                )
                continue
            self.doc.key_marks[child] = _mark(key_node.start_mark)
            result[key] = self.build(value_node, child)
        return result


#: Plain words for the syntax errors people make most, by what PyYAML says.
_HINTS = (
    ("could not find expected ':'", "this line is not 'key: value' (a ':' is missing)"),
    ("found unexpected end of stream", "a quotation mark or bracket opened here is never closed"),
    ("cannot start any token", "YAML indents with spaces, not tabs"),
    ("mapping values are not allowed", "a ': ' inside a value: put the value in quotes"),
    ("did not find expected key", "this line's indentation does not match the lines above"),
    ("did not find expected '-'", "this line's indentation does not match the list above"),
    ("did not find expected ',' or ']'", "a '[' opened here is never closed with ']'"),
    ("did not find expected ',' or '}'", "a '{' opened here is never closed with '}'"),
)


def syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    """A syntax error at the line of the mistake, in plain words first.

    PyYAML notices most mistakes a line late (a key without ':' is found out on the
    next line, an unclosed quote at the end of the file); its context mark is where the
    faulty token or bracket began, which is where an author has to look. A block
    collection's context is its first line, far away: there the problem mark is right.
    """
    context = exc.context or ""
    faulty_token = context.startswith("while scanning") or context.startswith(
        "while parsing a flow"
    )
    mark = exc.context_mark if faulty_token and exc.context_mark else exc.problem_mark
    mark = mark or exc.context_mark
    what = ", ".join(part for part in (exc.context, exc.problem) if part) or "unreadable"
    hint = next((words for key, words in _HINTS if key in what), "")
    message = f"invalid YAML: {hint} ({what})" if hint else f"invalid YAML: {what}"
    return YamlProblem(message, _mark(mark) if mark else None)


def load_document(raw: bytes) -> Document:
    """Parse one YAML document safely, keeping positions. Raises YamlError."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            [
                YamlProblem(
                    f"the file is {len(raw) / 2**20:.1f} MiB, over the "
                    f"{MAX_FILE_BYTES / 2**20:.0f} MiB limit for a YAML file"
                )
            ]
        )
    text = decode(raw)
    doc = Document(data=None)
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            doc.data = _Builder(loader, doc).build(node, ())
    except yaml.MarkedYAMLError as exc:
        raise YamlError([syntax_problem(exc)]) from None
    except yaml.YAMLError as exc:
        raise YamlError([YamlProblem(f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise YamlError([YamlProblem("the document is nested too deeply")]) from None
    finally:
        loader.dispose()
    return doc


def load_plain(raw: bytes) -> Any:
    """Parse trusted-shape data quickly (no positions); raises YamlError."""
    return load_document(raw).data


class _ReadableDumper(yaml.CSafeDumper):
    """Multi-line text as literal blocks (``|``), so notes read like notes in the file."""


def _represent_str(dumper: _ReadableDumper, text: str) -> yaml.Node:
    # The emitter still falls back to a quoted style when a block cannot hold the text exactly.
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ReadableDumper.add_representer(str, _represent_str)


def dump(data: Any) -> str:
    """Block-style YAML with stable key order as given, via the C dumper."""
    return yaml.dump(
        data,
        Dumper=_ReadableDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
