"""Reading dictionary files: lines, comments, words, problems; and what kind a file is (``sniff``).

Part of :mod:`tacitus.importers.petrarch` (see its docstring for the rules the files share).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from tacitus.errors import DataFileError

# ---------------------------------------------------------------- reading lines


class _Line(NamedTuple):
    no: int          # 1-based line number
    raw: str         # the line as written, without the newline
    text: str        # the line with comments removed (not stripped)
    comment: str     # the text of a '#' or ';' comment, stripped


_XML_OPEN = re.compile(r"<!\s*--")
_COMMENT_CHARS = re.compile(r"[#;]")


#: Control characters (all but the tab): the Phoenix actors file has a few where an accented
#: letter was lost ("Z\x1aROUAL"), and YAML refuses them in any file tacitus writes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _load(path: str | Path, problems: list[str] | None = None) -> tuple[str, list[str]]:
    """The file's name (as given) and its lines, newlines removed.

    Control characters are removed from the lines, each line where one was reported in
    ``problems`` (the rest of the line is read: dropping it would give its synonyms and codes
    to the entry above).
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise DataFileError(name, f"cannot read the file ({err.strerror})",
                            hint="check the path of the PETRARCH dictionary") from err
    if b"\x00" in data:
        raise DataFileError(name, "this is a binary file, not a PETRARCH dictionary",
                            hint="give the plain-text dictionary (.txt) itself")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # old TABARI files; every byte is a character
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    for no, line in enumerate(lines, 1):
        if _CONTROL.search(line):
            found = ", ".join(sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(line)}))
            _report(problems, name, no, f"control character {found} removed from the line")
            lines[no - 1] = _CONTROL.sub("", line)
    return name, lines


def _comment_at(line: str, start: int) -> int:
    """Index of the first ``#`` or ``;`` at or after ``start`` that is not inside ``[...]``."""
    for m in _COMMENT_CHARS.finditer(line, start):
        i = m.start()
        if line.count("[", 0, i) <= line.count("]", 0, i):
            return i
    return -1


def _strip_comments(lines: list[str], notes: list[tuple[int, str]] | None = None) -> list[_Line]:
    """Remove ``#``, ``;`` and ``<!-- -->`` comments; keep line numbers.

    Comments are not nested and ``#`` inside square brackets is data (the ``[###]`` code).
    A ``<!--`` that is never closed is reported in ``notes`` and ends the file.
    """
    out: list[_Line] = []
    in_xml = False
    opened_at = 0
    for no, line in enumerate(lines, 1):
        pos = 0
        kept: list[str] = []
        comment = ""
        while pos <= len(line):
            if in_xml:
                end = line.find("-->", pos)
                if end < 0:
                    pos = len(line) + 1
                    break
                in_xml = False
                pos = end + 3
                continue
            xml = _XML_OPEN.search(line, pos)
            hash_at = _comment_at(line, pos)
            if hash_at >= 0 and (xml is None or hash_at < xml.start()):
                kept.append(line[pos:hash_at])
                comment = line[hash_at + 1:].strip()
                break
            if xml is not None:
                kept.append(line[pos:xml.start()])
                in_xml, opened_at = True, no
                pos = xml.end()
                continue
            kept.append(line[pos:])
            break
        out.append(_Line(no, line, "".join(kept), comment))
    if in_xml and notes is not None:
        notes.append((opened_at, "'<!--' is never closed with '-->': the rest of the file is a comment"))
    return out


def _significant(lines: Iterable[_Line]) -> Iterator[tuple[_Line, str]]:
    """The lines with something left after comments, with that text stripped."""
    for ln in lines:
        s = ln.text.strip()
        if s:
            yield ln, s


_WORD_GAP = re.compile(r"[\s_]+")


def _words(text: str) -> list[str]:
    """Words of a phrase written with spaces, tabs and/or underscores."""
    return [w for w in _WORD_GAP.split(text) if w]


def _report(problems: list[str] | None, path: str, line: int, why: str) -> None:
    if problems is not None:
        problems.append(f"{path}:{line}: {why}")


# ---------------------------------------------------------------- sniff

_ONTOLOGY_LINE = re.compile(r"^\s*[\w-]+\s*:\s*[+-]?\s*(0[xX][0-9A-Fa-f]+|\d+)")
_AGENT_CODE = re.compile(r"\[\s*(~\s*[\w/]+|[\w/]+\s*~)\s*[\]}]")
_MARKER_DEF = re.compile(r"^!([^!\s]+)!\s*=")
_HEADER = re.compile(r"^---.*(---|\[)")
_SYNSET_LABEL = re.compile(r"^&[\w]")
_SNIFF_LINES = 5000  # enough for every kind; the Phoenix files run to 54k lines


def _sniff_lines(lines: list[str]) -> str | None:
    """The kind of dictionary these lines are, or None if they are none of them."""
    head = lines[:_SNIFF_LINES]
    raw = [line for line in head if line.strip() and not line.lstrip().startswith("#")]
    if not raw:
        return None
    if any(line.lstrip().upper().startswith("<ISSUE") for line in raw):
        return "issues"
    onto = sum(1 for line in raw if _ONTOLOGY_LINE.match(line))
    if onto and onto * 2 >= len(raw):
        return "ontology"
    verbs = agents = actors = bare = 0
    for _ln, s in _significant(_strip_comments(head)):
        if _HEADER.match(s):
            verbs += 5
        elif _SYNSET_LABEL.match(s):
            verbs += 2
        elif s.startswith("~") and "=" in s:
            verbs += 2
        elif (s.startswith("-") or s.startswith("*")) and "*" in s:
            verbs += 1
        elif _MARKER_DEF.match(s):
            agents += 5
        elif _AGENT_CODE.search(s):
            agents += 1
        elif "[" in s:
            actors += 1
        elif not re.search(r"[,.!?;:]\s|[,!?;]$", s) and len(s.split()) <= 6:
            bare += 1  # a discard phrase: a few words, not a sentence of prose
    best = max(verbs, agents, actors)
    if best == 0:
        return "discards" if bare else None
    if verbs == best:
        return "verbs"
    return "agents" if agents == best else "actors"


def sniff(path: str | Path) -> str:
    """Which kind of PETRARCH file this is, from its content.

    Returns one of "verbs", "actors", "agents", "discards", "ontology" (the PICO file) and
    "issues" (the issue-coding file, which has no reader here).

    Raises:
        DataFileError: the file cannot be read or is none of these.
    """
    name, lines = _load(path)
    kind = _sniff_lines(lines)
    if kind is None:
        raise DataFileError(name, "this is not a PETRARCH or TABARI dictionary (verbs, actors, "
                            "agents, discards or PICO ontology)",
                            hint="give a dictionary file such as CAMEO.2.0.txt or Phoenix.agents.txt")
    return kind


def _expect(name: str, lines: list[str], kind: str, reader: str) -> None:
    """Refuse a file that reads as another kind of dictionary, naming the right reader."""
    found = _sniff_lines(lines)
    if found is None or found == kind:
        return
    first = next((i for i, line in enumerate(lines, 1)
                  if line.strip() and not line.lstrip().startswith(("#", "<!"))), None)
    right = f"read_{found}" if found != "issues" else "no reader (issue files are not imported)"
    raise DataFileError(name, f"this is not a {kind} file: it reads as a PETRARCH {found} file",
                        line=first, hint=f"use {right}, or check that the right file was given to {reader}")
