"""README.md stays true to the code: set-up commands, CI, and every CLI option documented."""

from __future__ import annotations

import re
from pathlib import Path

from tacitus.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_readme_states_the_two_setup_commands_first():
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_docs_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_docs_every_cli_option_is_in_the_readme():
    for name, command in cli.commands.items():
        assert f"tacitus {name}" in README, name
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"tacitus {name} {opt} is not documented in README.md"
