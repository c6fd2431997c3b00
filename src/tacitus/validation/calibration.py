"""The confidence of events, fitted and checked on gold sets.

Every event the coder emits on a gold set is judged right or wrong, and kept with the features
of how it was found (``Event.how``). :func:`fit` fits the logistic model of
:mod:`tacitus.events.confidence` on the development sets; :func:`table` shows, per confidence
bin, how many events were right.

Development sets (the model is fitted on them):

* ``seed``: the founding article's gold (../shared/gold/seed-000.jsonl): an event matching a
  required or optional line is right, any other event of the article wrong;
* ``petrarch-ud`` and ``petrarch-ptb``: the PETRARCH validation records, coded with the
  dictionaries they name (:mod:`tacitus.validation.petrarch`): matched events right, extra
  events wrong;
* ``linguistics``: tests/data/coder_cases.yaml, written for this project: an event matching an
  ``expect`` line is right, one matching a ``forbid`` line or no line of a case that lists its
  events is wrong;
* ``news``: real news hand-coded for this project (tests/data/news_gold/, its tune half: sentences of
  ../shared/corpora): an event matching a gold event of its sentence is right.

Held out (never fitted on): ``plover-gsr``, the PLOVER gold sentences (real wire news).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tacitus.events.confidence import PRIORS, ConfidenceModel
from tacitus.records import Actor, Event, Options

#: L2 penalty of the logistic fit: large enough that a feature seen in a handful of events
#: cannot get a large weight from them (chosen by leave-one-set-out on 2026-11-29 among 1, 2,
#: 3 and 8: 3 gave the lowest held-out log loss on the real news).
L2 = 3.0
#: The sets the model is fitted on: those coded with the built-in dictionaries. The PETRARCH
#: records (imported dictionaries, invented sentences) are shown, not fitted on.
FIT_SETS = ("linguistics", "seed", "news")
#: Confidence bins of the calibration table.
EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Judged:
    """One emitted event of a gold set: its features, its confidence, and whether it was right."""

    set: str
    features: frozenset[str]
    confidence: float
    right: bool
    label: str = ""


def _judge(set_name: str, events: Iterable[Event], right) -> list[Judged]:  # noqa: ANN001 - callable
    return [Judged(set_name, frozenset(e.how), e.confidence, bool(right(e)),
                   f"{e.source.code if e.source else '-'} {e.cameo} {e.target.code if e.target else '-'}: "
                   f"{e.sentence[:80]}") for e in events if not e.negated]


# ---------------------------------------------------------------------------------- sets

def seed_set(shared: Path) -> list[Judged]:
    """The founding article, judged against its gold lines."""
    from tacitus.evaluate import load_gold, matches
    from tacitus.ingest import article_from_text
    from tacitus.pipeline import Pipeline

    gold = load_gold(shared / "gold" / "seed-000.jsonl")
    seed = shared / "seeds" / "000_d44e1bea3d174aff.txt"
    article = article_from_text(seed.read_text(encoding="utf-8"), path=str(seed), published="2023-11-01")
    events = Pipeline().code_article(article).events
    good = [g for g in gold if g.get("status") in ("required", "optional")]
    return _judge("seed", events, lambda e: any(matches(g, e.to_dict()) for g in good))


def petrarch_set(records: Path, name: str) -> list[Judged]:
    """A PETRARCH validation record file: matched events right, extra events wrong."""
    import tempfile

    from tacitus.pipeline import Pipeline
    from tacitus.validation.petrarch import import_environment
    from tacitus.validation.records import option_enabled, read_records
    from tacitus.validation.score import match_events

    env, recs = read_records(records)
    out: list[Judged] = []
    with tempfile.TemporaryDirectory() as tmp:
        import_environment(env, tmp)
        pipeline = Pipeline(Options(domestic=True), dictionaries=tmp)
        for rec in recs:
            if not rec.evaluate:
                continue
            pipeline.coder.monadic = not option_enabled(rec.config.get("require_dyad", "true"))
            from tacitus.records import Article

            events = [e for e in pipeline.code_article(Article.from_text(rec.text, published=rec.date)).events
                      if not e.negated]
            expected = [(e.source or "---", e.target or "---", e.code or "") for e in rec.events]
            emitted = [(e.source.code if e.source else "---", e.target.code if e.target else "---", e.cameo)
                       for e in events]
            hit = match_events(expected, emitted)
            out += [Judged(name, frozenset(e.how), e.confidence, i in hit, f"{rec.id}: {' '.join(emitted[i])}")
                    for i, e in enumerate(events)]
    return out


def case_set(path: Path, name: str) -> list[Judged]:
    """A file of cases in the format of tests/data/coder_cases.yaml."""
    import yaml

    from tacitus.evaluate import names
    from tacitus.ingest import article_from_text
    from tacitus.pipeline import Pipeline

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    default = str(data.get("published") or "2024-06-01")
    pipelines: dict[tuple, Pipeline] = {}

    def named(code: str, actor: Actor) -> bool:
        # as the case file says: the actor's country, or its code when it has none (an IGO)
        return code == actor.key or names(code, actor.to_dict())

    def same(spec: dict, e: Event) -> bool:
        # a code matches itself and its more specific children (the case file's rule)
        if not e.cameo.startswith(str(spec.get("code", ""))):
            return False
        tgt = spec.get("target")
        fwd = named(spec["source"], e.source) and (
            tgt is None or (e.target is not None and named(tgt, e.target)))
        back = tgt is not None and e.target is not None and named(tgt, e.source) and named(spec["source"], e.target)
        return fwd or back

    out: list[Judged] = []
    for case in data["cases"]:
        opts = case.get("options") or {}
        key = tuple(sorted(opts.items()))
        if key not in pipelines:
            pipelines[key] = Pipeline(Options(**opts))
        article = article_from_text(case["sentence"], published=str(case.get("published") or default))
        events = [e for e in pipelines[key].code_article(article).events if not e.negated]
        expect = case.get("expect") or []
        forbid = case.get("forbid") or []
        for e in events:
            if any(same(s, e) for s in expect):
                right = True
            elif any(same(s, e) for s in forbid) or expect or case.get("no_events"):
                right = False
            else:
                continue  # a case that lists no events of its own says nothing of this one
            out += _judge(name, [e], lambda _e, r=right: r)
    return out


def news_set(folder: Path) -> list[Judged]:
    """The tune half of the hand-coded real news (tests/data/news_gold/): events matching a gold
    event right. The check half is never fitted on: it measures how well the fit holds."""
    from tacitus.pipeline import Pipeline
    from tacitus.validation.news_gold import judge, load_all

    score = judge([g for g in load_all(folder) if g.half == "tune"], Pipeline())
    return [Judged("news", frozenset(j.event.how), j.event.confidence, j.right,
                   f"{j.event.cameo}: {j.event.sentence[:80]}") for s in score.sentences for j in s.events]


def gsr_set(gold: Path) -> list[Judged]:
    """The held-out PLOVER gold sentences: an event right when it matches its sentence's record."""
    from tacitus.validation.plover_gsr import event_matches, read_gold, run

    result = run(read_gold(gold))
    return [Judged("plover-gsr", frozenset(e.how), e.confidence, event_matches(r.record, e),
                   f"{e.cameo}: {e.sentence[:80]}")
            for r in result.records for e in r.events if not e.negated and e.plover]


def development_sets(root: Path, shared: Path) -> dict[str, list[Judged]]:
    """Every development set that is present (the shared ones need ../shared)."""
    sets: dict[str, list[Judged]] = {}
    cases = root / "tests" / "data"
    if (cases / "coder_cases.yaml").exists():
        sets["linguistics"] = case_set(cases / "coder_cases.yaml", "linguistics")
    if (cases / "pattern_cases.yaml").exists():
        sets["coverage"] = case_set(cases / "pattern_cases.yaml", "coverage")
    if (shared / "gold" / "seed-000.jsonl").exists():
        sets["seed"] = seed_set(shared)
    if (cases / "news_gold").is_dir() and (shared / "corpora").exists():
        sets["news"] = news_set(cases / "news_gold")
    validation = shared / "reference" / "petrarch2-validation"
    if validation.exists():
        sets["petrarch-ud"] = petrarch_set(validation / "universalpetrarch-ud" / "PETR_Validate_records_2_02.xml",
                                           "petrarch-ud")
        sets["petrarch-ptb"] = petrarch_set(validation / "PETR.UnitTest.records.xml", "petrarch-ptb")
    return sets


# ---------------------------------------------------------------------------------- fitting

def fit(items: Sequence[Judged], *, l2: float = L2, min_count: int = 5) -> ConfidenceModel:
    """L2-regularised logistic regression of right/wrong on the features (Newton's method).

    Features seen in fewer than ``min_count`` events get no weight. Every set weighs the same
    in total, so the large PETRARCH sets do not drown the others. A feature with a prior
    (``confidence.PRIORS``: "generalised", set on the news gold's tune half by
    scripts/fit_generalise.py) is not fitted here: its prior is a fixed offset, so that the
    hand-written linguistic cases of the generaliser do not teach the model to trust it.
    """
    import numpy as np

    counts: dict[str, int] = {}
    for j in items:
        for f in j.features:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count and f not in PRIORS)
    offset = np.array([sum(PRIORS.get(f, 0.0) for f in j.features) for j in items])
    col = {f: k for k, f in enumerate(names)}
    x = np.zeros((len(items), len(names) + 1))
    x[:, 0] = 1.0
    y = np.array([1.0 if j.right else 0.0 for j in items])
    per_set: dict[str, int] = {}
    for j in items:
        per_set[j.set] = per_set.get(j.set, 0) + 1
    w = np.array([len(items) / (len(per_set) * per_set[j.set]) for j in items])
    for r, j in enumerate(items):
        for f in j.features:
            if f in col:
                x[r, col[f] + 1] = 1.0
    beta = np.zeros(len(names) + 1)
    penalty = np.full(len(names) + 1, l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ beta + offset)))
        grad = x.T @ (w * (y - p)) - penalty * beta
        hess = -(x.T * (w * p * (1 - p))) @ x - np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return ConfidenceModel(float(beta[0]), {f: round(float(beta[col[f] + 1]), 3) for f in names})


def rescore(items: Iterable[Judged], model: ConfidenceModel) -> list[Judged]:
    return [Judged(j.set, j.features, model(j.features), j.right, j.label) for j in items]


def table(items: Sequence[Judged], edges: Sequence[float] = EDGES) -> list[tuple[float, int, int]]:
    """Per confidence bin (lower edge): events, right."""
    rows = [[e, 0, 0] for e in edges]
    for j in items:
        k = max(n for n, e in enumerate(edges) if j.confidence >= e)
        rows[k][1] += 1
        rows[k][2] += j.right
    return [(float(e), int(n), int(r)) for e, n, r in rows]


def above(items: Sequence[Judged], threshold: float = 0.8) -> tuple[int, int]:
    """(events above the threshold, of them right)."""
    sel = [j for j in items if j.confidence > threshold]
    return len(sel), sum(j.right for j in sel)


def format_table(name: str, items: Sequence[Judged]) -> str:
    lines = [f"{name}: {len(items)} events, {sum(j.right for j in items)} right",
             f"  {'confidence':>10} {'events':>6} {'right':>5} {'share':>6}"]
    for edge, n, right in table(items):
        share = f"{100 * right / n:.0f}%" if n else "-"
        lines.append(f"  {f'>= {edge:.1f}':>10} {n:>6} {right:>5} {share:>6}")
    n, r = above(items)
    lines.append(f"  above 0.8: {r}/{n} right" + (f" ({100 * r / n:.0f}%)" if n else ""))
    return "\n".join(lines)


def log_loss(items: Sequence[Judged]) -> float:
    eps = 1e-9
    return -sum(math.log(j.confidence + eps) if j.right else math.log(1 - j.confidence + eps)
                for j in items) / max(len(items), 1)


def today() -> str:
    return date.today().isoformat()
