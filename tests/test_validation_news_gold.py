"""The news gold set: its file, its matching rules, and floors on today's figures.

The floors guard against regressions only. Never edit a gold entry, the coder or the
dictionaries to raise these numbers; benchmarks/news_gold.py prints the wrong and missed events.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tacitus.events.codebook import is_code
from tacitus.records import Actor, Event
from tacitus.validation import news_gold, news_report
from tacitus.validation.news_gold import (
    GoldEvent,
    GoldSentence,
    NewsScore,
    actor_matches,
    judge_sentence,
    load,
    load_all,
    sentence_hash,
)

GOLD = Path(__file__).resolve().parent / "data" / "news_gold"
SAMPLE = GOLD / "sentences.yaml"

# Floors on both halves of the dev gold (tests/data/news_gold/README.md), a few points under
# the figures of 2026-12-05 (benchmarks/news_gold.py, default options): whole articles, tune
# half P 0.856 R 0.310, check half P 0.575 R 0.154; all gold, tune P 0.845 R 0.341, check
# P 0.582 R 0.166. On 2026-12-07 the gold grew by 59 BBC business articles, and the figures
# are: whole articles, tune P 0.844 R 0.378, check P 0.667 R 0.200; all gold, tune P 0.844
# R 0.406, check P 0.681 R 0.213 (domestic: tune P 0.806 R 0.345, check P 0.622 R 0.189); the
# floors still hold under them. They catch regressions; they are not targets (issue 10's
# target is check-half recall 0.55 at precision 0.75). Domestic runs sit a little lower.
FLOORS = {  # (run, half): (precision, recall)
    ("default", "tune"): (0.80, 0.31),
    ("default", "check"): (0.55, 0.15),
    ("domestic", "tune"): (0.76, 0.25),
    ("domestic", "check"): (0.49, 0.125),
}
#: Whole articles only (no sentence chosen because the coder fired there).
WHOLE_FLOORS = {"tune": (0.81, 0.28), "check": (0.54, 0.14)}
#: The confidence's promise on real news, on the half it is fitted on (data/confidence.yaml):
#: events above 0.8 are right at least this often. The model promises 0.8 on the pooled
#: development sets; on the tune half of the news gold it reached 0.79 (56/71) at its first
#: refit of 2026-12-04, 0.83 (73/88) at the second, 0.84 (86/102) at the third, 0.85
#: (93/109) at the fourth and 0.87 (104/120) on 2026-12-05; this floor
#: stays 0.75, and a shortfall
#: is reported, not fitted away.
CALIBRATED_SHARE = 0.75
#: Share of the annotated sentences that must still be found by their hash.
FOUND_FLOOR = 0.95


def actor(country: str | None, code: str | None = None, role: str | None = None) -> Actor:
    code = code or country or ""
    return Actor(code, code, country, role, code, "igo" if country is None else "country")


def event(src: Actor, tgt: Actor, cameo: str, *, negated: bool = False, confidence: float = 0.7) -> Event:
    return Event("a", "k", 0, "s", (0, 1), src, tgt, cameo, negated=negated, confidence=confidence)


def sentence(*events: GoldEvent) -> GoldSentence:
    return GoldSentence("wikinews", "https://example.org/a", 3, "0123456789ab", tuple(events))


# ---------------------------------------------------------------------------- the file


def test_validation_news_gold_file_format():
    gold = load(SAMPLE)  # load itself rejects malformed entries
    # the sample of 2026-11-30, less the articles since coded whole (tests/data/news_gold/articles-*)
    assert 120 <= len(gold) <= 350
    keys = [(g.corpus, g.article, g.sentence) for g in gold]
    assert len(set(keys)) == len(keys)
    assert len({(g.corpus, g.article, g.hash) for g in gold}) == len(gold)
    assert keys == sorted(keys), "entries are sorted by corpus, article, sentence"
    assert all(len(g.hash) == 12 and set(g.hash) <= set("0123456789abcdef") for g in gold)
    events = [e for g in gold for e in g.events]
    assert events and all(is_code(e.code) and len(e.code) in (2, 3) for e in events)
    assert all(e.domestic == (e.source == e.target) for e in events)
    # sentences with no event are annotated too: anything coded there is wrong
    assert sum(not g.events for g in gold) >= 50
    assert {g.corpus for g in gold} == {"wikinews", "bbc"}


def test_validation_news_gold_file_holds_no_corpus_text():
    # the corpora must not be copied into the repository: no run of six words of the gold file
    # (its header and notes) occurs in the articles it annotates
    reason = news_gold.corpus_missing()
    if reason:
        pytest.skip(reason)
    gold = load_all(GOLD)
    wanted = {(g.corpus, g.article) for g in gold}

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", text.lower())

    runs: set[tuple[str, ...]] = set()
    for corpus in news_gold.CORPORA:
        for item in news_gold.read_corpus(corpus):
            if (corpus, item.key) in wanted:
                w = words(item.text)
                runs |= {tuple(w[i:i + 6]) for i in range(len(w) - 5)}
    text = "\n".join(line for path in sorted(GOLD.glob("*.yaml"))
                     for line in path.read_text(encoding="utf-8").splitlines()
                     if line.lstrip().startswith("#")) + " ".join(g.note or "" for g in gold)
    text += " ".join(e.note or "" for g in gold for e in g.events)
    mine = words(text)
    copied = {" ".join(mine[i:i + 6]) for i in range(len(mine) - 5) if tuple(mine[i:i + 6]) in runs}
    assert not copied


@pytest.mark.parametrize(("entry", "message"), [
    ('- {corpus: wikinews, article: "u", sentence: 1, hash: "abc", events: []}', "not 12 lower-case hex"),
    ('- {corpus: reuters, article: "u", sentence: 1, hash: "0123456789ab", events: []}', "unknown corpus"),
    ('- {corpus: bbc, article: "u", sentence: 1, hash: "0123456789ab", '
     'events: [{source: FRA, target: DEU, code: "999"}]}', "not a CAMEO code"),
    ('- {corpus: bbc, article: "u", sentence: 1, hash: "0123456789ab", '
     'events: [{source: FRA, target: FRA, code: "111"}]}', "domestic must be true"),
    ('- {corpus: bbc, article: "u", sentence: 1, hash: "0123456789ab", events: []}\n'
     '- {corpus: bbc, article: "u", sentence: 1, hash: "ba9876543210", events: []}', "listed twice"),
    ('- {corpus: bbc, article: "u", sentence: 1, hash: "0123456789ab"}', "lacks events"),
])
def test_validation_news_gold_loader_rejects_bad_entries(tmp_path, entry, message):
    path = tmp_path / "gold.yaml"
    path.write_text(entry + "\n", encoding="utf-8")
    with pytest.raises(Exception, match=message):
        load(path)


def test_validation_news_gold_sentence_hash():
    assert sentence_hash("France  and\nGermany met.") == sentence_hash("France and Germany met.")
    assert len(sentence_hash("x")) == 12


# ---------------------------------------------------------------------------- matching


def test_validation_news_gold_actor_codes():
    assert actor_matches("FRA", Actor("Macron", "Emmanuel Macron", "FRA", "GOV", "FRAGOV"))
    assert actor_matches("IGOEUREEC", actor(None, "IGOEUREEC"))
    assert actor_matches("IGOEUREEC", actor(None, "IGOEUREECLEG"))  # an organ of the EU
    assert not actor_matches("IGOEUREEC", actor(None, "IGOWSTNAT"))
    assert actor_matches("IGOUNO", actor(None, "IGOUNO"))
    assert actor_matches("NGO", actor(None, "NGO"))  # an international NGO
    assert actor_matches("NGO", actor("GBR", "GBRNGO", role="NGO"))
    assert not actor_matches("NGO", actor("GBR"))
    assert not actor_matches("FRA", None)


def test_validation_news_gold_judging_rules():
    fra, deu, rus = actor("FRA"), actor("DEU"), actor("RUS")
    gold = sentence(GoldEvent("FRA", "DEU", "040"),        # symmetric: either way round
                    GoldEvent("FRA", "RUS", "11"),         # a root takes its family
                    GoldEvent("RUS", "FRA", "112"),        # one way only
                    GoldEvent("FRA", "FRA", "14", domestic=True),
                    GoldEvent("DEU", "RUS", "057", negated=True))
    coded = [event(deu, fra, "040"), event(deu, fra, "040"),  # the same meeting twice: both right
             event(fra, rus, "111"),
             event(fra, deu, "112"),                          # no such gold event
             event(deu, rus, "057"),                          # the text says it did not happen
             event(fra, fra, "141"),
             event(rus, deu, "190", negated=True)]            # negated events are ignored
    result = judge_sentence(gold, coded, domestic=True)
    assert [j.right for j in result.events] == [True, True, True, False, False, True]
    assert result.negated == 1
    # recall: each gold event found by a different event; the negated one is not counted, and
    # RUS 112 FRA was not coded (FRA 111 RUS went the other way and is FRA 11 RUS's)
    assert len(result.counted) == 4 and len(result.matched) == 3
    assert result.missed == [GoldEvent("RUS", "FRA", "112")]
    # without domestic events the domestic gold event is not counted
    plain = judge_sentence(gold, coded[:5], domestic=False)
    assert len(plain.counted) == 3 and len(plain.matched) == 2
    # 112 is not symmetric: the reverse direction is wrong
    reverse = judge_sentence(sentence(GoldEvent("RUS", "FRA", "112")), [event(fra, rus, "112")], domestic=False)
    assert reverse.missed == [GoldEvent("RUS", "FRA", "112")] and not reverse.events[0].right
    # a 3-digit gold code takes its 4-digit children
    child = judge_sentence(sentence(GoldEvent("FRA", "DEU", "033")), [event(fra, deu, "0331")], domestic=False)
    assert child.events[0].right
    # a sentence coded with no event: anything there is wrong
    empty = judge_sentence(sentence(), [event(fra, deu, "042")], domestic=False)
    assert not empty.events[0].right and empty.counted == []


def test_validation_news_gold_score_and_report():
    fra, deu = actor("FRA"), actor("DEU")
    one = judge_sentence(sentence(GoldEvent("FRA", "DEU", "042"), GoldEvent("FRA", "DEU", "051")),
                         [event(fra, deu, "042", confidence=0.9), event(deu, fra, "111", confidence=0.55)],
                         domestic=False, text="A sentence.")
    lost = news_gold.SentenceResult(sentence(), False, reason="no sentence of the article has this hash")
    score = NewsScore([one, lost], domestic=False, label="test")
    assert (score.precision, score.recall, score.found_share) == (0.5, 0.5, 0.5)
    assert score.per_root()["04"].right == 1 and score.per_root()["05"].gold == 1
    report = news_report.format_report(score, "hand-built")
    assert "precision:  50.0% (1/2" in report and "recall:     50.0% (1/2" in report
    assert "not found by their hash" in report and "coded DEU 111 FRA" in report and "gold FRA 051 DEU" in report
    assert news_report.summary_line(score).startswith("news gold test: precision 0.500")
    # where the misses are: the one article (its sentence names no actor here), named only
    # where errors may be read
    assert score.per_article() == [("wikinews https://example.org/a", 1, 1)]
    assert "missed gold events by article: 1 articles; the 1 with most hold 1 of 1 (1 (1 actor unknown))" in report
    assert "  1 (1 actor unknown)  wikinews https://example.org/a" in report
    figures_only = news_report.format_report(score, "hand-built", listing=False)
    assert "hold 1 of 1" in figures_only and "actor unknown)  wikinews" not in figures_only
    # by collection: a BBC category is its own collection, Wikinews one
    assert news_gold.collection("bbc", "business/001.txt") == "bbc business"
    assert news_gold.collection("bbc", "politics/001.txt") == "bbc politics"
    assert news_gold.collection("wikinews", "https://example.org/a") == "wikinews"
    bbc = judge_sentence(GoldSentence("bbc", "business/001.txt", 0, "0123456789ab", (GoldEvent("FRA", "DEU", "042"),)),
                         [], domestic=False)
    parts = NewsScore([one, lost, bbc], domestic=False, label="test").collections()
    assert list(parts) == ["bbc business", "wikinews"] and parts["bbc business"].label == "test bbc business"
    assert (parts["bbc business"].recall, parts["wikinews"].recall) == (0.0, 0.5)


# ---------------------------------------------------------------------------- today's figures


@pytest.fixture(scope="module")
def measured():
    # module scope: coding the ~90 articles twice takes about a minute, once for the whole file
    reason = news_gold.corpus_missing()
    if reason:
        pytest.skip(reason)
    import tacitus

    gold = load_all(GOLD)
    return (news_gold.judge(gold, tacitus.Pipeline(), label="default"),
            news_gold.judge(gold, tacitus.Pipeline(tacitus.Options(domestic=True)), label="domestic"))


def test_validation_news_gold_sentences_still_found(measured):
    for score in measured:
        lost = "; ".join(f"{s.gold.where()}: {s.reason}" for s in score.lost)
        assert score.found_share >= FOUND_FLOOR, f"sentences no longer found by their hash: {lost}"


def test_validation_news_gold_floors(measured, capsys):
    default, domestic = measured
    with capsys.disabled():
        print()
        for score in measured:
            for part in (score.only("tune"), score.only("check")):
                print(news_report.summary_line(part))
    for score in measured:
        for half in news_gold.HALVES:
            part = score.only(half)
            precision, recall = FLOORS[(score.label, half)]
            assert part.precision >= precision, f"{score.label} {half} precision {part.precision:.3f}"
            assert part.recall >= recall, f"{score.label} {half} recall {part.recall:.3f}"
    for half, (precision, recall) in WHOLE_FLOORS.items():
        part = default.whole_articles().only(half)
        assert part.precision >= precision and part.recall >= recall, news_report.summary_line(part)
    # keeping domestic events can only add events, and adds the domestic gold events to recall
    assert len(domestic.judged) >= len(default.judged)
    assert domestic.gold_events > default.gold_events
    # the whole articles leave no sentence unannotated
    assert not default.gaps


def test_validation_news_gold_confidence_above_08_is_right(measured):
    default, _ = measured
    high = [j for j in default.only("tune").judged if j.event.confidence > 0.8]
    assert len(high) >= 30, "too few confident events to check the calibration"
    share = sum(j.right for j in high) / len(high)
    assert share >= CALIBRATED_SHARE, f"events above 0.8 right {share:.0%} of the time"


# ---------------------------------------------------------------------------- whole articles, halves


def test_validation_news_gold_whole_articles_cover_every_sentence_once():
    gold = load_all(GOLD)
    whole = [g for g in gold if g.whole]
    articles: dict[tuple[str, str], list[int]] = {}
    for g in whole:
        articles.setdefault((g.corpus, g.article), []).append(g.sentence)
    assert len(articles) >= 40, "the dev gold holds at least 40 whole articles"
    for key, indices in articles.items():
        # every sentence, from the headline on, in order
        assert sorted(indices) == list(range(len(indices))), f"{key}: sentences missing"
    # an article is coded in one file only: none of the whole articles is in the sample too
    assert not {(g.corpus, g.article) for g in gold if not g.whole} & set(articles)


def test_validation_news_gold_halves_split_by_article():
    gold = load_all(GOLD)
    halves: dict[tuple[str, str], set[str]] = {}
    for g in gold:
        halves.setdefault((g.corpus, g.article), set()).add(g.half)
    assert all(len(h) == 1 for h in halves.values())
    counts = {h: sum(1 for v in halves.values() if h in v) for h in news_gold.HALVES}
    # a hash split: neither half is much smaller than the other
    assert min(counts.values()) >= 0.35 * sum(counts.values())
    assert news_gold.half("bbc", "politics/001.txt") == news_gold.half("bbc", "politics/001.txt")


def test_validation_news_gold_loader_reads_whole_article_files(tmp_path):
    path = tmp_path / "articles-x.yaml"
    path.write_text('whole_articles: true\nsentences:\n'
                    '- {corpus: bbc, article: "politics/900.txt", sentence: 0, hash: "0123456789ab", events: []}\n',
                    encoding="utf-8")
    (tmp_path / "sample.yaml").write_text(
        '- {corpus: bbc, article: "politics/900.txt", sentence: 0, hash: "0123456789ab", events: []}\n',
        encoding="utf-8")
    with pytest.raises(Exception, match="is also in"):
        load_all(tmp_path)
    (tmp_path / "sample.yaml").unlink()
    [entry] = load_all(tmp_path)
    assert entry.whole and entry.file == "articles-x.yaml"
    path.write_text("whole_articles: false\nsentences: []\n", encoding="utf-8")
    with pytest.raises(Exception, match="whole_articles: true"):
        load(path)


def test_validation_news_gold_missed_events_have_a_cause():
    fra, deu = actor("FRA"), actor("DEU")
    gold = GoldEvent("FRA", "DEU", "042")
    result = news_gold.SentenceResult(sentence(gold), True, counted=[gold], actors=[fra])
    assert result.cause(gold) == "actor unknown"
    result.actors = [fra, deu]
    assert result.cause(gold) == "no trigger"
    result.coded = [event(fra, deu, "036")]
    assert result.cause(gold) == "stance"
    result.coded = [event(fra, deu, "111")]
    assert result.cause(gold) == "other code"
    result.coded = [event(fra, actor("ITA"), "042")]
    assert result.cause(gold) == "arguments"
    score = NewsScore([result], False)
    assert score.per_cause()["arguments"] == 1 and sum(score.per_cause().values()) == 1
