"""The command line: real runs of `tacitus` on articles written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tacitus.cli import cli

ARTICLE = """Ministers meet in Riga

Latvian Foreign Minister Krisjanis Karins met his Estonian counterpart in Riga on Monday.
Latvia and Estonia signed an agreement on border security, officials said.
Latvia also condemned Russia for the violation of its airspace.
"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": "Kenya praised Uganda on Friday for its help.", "published": "2024-05-03"}) + "\n{oops\n",
        encoding="utf-8")
    return tmp_path


def run(*args, cwd=None):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_code_stores_reports_and_exports(files):
    db = str(files / "t.duckdb")
    result = run("code", str(files / "a.txt"), str(files / "empty.txt"), str(files / "b.jsonl"),
                 "--published", "2024-03-04", "--db", db, "--out", str(files / "out.jsonl"))
    assert result.exit_code == 0, result.output
    assert f"skipped {files / 'empty.txt'}: empty file" in result.output
    assert f"skipped {files / 'b.jsonl'}:2: not valid JSON" in result.output
    assert "read 4, coded 2 (2 new, 0 already stored), skipped 2" in result.output
    events = [json.loads(x) for x in (files / "out.jsonl").read_text().splitlines()]
    assert any(e["cameo"] == "057" and {e["source"]["country"], e["target"]["country"]} == {"LVA", "EST"} for e in events)
    assert any(e["source"]["country"] == "KEN" and e["date"] == "2024-05-03" for e in events)
    again = run("code", str(files / "a.txt"), "--published", "2024-03-04", "--db", db, "--quiet")
    assert "coded 1 (0 new, 1 already stored)" in again.output


def test_cli_code_nothing_codable_exits_1(files):
    result = CliRunner().invoke(cli, ["code", str(files / "empty.txt"), "--db", str(files / "t.duckdb")])
    assert result.exit_code == 1
    assert "nothing could be coded" in result.output


def test_cli_bad_date_is_a_usage_error(files):
    result = CliRunner().invoke(cli, ["code", str(files / "a.txt"), "--published", "yesterday"])
    assert result.exit_code == 2 and "not a date; write YYYY-MM-DD" in result.output


def test_cli_home_state(files, tmp_path):
    (tmp_path / "lead.txt").write_text("The prime minister has condemned Belarus's elections as a sham.", encoding="utf-8")
    bad = CliRunner().invoke(cli, ["code", str(tmp_path / "lead.txt"), "--home", "UK", "--db", str(files / "h.duckdb")])
    assert bad.exit_code == 1 and "ISO 3166 alpha-3" in bad.output
    out = run("code", str(tmp_path / "lead.txt"), "--home", "GBR", "--published", "2024-03-04",
              "--db", str(files / "h.duckdb"), "--out", str(files / "h.jsonl"))
    events = [json.loads(x) for x in (files / "h.jsonl").read_text().splitlines()]
    assert any(e["source"]["country"] == "GBR" and e["target"]["country"] == "BLR" for e in events), out.output


def test_cli_events_filters_and_formats(files):
    db = str(files / "t.duckdb")
    run("code", str(files / "a.txt"), "--published", "2024-03-04", "--db", db, "--quiet")
    out = run("events", "--db", db, "--dyad", "LVA-RUS", "--format", "jsonl").output
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows and all({r["source"]["country"], r["target"]["country"]} == {"LVA", "RUS"} for r in rows)
    csv_out = run("events", "--db", db, "--code", "05", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("event_id,article_id")
    table = run("events", "--db", db).output
    assert "LVA" in table and "events in" in table
    every = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl").output.splitlines()]
    cut = sorted(r["confidence"] for r in every)[len(every) // 2]
    sure = [json.loads(x) for x in run("events", "--db", db, "--min-confidence", str(cut),
                                       "--format", "jsonl").output.splitlines()]
    assert 0 < len(sure) < len(every) or len({r["confidence"] for r in every}) == 1
    assert all(r["confidence"] >= cut for r in sure)
    assert {r["event_id"] for r in sure} == {r["event_id"] for r in every if r["confidence"] >= cut}
    missing = CliRunner().invoke(cli, ["events", "--db", str(files / "none.duckdb")])
    assert missing.exit_code == 1 and "no store at" in missing.output


def test_cli_code_out_formats(files):
    for suffix in ("csv", "parquet"):
        result = run("code", str(files / "a.txt"), "--db", str(files / f"{suffix}.duckdb"), "--out",
                     str(files / f"out.{suffix}"), "--quiet")
        assert result.exit_code == 0 and (files / f"out.{suffix}").stat().st_size > 100
    bad = CliRunner().invoke(cli, ["code", str(files / "a.txt"), "--out", str(files / "out.xlsx")])
    assert bad.exit_code == 1 and "name the file .jsonl, .csv or .parquet" in bad.output


def test_cli_every_command_has_help_with_an_example():
    for name in ("code", "events", "eval"):
        result = run(name, "--help")
        assert result.exit_code == 0 and "Example:" in result.output


def test_cli_entry_point_and_stdin(tmp_path):
    exe = [sys.executable, "-m", "tacitus"]
    version = subprocess.run([*exe, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("tacitus, version")
    proc = subprocess.run([*exe, "code", "-", "--db", str(tmp_path / "s.duckdb"), "--out", "-",
                           "--published", "2024-01-10"],
                          input="Norway praised Sweden on Monday for its support.", capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    event = json.loads(proc.stdout.splitlines()[0])
    assert (event["source"]["country"], event["cameo"], event["target"]["country"], event["date"]) == \
        ("NOR", "051", "SWE", "2024-01-08")
    assert "model: en_core_web_sm" in proc.stderr


def test_cli_user_boilerplate_rules(files):
    rules = files / "mine.yaml"
    rules.write_text("rules:\n  - pattern: '^Ministers meet in Riga$'\n    why: 'a test headline to drop'\n"
                     "    drops: ['Ministers meet in Riga']\n", encoding="utf-8")
    out = files / "o.jsonl"
    result = run("code", str(files / "a.txt"), "--db", str(files / "b.duckdb"), "--boilerplate", str(rules),
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not any("Ministers meet in Riga" in json.loads(x)["sentence"] for x in out.read_text().splitlines())


def test_cli_patterns_and_explain():
    listing = run("patterns", "--code", "057", "--word", "treaty").output
    assert "057" in listing and "treaty" in listing and "patterns.yaml:" in listing
    assert "SOURCE's treaty with TARGET" in listing
    unknown = CliRunner().invoke(cli, ["patterns", "--code", "999"])
    assert unknown.exit_code == 1 and "not a CAMEO code" in unknown.output
    shown = run("explain", "Serbia refused to impose sanctions on Russia.", "--published", "2022-03-01").output
    assert "patterns that fired" in shown and "stance=refusal" in shown and "SRB" in shown and "RUS" in shown


def test_cli_explain_with_a_user_pattern_file(tmp_path):
    """A user checking a pattern of their own sees it fire in explain, with its file's code."""
    sentence = "Armenia mothballed its cooperation with Russia."
    assert "161:verb:mothball" not in run("explain", sentence).output
    extra = tmp_path / "mine.yaml"
    extra.write_text('"161":  # Reduce or break diplomatic relations\n  verbs:\n    - mothball cooperation with\n',
                     encoding="utf-8")
    shown = run("explain", sentence, "--patterns", str(extra), "--published", "2024-03-01").output
    assert "161:verb:mothball" in shown and "ARM" in shown and "RUS" in shown


def test_cli_code_pipes_full_tsv_and_warns_once_about_undated_articles(files):
    result = run("code", str(files / "a.txt"), str(files / "b.jsonl"), "--db", str(files / "t.duckdb"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["date", "source_code", "source_name", "cameo", "cameo_name", "target_code",
                                    "target_name", "confidence", "sentence"]
    rows = [line.split("\t") for line in lines[1:] if "\t" in line]
    agreement = next(r for r in rows if r[3] == "057")
    # nothing cut: the whole sentence, and the confidence column
    assert agreement[8] == "Latvia and Estonia signed an agreement on border security, officials said."
    assert 0 < float(agreement[7]) <= 1
    assert result.stderr.count("warning: 1 of 3 articles have no publication date") == 1


def test_cli_code_lists_events_only_for_small_runs_unless_asked(tmp_path):
    states = ["Kenya", "Uganda", "Ghana", "Chile", "Peru", "Nepal", "Japan", "Spain", "Italy", "Egypt", "Yemen"]
    lines = [json.dumps({"text": f"{a} praised {b} on Friday for its help.", "published": "2024-05-03"})
             for a in states for b in states[:3] if a != b][:21]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("code", str(tmp_path / "many.jsonl"), "--db", str(tmp_path / "t.duckdb"), "--workers", "1")
    assert result.exit_code == 0 and "read 21, coded 21 (21 new" in result.stdout
    assert "source_code" not in result.stdout and "pass --table" in result.stderr
    again = run("code", str(tmp_path / "many.jsonl"), "--db", str(tmp_path / "t.duckdb"), "--table")
    assert again.stdout.startswith("date\tsource_code") and "coded 21 (0 new, 21 already stored)" in again.stdout
    assert "praised" in again.stdout and "no publication date" not in again.stderr
    assert "--scheduler and --shards go with --engine dask" in run("code", "x", "--scheduler", "tcp://a:1").output
