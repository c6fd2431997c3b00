"""Reading the YAML data files that hold tacitus's knowledge, with errors that name file and line.

Built-in files live in ``tacitus/data/``; users pass their own files with the same format.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tacitus.errors import DataFileError


def builtin_path(name: str) -> Path:
    """Path of a built-in data file, e.g. ``builtin_path("patterns.yaml")``."""
    return Path(str(resources.files("tacitus") / "data" / name))


# libyaml's parser when PyYAML was built with it: the same documents, five to ten times faster
# (the data files are read at every start-up)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _WordLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A SafeLoader where only true/false are booleans (as in YAML 1.2).

    YAML 1.1 also reads on, off, yes, no, y and n as booleans, and the data files are lists
    of words: "prepositions: [in, on, at]" must keep "on" a word.
    """


_BOOL = "tag:yaml.org,2002:bool"
_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()}
_WordLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _LineLoader(_WordLoader):
    """A loader that records the 1-based line of every mapping, as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    # the line of each key, to point at "42x:" rather than at the block under it
    mapping["__keylines__"] = {loader.construct_object(k): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


class LineList(list):
    """A YAML sequence that remembers the line of each item (``.lines``)."""

    lines: list[int]


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_sequence(node, deep=True))
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: str | Path, *, with_lines: bool = False) -> Any:
    """Load a YAML data file.

    Args:
        path: the file.
        with_lines: give every mapping a ``__line__`` key with its line number and a
            ``__keylines__`` mapping of each key's line, so that later checks can report where
            a bad entry is.

    Raises:
        DataFileError: the file is missing or is not valid YAML (with the line of the error).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(str(path), f"cannot read the file ({err.strerror})",
                            hint="check the path given with --actors/--patterns") from err
    try:
        return yaml.load(text, Loader=_LineLoader if with_lines else _WordLoader)  # noqa: S506
    except yaml.reader.ReaderError as err:
        # a character YAML does not allow: PyYAML gives its position in the text, not its line
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        char = err.character if isinstance(err.character, str) else chr(err.character)
        raise DataFileError(str(path), f"not valid YAML: control character U+{ord(char):04X} at column {column}",
                            line=line, hint="delete the character (YAML allows no control characters "
                                            "but tab and newline)") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise DataFileError(str(path), f"not valid YAML: {problem}", line=line,
                            hint="check indentation and quoting near that line") from err


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Load a JSON Lines data file: one JSON object per line; blank lines and lines starting
    with ``#`` are skipped. Each object gets a ``__line__`` key with its line number.

    Raises:
        DataFileError: the file is missing, or a line is not a JSON object (with its line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(str(path), f"cannot read the file ({err.strerror})",
                            hint="check the path given with --actors") from err
    entries: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError(str(path), f"not valid JSON: {err.msg} (column {err.colno})", line=number,
                                hint="each line of a .jsonl file is one JSON object") from err
        if not isinstance(entry, dict):
            raise DataFileError(str(path), "a line must be one JSON object {...}", line=number)
        entry["__line__"] = number
        entries.append(entry)
    return entries
