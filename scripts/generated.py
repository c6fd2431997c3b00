"""Writing (or checking) a generated JSON Lines data file: the part the build scripts share.

``scripts/build_people.py``, ``scripts/build_organisations.py`` and ``scripts/build_groups.py`` each build a list of entries
from the PETRARCH-2 dictionaries and our curated files; :func:`finish` renders it under the
file's header comment, and either writes it and says what the build kept and dropped, or (with
``--check``, as the tests run it) says whether the committed file is what the build gives;
:func:`arguments` reads the options the scripts take, and :func:`main` is their command line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

#: The repository's parent, where ../shared is by default.
PARENT = Path(__file__).resolve().parents[2]


def arguments(description: str, argv: list[str] | None = None) -> argparse.Namespace:
    """``--shared`` (the folder that holds reference/, default ../shared) and ``--check``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shared", type=Path, default=PARENT / "shared",
                        help="the folder that holds reference/petrarch2-dictionaries (default: ../shared)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    return parser.parse_args(argv)


def render(header: str, lines: list[dict]) -> str:
    """The file's text: its header comment, then one JSON object per line."""
    return header + "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines)


def finish(out: Path, header: str, lines: list[dict], counts: dict[str, int], *, check: bool,
           noun: str, script: str) -> int:
    """Write ``out`` (or compare it, with ``check``); the exit status of the script."""
    text = render(header, lines)
    if check:
        have = out.read_text(encoding="utf-8") if out.exists() else ""
        if have == text:
            print(f"{out.name} is up to date ({len(lines)} {noun})")
            return 0
        print(f"{out.name} differs from what its sources give: rerun {script}")
        return 1
    out.write_text(text, encoding="utf-8")
    for what, n in counts.items():
        print(f"{what}: {n}")
    print(f"wrote {len(lines)} {noun} to {out}")
    return 0


def main(build, out: Path, header: str, *, noun: str, script: str, description: str,  # noqa: ANN001
         argv: list[str] | None = None) -> int:
    """A build script's command line: read the options, build from ``--shared``, then write
    or check ``out``. A source that is missing or has a bad line is said in one line, with
    exit status 1, no traceback."""
    import sys

    from tacitus.errors import DataFileError

    args = arguments(description, argv)
    try:
        lines, counts = build(args.shared)
    except (DataFileError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return finish(out, header, lines, counts, check=args.check, noun=noun, script=script)
