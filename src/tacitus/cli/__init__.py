"""The ``tacitus`` command: a thin layer over the library (tacitus.pipeline, store, export, evaluate).

Exit status: 0 success, 1 a failed run (nothing could be coded, a store or data error),
2 bad usage (click's convention).
"""

from __future__ import annotations

import gc

from tacitus.cli import coding, views  # noqa: F401 - they add their commands to the group
from tacitus.cli.base import cli

__all__ = ["cli", "main"]


def _add_serve() -> None:
    # tacitus.serve.command imports click only: FastAPI and uvicorn load when the server runs
    from tacitus.serve.command import serve_cmd

    cli.add_command(serve_cmd)


_add_serve()


def main() -> None:
    try:
        cli(prog_name="tacitus")
    finally:
        # the process ends next: what it loaded (the sentence model's PyTorch and transformers,
        # DuckDB, Arrow) is never collected again, so keep the garbage collector off it while
        # the interpreter tears down; that collection is most of a second of every run's end
        gc.freeze()


if __name__ == "__main__":
    main()
