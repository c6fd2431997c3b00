"""Scoring coded events against hand-coded gold lines (the rules of shared/tools/score_events.py).

A gold line: ``{"article": file name, "sentence": snippet, "source": "FRA", "target": "KAZ",
"cameo_root": ["04"], "symmetric": bool, "status": "required"|"optional"|"forbidden"}``.
An event matches it when its ``article_path`` ends with the article name, its sentence contains
the snippet (whitespace and quote marks folded, case ignored), its CAMEO root is one of the
gold roots, and its source and target are the gold ones (either way round when symmetric); a
gold code names an actor by country or by a three-letter part of its IGO code.

recall    = required lines matched (each by a different event) / required lines
precision = events matching a required or optional line / events scored
Only non-negated events of articles that have gold lines are scored.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
#: Gold files name some IGOs differently from the CAMEO code's parts.
IGO_ALIASES = {"EUN": "EEC", "AUN": "AFU", "NATO": "NAT"}


def fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").translate(_FOLD)).strip().lower()


def actor_keys(actor: Any) -> set[str]:
    if not isinstance(actor, dict):
        return set()
    keys = {actor["country"]} if actor.get("country") else set()
    code = str(actor.get("code") or "")
    if code.startswith("IGO"):
        keys |= {code[i:i + 3] for i in range(3, len(code) - 2, 3)}
    return keys


def names(gold_code: str, actor: Any) -> bool:
    keys = actor_keys(actor)
    return gold_code in keys or IGO_ALIASES.get(gold_code, gold_code) in keys


def matches(gold: dict, event: dict) -> bool:
    if not str(event.get("article_path") or "").endswith(gold["article"]):
        return False
    if fold(gold["sentence"]) not in fold(event.get("sentence")):
        return False
    root = event.get("cameo_root") or str(event.get("cameo", ""))[:2]
    if root not in gold["cameo_root"]:
        return False
    src, tgt = event.get("source"), event.get("target")
    if names(gold["source"], src) and names(gold["target"], tgt):
        return True
    return bool(gold.get("symmetric")) and names(gold["target"], src) and names(gold["source"], tgt)


@dataclass
class EvalResult:
    required: int
    found: int
    recall: float
    events: int
    correct: int
    precision: float
    forbidden_hits: int
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_gold(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def load_events(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def score(gold: list[dict], events: list[dict]) -> EvalResult:
    articles = {g["article"] for g in gold}
    scored = [e for e in events if not e.get("negated")
              and any(str(e.get("article_path") or "").endswith(a) for a in articles)]
    required = [g for g in gold if g["status"] == "required"]
    allowed = [g for g in gold if g["status"] in ("required", "optional")]
    forbidden = [g for g in gold if g["status"] == "forbidden"]
    used: set[int] = set()
    found: list[dict] = []
    for g in required:
        for i, e in enumerate(scored):
            if i not in used and matches(g, e):
                used.add(i)
                found.append(g)
                break
    good = [e for e in scored if any(matches(g, e) for g in allowed)]
    bad = [e for e in scored if any(matches(g, e) for g in forbidden)]

    def country(actor: Any) -> Any:
        return actor.get("country") if isinstance(actor, dict) else None

    return EvalResult(
        required=len(required), found=len(found),
        recall=round(len(found) / len(required), 3) if required else 1.0,
        events=len(scored), correct=len(good),
        precision=round(len(good) / len(scored), 3) if scored else 0.0,
        forbidden_hits=len(bad),
        missed=[f'{g["article"][:12]} {g["source"]}->{g["target"]} {g["cameo_root"]} :: {g["sentence"]}'
                for g in required if g not in found],
        wrong=[f'{country(e.get("source"))}->{country(e.get("target"))} {e.get("cameo")} :: {str(e.get("sentence"))[:90]}'
               for e in scored if e not in good],
    )


def format_result(result: EvalResult) -> str:
    lines = [f"missed: {m}" for m in result.missed] + [f"not in gold: {w}" for w in result.wrong]
    lines.append(f"recall {result.recall} ({result.found}/{result.required})  "
                 f"precision {result.precision} ({result.correct}/{result.events})  "
                 f"forbidden {result.forbidden_hits}")
    return "\n".join(lines)
