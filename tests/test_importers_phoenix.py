"""The importer on the real thing: the full Phoenix/CAMEO dictionaries, then coding with them.

The dictionaries are read from ../shared/reference/petrarch2-dictionaries at test time (never
copied); the tests that need them skip when it is absent. The cache tests use the invented
dictionaries of tests/fixtures/petrarch/mini.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus import cache
from tacitus.cli import cli
from tacitus.datafiles import load_yaml
from tacitus.errors import DataFileError
from tacitus.importers.convert import import_dictionaries
from tacitus.importers.petrarch import read_actors
from tacitus.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
PHOENIX = ROOT.parent / "shared" / "reference" / "petrarch2-dictionaries"
SEED = ROOT.parent / "shared" / "seeds" / "000_d44e1bea3d174aff.txt"
MINI = Path(__file__).parent / "fixtures" / "petrarch" / "mini"
FILES = ("CAMEO.2.0.txt", "Phoenix.Countries.actors.txt", "Phoenix.agents.txt", "Phoenix.discards.txt")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def phoenix(tmp_path_factory) -> tuple[Path, str]:
    if not PHOENIX.is_dir() or not SEED.exists():
        pytest.skip(f"{PHOENIX} or {SEED} is absent: this test imports the real Phoenix dictionaries")
    out = tmp_path_factory.mktemp("phoenix") / "phoenix"
    result = CliRunner().invoke(cli, ["import", *(str(PHOENIX / f) for f in FILES), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result.output


def test_importers_phoenix_bad_lines_are_reported_not_written(phoenix):
    out, output = phoenix
    # the control character of two actor lines is reported with file and line, and removed
    assert re.search(r"Phoenix\.Countries\.actors\.txt:\d+: control character U\+001A removed", output)
    # a code whose period ends before it starts is reported and not written
    assert "EGYGOV starts 2012-12-07 after it ends 2012-08-02: it never applies; code skipped" in output
    text = (out / "actors.yaml").read_text(encoding="utf-8")
    assert not CONTROL.search(text)
    for line in text.splitlines():
        dates = re.search(r"from: (\d{4}-\d\d-\d\d), until: (\d{4}-\d\d-\d\d)", line)
        assert dates is None or dates.group(1) <= dates.group(2), line
    for name in ("patterns.yaml", "actors.yaml", "roles.yaml", "discards.yaml"):
        load_yaml(out / name, with_lines=True)  # every file written is read back


def test_importers_phoenix_codes_the_seed_end_to_end(phoenix, tmp_path):
    out, _ = phoenix
    args = ["code", str(SEED), "--published", "2023-11-01", "--dictionaries", str(out), "--quiet"]
    first = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "a.duckdb")], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    summary = re.search(r"read 1, coded 1 \(1 new, 0 already stored\), skipped 0, events (\d+)", first.output)
    assert summary and int(summary.group(1)) > 0, first.output
    assert list(cache.cache_dir().glob("dictionaries-*.pickle"))
    # the second run reads the compiled dictionaries from the cache, and codes the same
    second = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "b.duckdb")], catch_exceptions=False)
    assert second.exit_code == 0 and summary.group(0) in second.output


def test_importers_phoenix_actor_file_errors_name_file_and_line(tmp_path):
    path = tmp_path / "bad.actors.txt"
    path.write_text("ZORVANIA_ [ZRV]\n\tFEDERICO Z\x1aORR_ [ZRVGOV 20200101-20190101]\nOSTLAND_ [OST]\n",
                    encoding="utf-8")
    problems: list[str] = []
    entries = read_actors(path, problems)
    assert f"{path}:2: control character U+001A removed from the line" in problems
    assert f"{path}:2: ZRVGOV starts 2020-01-01 after it ends 2019-01-01: it never applies; code skipped" in problems
    assert [c.code for e in entries for c in e.codes] == ["ZRV", "OST"]


def test_datafiles_control_character_is_reported_by_line(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - {name: Zorvania, code: ZRV}\n  - {name: \"Ost\x1aland\", code: OST}\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_yaml(path)
    assert str(err.value).startswith(f"{path}:3: not valid YAML: control character U+001A at column 16")


def test_cache_compiled_dictionaries_are_reused_and_keyed_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("TACITUS_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "mini"
    import_dictionaries(folder, verbs=[MINI / "verbs.txt"], actors=[MINI / "actors.txt"],
                        agents=[MINI / "agents.txt"], discards=[MINI / "discards.txt"], ontology=MINI / "ontology.txt")
    first = Pipeline(dictionaries=str(folder))
    [pickled] = list((tmp_path / "cache").glob("dictionaries-*.pickle"))
    started = time.perf_counter()
    second = Pipeline(dictionaries=str(folder))
    assert time.perf_counter() - started < 60
    assert second.kb is not first.kb and second.book.count == first.book.count > 0
    # an edited dictionary is compiled again, under another key
    actors = folder / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    Pipeline(dictionaries=str(folder))
    assert len(list((tmp_path / "cache").glob("dictionaries-*.pickle"))) == 2 and pickled.exists()
    # a broken cache file is compiled again, not trusted
    for p in (tmp_path / "cache").glob("dictionaries-*.pickle"):
        p.write_bytes(b"not a pickle")
    assert Pipeline(dictionaries=str(folder)).book.count == first.book.count
