"""The importer: PETRARCH dictionaries written as tacitus data files, then coded with.

The fixtures in tests/fixtures/petrarch/mini are written for these tests (invented states
Zorvania, Ostland and Veldmark, an invented person Marta Kellen); every test converts them
and codes real sentences through the real pipeline with the result.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tacitus.events.patterns import load
from tacitus.importers.convert import import_dictionaries, negation_table, plural, verb_forms
from tacitus.pipeline import Pipeline
from tacitus.records import Article, Options

MINI = Path(__file__).parent / "fixtures" / "petrarch" / "mini"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mini")
    import_dictionaries(out, verbs=[MINI / "verbs.txt"], actors=[MINI / "actors.txt"],
                        agents=[MINI / "agents.txt"], discards=[MINI / "discards.txt"],
                        ontology=MINI / "ontology.txt")
    return out


@pytest.fixture(scope="module")
def pipeline(folder) -> Pipeline:
    return Pipeline(Options(domestic=True), dictionaries=str(folder))


def coded(pipeline: Pipeline, text: str, published: str = "2020-06-01") -> list[tuple]:
    from datetime import date

    article = Article.from_text(text, published=date.fromisoformat(published))
    events = pipeline.code_article(article).events
    return sorted((e.source.code if e.source else "---", e.target.code if e.target else "---", e.cameo, e.negated)
                  for e in events)


def test_importers_convert_word_forms():
    assert plural("treaty") == "treaties" and plural("day") == "days" and plural("embargo") == "embargos"
    assert verb_forms("agree") >= {"agree", "agrees", "agreed", "agreeing"}
    assert verb_forms("ratify") >= {"ratifies", "ratified", "ratifying"}
    assert verb_forms("restore") >= {"restored", "restoring"}


def test_importers_convert_writes_readable_files(folder):
    patterns = yaml.safe_load((folder / "patterns.yaml").read_text())
    assert patterns["settings"] == {"match": "forms", "default_target": "first_actor",
                                    "passive_source": "first_actor"}
    assert "tietypes" in patterns["synsets"]
    assert any("{&tietypes ties}" in p for p in patterns["0311"]["verbs"])
    arrive = patterns["042"]["verbs"][0]
    assert arrive["reciprocal"] == "043"  # [042:043]: the host's event too
    assert patterns["---"]["verbs"]  # [---]: approve budget is no event
    actors = yaml.safe_load((folder / "actors.yaml").read_text())
    kellen = [a for a in actors if a["name"] == "Marta Kellen"]
    assert {(a["code"], str(a.get("from")), str(a.get("until"))) for a in kellen} == {
        ("ZRVOPP", "None", "2015-02-28"), ("ZRVGOV", "2015-03-01", "2021-02-28"), ("ZRV", "None", "None")}
    roles = yaml.safe_load((folder / "roles.yaml").read_text())
    assert "congressmen" in roles["LEG"] and "NGO~" in roles
    assert load(sorted(folder.glob("patterns*.yaml")), builtin=False).count > 10


def test_importers_convert_negation_table_from_the_ontology():
    assert negation_table(MINI / "ontology.txt") == {"050": "110", "110": "050"}


def test_importers_convert_codes_with_the_imported_dictionaries(pipeline):
    assert coded(pipeline, "Zorvania restored economic ties with Ostland.") == [("ZRV", "OST", "0311", False)]
    assert coded(pipeline, "Zorvania restored ties with Ostland.") == [("ZRV", "OST", "050", False)]
    # [042:043]: the visitor's visit and the host's
    assert coded(pipeline, "The Zorvanian foreign minister arrived in Ostland.") == [
        ("OST", "ZRVGOVFRM", "043", False), ("ZRVGOVFRM", "OST", "042", False)]
    # a word list (&CURRENCY) over a plain verb
    assert coded(pipeline, "Veldmark will contribute a million euros to Ostland.") == [("VLD", "OST", "071", False)]
    # + before the verb: the subject is the target, $ in the phrase the source
    assert coded(pipeline, "Ostland received aid from Veldmark.") == [("VLD", "OST", "070", False)]
    # % : a group acting on itself
    assert coded(pipeline, "Zorvania and Ostland postponed their talks.") == [
        ("OST", "ZRV", "120", False), ("ZRV", "OST", "120", False)]
    # [---] blocks the less specific pattern: approving a budget is no event
    assert coded(pipeline, "Zorvania approved the budget of Ostland.") == []
    assert coded(pipeline, "Zorvania approved Ostland.") == [("ZRV", "OST", "080", False)]


def test_importers_convert_actors_roles_and_dates(pipeline):
    # date-restricted codes: the same person is the opposition before 2015, the government after
    assert coded(pipeline, "Kellen criticized Ostland.", "2012-01-10") == [("ZRVOPP", "OST", "111", False)]
    assert coded(pipeline, "Kellen criticized Ostland.", "2018-01-10") == [("ZRVGOV", "OST", "111", False)]
    assert coded(pipeline, "Kellen criticized Ostland.", "2023-01-10") == [("ZRV", "OST", "111", False)]
    # agents: suffix roles, prefix roles, substitution markers, roles from possessors
    assert coded(pipeline, "Ostlander troops criticized the government of Veldmark.") == [
        ("OSTMIL", "VLDGOV", "111", False)]
    assert coded(pipeline, "Zorvanian congressmen criticized Veldmark's government.") == [
        ("ZRVLEG", "VLDGOV", "111", False)]
    assert coded(pipeline, "The Zorvania aid agency criticized Ostland.") == [("NGOZRV", "OST", "111", False)]


def test_importers_convert_negation_and_discards(pipeline):
    # the ontology's negation: not clashing over efforts is no disapproval but cooperation
    assert coded(pipeline, "Zorvania did not clash over the efforts of Ostland.") == [("ZRV", "OST", "050", False)]
    assert coded(pipeline, "Zorvania clashed over the efforts of Ostland.") == [("ZRV", "OST", "110", False)]
    # a negated code with no pair in the ontology is kept, marked negated
    assert coded(pipeline, "Zorvania did not criticize Ostland.") == [("ZRV", "OST", "111", True)]
    # discards: a sentence phrase drops the sentence, a story phrase the whole article
    assert coded(pipeline, "Zorvania criticized Ostland's football team.") == []
    assert coded(pipeline, "Zorvania criticized Ostland. The chess olympiad opened.") == []


def test_importers_convert_cli_import_then_code(tmp_path):
    out = tmp_path / "dicts"
    proc = subprocess.run([sys.executable, "-m", "tacitus", "import", *(str(p) for p in sorted(MINI.glob("*.txt"))),
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stdout and (out / "patterns.yaml").exists() and (out / "stance.yaml").exists()
    article = tmp_path / "news.txt"
    article.write_text("Zorvania restored economic ties with Ostland on Monday.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "tacitus", "code", str(article), "--dictionaries", str(out),
                           "--published", "2020-06-03", "--db", str(tmp_path / "t.duckdb"), "--out", "-"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert '"cameo": "0311"' in proc.stdout and '"code": "OST"' in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "tacitus", "patterns", "--dictionaries", str(out), "--code", "04"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "SOURCE arrive" in proc.stdout, proc.stdout + proc.stderr


def test_importers_convert_cli_rejects_other_files(tmp_path):
    not_dict = tmp_path / "notes.txt"
    not_dict.write_text("just some prose, not a dictionary\n")
    proc = subprocess.run([sys.executable, "-m", "tacitus", "import", str(not_dict), "--out", str(tmp_path / "x")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "Error:" in proc.stderr
