"""CAMEO codebook facts for every code: name, Goldstein value, quad class, PLOVER type.

Read once from the package table ``tacitus/data/cameo_codebook.csv``, which
``scripts/build_codebook.py`` generates from the CAMEO and PLOVER reference tables (sources,
choices and the CC BY-SA 4.0 notice of the PLOVER columns: ``data/CODEBOOK-NOTICE.md``).

CAMEO codes are strings and keep their leading zeros: ``"042"`` (Make a visit), not ``42``.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from tacitus.errors import DataFileError, TacitusError

__all__ = ["CodeInfo", "all_codes", "describe", "is_code", "lookup", "roots"]

_TABLE = "cameo_codebook.csv"
_COLUMNS = ("code", "root", "parent", "name", "goldstein", "quad_class", "plover_event",
            "plover_mode", "plover_context")


@dataclass(frozen=True)
class CodeInfo:
    """The codebook facts of one CAMEO code.

    Attributes:
        code: the CAMEO code, a string of 2 to 4 digits ("04", "042", "0421").
        root: its two-digit root ("04").
        parent: the code one level up ("04" for "042"); empty for a root.
        name: the CAMEO 1.1b3 name ("Make a visit").
        goldstein: the Goldstein conflict-cooperation value, -10 to +10 (GDELT's table).
        quad_class: GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation,
            3 verbal conflict, 4 material conflict.
        plover: the PLOVER event type ("CONSULT"), or None for CAMEO 01 statements.
        plover_mode: the PLOVER mode the mapping gives ("disapprove"), or None; advisory,
            since the mapping predates the current PLOVER manual.
        plover_context: PLOVER context tags ("diplomatic",), possibly empty.
    """

    code: str
    root: str
    parent: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, CodeInfo]:
    """The codebook, by code, loaded once from the package data.

    Raises:
        DataFileError: the table is missing or malformed.
    """
    resource = resources.files("tacitus") / "data" / _TABLE
    try:
        text = resource.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(str(resource), f"cannot read the codebook table ({err.strerror})",
                            hint=_REBUILD) from err
    return _parse(text, str(resource))


_REBUILD = "regenerate it with scripts/build_codebook.py, or reinstall tacitus"


def _parse(text: str, name: str) -> dict[str, CodeInfo]:
    """Parse the codebook CSV; ``name`` is the file named in errors.

    Raises:
        DataFileError: wrong header, a malformed or duplicate row (with its line).
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise DataFileError(name, f"the header should be {','.join(_COLUMNS)}", line=1, hint=_REBUILD)
    table: dict[str, CodeInfo] = {}
    for row in reader:
        line = reader.line_num
        code = row["code"] or ""
        try:
            info = CodeInfo(
                code=code,
                root=row["root"],
                parent=row["parent"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover=row["plover_event"] or None,
                plover_mode=row["plover_mode"] or None,
                plover_context=tuple(c for c in row["plover_context"].split(";") if c),
            )
        except (TypeError, ValueError, AttributeError) as err:
            # a short row leaves None in the last columns: float(None), None.split
            raise DataFileError(name, f"the row of code {code!r} is malformed ({err})", line=line,
                                hint=_REBUILD) from err
        if not (code.isdigit() and 2 <= len(code) <= 4 and code[:2] == info.root):
            raise DataFileError(name, f"{code!r} is not a CAMEO code of root {info.root!r}",
                                line=line, hint=_REBUILD)
        if code in table:
            raise DataFileError(name, f"code {code} appears twice", line=line, hint=_REBUILD)
        table[code] = info
    return table


def is_code(code: str) -> bool:
    """Whether ``code`` is a CAMEO code ("042" is; "42" and "0429" are not).

    Args:
        code: a CAMEO code, as a string with its leading zero.

    Returns:
        True if the codebook has it.
    """
    return isinstance(code, str) and code in _table()


def lookup(code: str) -> CodeInfo:
    """The codebook facts of a CAMEO code.

    Args:
        code: a CAMEO code, as a string with its leading zero ("042", "04", "0421").

    Returns:
        Its name, root, Goldstein value, quad class and PLOVER mapping.

    Raises:
        TacitusError: the code is not in the CAMEO codebook; the hint says why (a missing
            leading zero, a number instead of a string, a code that does not exist).
    """
    table = _table()
    if isinstance(code, str) and code in table:
        return table[code]
    raise TacitusError(f"{code!r} is not a CAMEO code", hint=_hint(code, table))


def describe(code: str) -> CodeInfo:
    """The codebook facts of any event code a dictionary may produce.

    A CAMEO code gives its own facts. A code of a user dictionary that CAMEO lacks (the
    PETRARCH test dictionaries use "1011" or "903") takes the quad class, Goldstein value and
    PLOVER type of its nearest CAMEO ancestor ("0579" those of "057"), with an empty name; a
    code with no CAMEO ancestor has none of them.
    """
    table = _table()
    if code in table:
        return table[code]
    for cut in (3, 2):
        parent = table.get(code[:cut])
        if parent is not None and len(code) > cut:
            return CodeInfo(code, parent.root, parent.code, "", parent.goldstein, parent.quad_class,
                            parent.plover, parent.plover_mode, parent.plover_context)
    return CodeInfo(code, code[:2], "", "", None, None, None, None, ())  # type: ignore[arg-type]


def _hint(code: object, table: dict[str, CodeInfo]) -> str:
    text = str(code).strip()
    if text in table:
        # 10 given as a number, or " 042" with spaces
        return f"CAMEO codes are strings of digits: \"{text}\" ({table[text].name})"
    if text.isdigit() and "0" + text in table:
        return (f"CAMEO codes are strings that keep their leading zero: did you mean "
                f"\"0{text}\" ({table['0' + text].name})?")
    if text.isdigit() and len(text) in (3, 4):
        nearest = text[:3] if text[:3] in table else text[:2]
        if nearest in table:
            return (f"CAMEO has no code {text}; the nearest is {nearest} ({table[nearest].name}). "
                    "`tacitus patterns` lists the codes in use")
    return ("CAMEO codes are strings of 2 to 4 digits, root first, with the leading zero: "
            "\"04\", \"042\", \"0421\"; `tacitus patterns` lists the codes in use")


def all_codes() -> list[CodeInfo]:
    """Every CAMEO code (20 roots, their 3- and 4-digit codes), in codebook order.

    Returns:
        One :class:`CodeInfo` per code, roots before their children ("04", "040", ...).
    """
    return list(_table().values())


def roots() -> list[CodeInfo]:
    """The 20 two-digit CAMEO roots, "01" (Make public statement) to "20" (Use unconventional
    mass violence).

    Returns:
        One :class:`CodeInfo` per root, in order.
    """
    return [c for c in _table().values() if len(c.code) == 2]
