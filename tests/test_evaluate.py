"""tacitus eval computes what the shared scorer computes."""

from __future__ import annotations

import json
import subprocess
import sys

from tacitus.evaluate import format_result, load_gold, score
from tacitus.records import Actor, Event

SEED = "000_d44e1bea3d174aff.txt"


def ev(sentence, src, tgt, cameo, negated=False, path=f"x/{SEED}", symmetric_swap=False, code=None):
    s = Actor(src, src, src if len(src) == 3 else None, None, code or src)
    t = Actor(tgt, tgt, tgt, None, tgt) if tgt else None
    if symmetric_swap:
        s, t = t, s
    return Event("a", path, 0, sentence, (0, len(sentence)), s, t, cameo, negated=negated).to_dict()


def test_evaluate_matches_the_shared_scorer(shared, tmp_path):
    gold_path = shared / "gold" / "seed-000.jsonl"
    events = [
        ev("French President Emmanuel Macron arrived in Kazakhstan on Wednesday", "FRA", "KAZ", "042"),
        ev("At a meeting with President Kassym-Jomart Tokayev, Macron", "FRA", "KAZ", "040", symmetric_swap=True),
        ev("Macron complimented Kazakhstan for refusing", "FRA", "KAZ", "051"),
        ev("Russia has voiced concern at the West\u2019s growing", "RUS", "WST", "110"),
        ev("Russia has voiced concern at the West's growing", "RUS", "WST", "163"),           # wrong root
        ev("Kazakhstan and Uzbekistan, where Macron goes next, have refused to recognise", "KAZ", "RUS", "120"),
        ev("Kazakhstan and Uzbekistan, where Macron goes next, have refused to recognise", "UZB", "RUS", "120", negated=True),
        ev("Mutual trade grew 30%", "FRA", "KAZ", "061"),                                       # not in gold
        ev("Macron told Tokayev", "FRA", "KAZ", "010"),                                          # optional
        ev("Some other article", "FRA", "KAZ", "010", path="other.txt"),                         # not scored
        ev("Kazakhstan welcomes Macron under", "IGOEUREEC", "FRA", "043", code="IGOEUREEC"),      # IGO source
    ]
    events_path = tmp_path / "events.jsonl"
    events_path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    theirs = json.loads(subprocess.run([sys.executable, str(shared / "tools" / "score_events.py"), str(gold_path),
                                        str(events_path), "--json"], capture_output=True, text=True, check=True).stdout)
    ours = score(load_gold(gold_path), events).to_dict()
    assert ours == theirs
    assert format_result(score(load_gold(gold_path), events)).splitlines()[-1] == \
        f"recall {theirs['recall']} ({theirs['found']}/{theirs['required']})  " \
        f"precision {theirs['precision']} ({theirs['correct']}/{theirs['events']})  forbidden {theirs['forbidden_hits']}"


def test_evaluate_forbidden_lines():
    gold = [{"article": "a.txt", "sentence": "not supporting Moscow", "source": "KAZ", "target": "RUS",
             "cameo_root": ["05"], "status": "forbidden"}]
    bad = ev("Kazakhstan is not supporting Moscow", "KAZ", "RUS", "051", path="a.txt")
    negated = ev("Kazakhstan is not supporting Moscow", "KAZ", "RUS", "051", path="a.txt", negated=True)
    assert score(gold, [bad]).forbidden_hits == 1
    assert score(gold, [negated]).forbidden_hits == 0
