"""The history of a pair of actors, and the network of who deals with whom, from merged events.

Both read the link stage's ``merged_events`` (one row per real-world event, however many
outlets reported it), so a visit covered by a dozen rewrites counts once.

* :func:`dyad_history`: a pair's events per day, week or month by quad class, with the mean
  and sum of their Goldstein values, and every event with its evidence; :func:`plot_dyad`
  draws it (matplotlib, Agg backend: no screen needed).
* :func:`actor_table` and :func:`actor_network`: actors by number of events with their most
  frequent partners, and the weighted actor graph (networkx) for Gephi and similar tools.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tacitus.errors import InputError

if TYPE_CHECKING:
    import networkx

    from tacitus.store import Store

PERIODS = ("day", "week", "month")
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def period_start(when: date, by: str) -> date:
    """The first day of the day, week (Monday) or month that holds ``when``."""
    if by == "week":
        return when - timedelta(days=when.weekday())
    if by == "month":
        return when.replace(day=1)
    return when


@dataclass
class Period:
    """One period of a dyad's history."""

    start: date
    quads: dict[int, int] = field(default_factory=lambda: dict.fromkeys(QUADS, 0))
    goldstein_sum: float = 0.0

    @property
    def events(self) -> int:
        return sum(self.quads.values())

    @property
    def goldstein_mean(self) -> float:
        return self.goldstein_sum / self.events if self.events else 0.0

    def to_dict(self, by: str) -> dict[str, Any]:
        return {"period": label(self.start, by), "events": self.events,
                **{f"quad{q}": n for q, n in self.quads.items()},
                "goldstein_mean": round(self.goldstein_mean, 2), "goldstein_sum": round(self.goldstein_sum, 2)}


def label(start: date, by: str) -> str:
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "week":
        return f"{start.isocalendar().year}-W{start.isocalendar().week:02d}"
    return start.isoformat()


@dataclass
class DyadHistory:
    """A pair's timeline: periods (oldest first), and its events with their mentions.

    Attributes:
        a, b: the two actors as asked (country codes, or CAMEO codes or prefixes).
        by: day, week or month.
        periods: only the periods with events.
        events: merged events, dated ones in date order then undated ones, each with
            ``mentions`` (its evidence) and ``disagreements``.
    """

    a: str
    b: str
    by: str
    periods: list[Period]
    events: list[dict[str, Any]]

    @property
    def undated(self) -> int:
        return sum(1 for e in self.events if e["date"] is None)

    def filled(self, limit: int = 400) -> list[Period]:
        """The periods from the first to the last, empty ones included, so a chart's x axis is
        time (no more than ``limit``: past that, only the periods with events)."""
        if not self.periods:
            return []
        have = {p.start: p for p in self.periods}
        out, when, last = [], self.periods[0].start, self.periods[-1].start
        while when <= last and len(out) <= limit:
            out.append(have.get(when, Period(when)))
            when = period_start(when + timedelta(days=32 if self.by == "month" else 7 if self.by == "week" else 1),
                                self.by)
        return out if when > last else list(self.periods)


def dyad_history(store: Store, a: str, b: str, *, by: str = "month", since: date | None = None,
                 until: date | None = None) -> DyadHistory:
    """The history of the pair ``a``-``b``, either way round.

    Raises:
        InputError: ``by`` is not day, week or month.
    """
    if by not in PERIODS:
        raise InputError(f"cannot group by {by!r}", hint="use day, week or month")
    # undated events have no place between two dates: the store leaves them out then
    events = store.merged_events(dyad=(a, b), since=since, until=until)
    ids = [e["event_id"] for e in events]
    evidence: dict[int, list[dict]] = defaultdict(list)
    for m in store.mentions(ids):
        evidence[m["event_id"]].append(m)
    disputes: dict[int, list[dict]] = defaultdict(list)
    for d in store.disagreements(ids):
        disputes[d["event_id"]].append(d)
    periods: dict[date, Period] = {}
    for e in events:
        e["mentions"] = evidence.get(e["event_id"], [])
        e["disagreements"] = disputes.get(e["event_id"], [])
        if e["date"] is None:
            continue
        start = period_start(e["date"], by)
        p = periods.setdefault(start, Period(start))
        if e["quad_class"] in p.quads:
            p.quads[e["quad_class"]] += 1
        p.goldstein_sum += e["goldstein"] or 0.0
    return DyadHistory(a, b, by, [periods[k] for k in sorted(periods)], events)


def plot_dyad(history: DyadHistory, path: str | Path) -> Path:
    """Draw the history as a PNG: events per period by quad class, and the mean Goldstein value.

    Raises:
        InputError: the file is not a .png, or the pair has no dated event to draw.
    """
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise InputError(f"cannot draw {path}", hint="name the chart FILE.png")
    if not history.periods:
        raise InputError(f"no dated event between {history.a} and {history.b} to draw",
                         hint="check the pair with `tacitus events --dyad A-B`, or widen --since/--until")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = history.filled()
    labels = [label(p.start, history.by) for p in periods]
    x = list(range(len(labels)))
    colours = {1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d"}
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), dpi=100, sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    base = [0] * len(x)
    for q, name in QUADS.items():
        counts = [p.quads[q] for p in periods]
        top.bar(x, counts, bottom=base, color=colours[q], label=name, width=0.8)
        base = [b + c for b, c in zip(base, counts, strict=True)]
    top.set_ylabel("events")
    fig.suptitle(f"{history.a}-{history.b}: events per {history.by} (each event counted once, "
                 f"however many reports)")
    top.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, fontsize=8, frameon=False)
    top.yaxis.get_major_locator().set_params(integer=True)
    bottom.axhline(0, color="#999999", linewidth=0.8)
    shown = [(i, p.goldstein_mean) for i, p in enumerate(periods) if p.events]
    bottom.plot([i for i, _ in shown], [m for _, m in shown], marker="o", color="#333333")
    bottom.set_ylim(-10, 10)
    bottom.set_ylabel("mean Goldstein")
    bottom.set_xticks(x, labels, rotation=45 if len(x) > 6 else 0, ha="right" if len(x) > 6 else "center")
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)
    return path


@dataclass
class ActorRow:
    """An actor (country, or IGO code), its number of events and its most frequent partners."""

    key: str
    name: str
    events: int
    partners: list[tuple[str, int]]


def _pairs(store: Store) -> list[tuple[str, str, str | None, str | None, int, float]]:
    return [tuple(r) for r in store.db.execute(
        "SELECT source_key, target_key, source_name, target_name, count(*), sum(goldstein) FROM merged_events "
        "WHERE source_key <> '' GROUP BY ALL").fetchall()]


def actor_table(store: Store, top: int = 20, partners: int = 3) -> list[ActorRow]:
    """The ``top`` actors by number of events (as source or target), with their main partners."""
    events: Counter[str] = Counter()
    with_whom: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for s, t, sname, tname, n, _ in _pairs(store):
        events[s] += n
        if sname:
            names[s][_country_name(s, sname)] += n
        if t:
            events[t] += n
            if tname:
                names[t][_country_name(t, tname)] += n
            with_whom[s][t] += n
            with_whom[t][s] += n
    return [ActorRow(k, names[k].most_common(1)[0][0] if names[k] else k, n, with_whom[k].most_common(partners))
            for k, n in sorted(events.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def _country_name(key: str, name: str) -> str:
    """A state's name rather than its leader's: actors are keyed by country."""
    from tacitus.export import _country_name as geo_name

    return (geo_name(key) if len(key) == 3 else None) or name


def actor_network(store: Store) -> networkx.Graph:
    """The weighted, undirected actor graph: an edge per pair with events between them.

    Edge attributes: ``weight`` (events), ``goldstein_sum`` and ``goldstein_mean``; node
    attributes: ``label`` and ``events``. Self-loops (domestic events) are left out.
    """
    import networkx as nx

    graph = nx.Graph()
    for row in actor_table(store, top=1 << 30, partners=0):
        graph.add_node(row.key, label=row.name, events=row.events)
    for s, t, _, _, n, gsum in _pairs(store):
        if not t or s == t:
            continue
        data = graph.get_edge_data(s, t, default={"weight": 0, "goldstein_sum": 0.0})
        weight, total = data["weight"] + n, data["goldstein_sum"] + (gsum or 0.0)
        graph.add_edge(s, t, weight=weight, goldstein_sum=round(total, 2), goldstein_mean=round(total / weight, 2))
    return graph


def write_graph(graph: networkx.Graph, path: str | Path) -> Path:
    """Write the graph as GraphML (Gephi, Cytoscape, yEd) or node-link JSON (d3, networkx).

    Raises:
        InputError: the file is neither .graphml nor .json.
    """
    import json

    import networkx as nx

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        nx.write_graphml(graph, path)
    elif suffix == ".json":
        path.write_text(json.dumps(nx.node_link_data(graph, edges="links"), indent=1), encoding="utf-8")
    else:
        raise InputError(f"cannot tell the graph format of {path}", hint="name the file .graphml or .json")
    return path


def history_rows(history: DyadHistory) -> list[dict[str, Any]]:
    """The periods as flat rows (CSV)."""
    return [p.to_dict(history.by) for p in history.periods]


def event_summary(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events with their evidence as JSON-ready dicts (dates as ISO strings)."""
    def plain(v: Any) -> Any:
        return v.isoformat() if hasattr(v, "isoformat") else v

    out = []
    for e in events:
        d = {k: plain(v) for k, v in e.items() if k not in ("mentions", "disagreements")}
        d["mentions"] = [{k: plain(v) for k, v in m.items()} for m in e.get("mentions", [])]
        d["disagreements"] = [{k: plain(v) for k, v in x.items()} for x in e.get("disagreements", [])]
        out.append(d)
    return out


def history_json(history: DyadHistory) -> dict[str, Any]:
    """The history as ``tacitus dyad --format json`` writes it: the pair, the periods, and the
    events with their evidence."""
    return {"a": history.a, "b": history.b, "by": history.by, "periods": history_rows(history),
            "events": event_summary(history.events)}
