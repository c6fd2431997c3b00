"""Chart specifications for the pages: Vega-Lite (timelines, map, months) and Vega (the
network's force layout), drawn in the browser by the vendored Vega libraries (static/vendor).

Each function takes a payload of the API and returns a spec with its data inline, so a page
needs no second request.
"""

from __future__ import annotations

from typing import Any

from tacitus.history import QUADS

#: quad class colours (blues for cooperation, reds for conflict), as in ``tacitus dyad --plot``
QUAD_COLOURS = {1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d"}
VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier only; nothing is fetched
WORLD = "/static/vendor/countries-110m.json"

_QUAD_SCALE = {"domain": list(QUADS.values()), "range": [QUAD_COLOURS[q] for q in QUADS]}


def dyad_timeline(history: dict[str, Any]) -> dict[str, Any]:
    """Events per period by quad class (stacked bars) over the mean Goldstein value (a line)."""
    unit = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth"}[history["by"]]
    values = []
    for p in history["periods"]:
        when = p["period"]
        if history["by"] == "week":  # "2023-W44" -> its Monday, so that the axis is time
            from datetime import date

            year, week = when.split("-W")
            when = date.fromisocalendar(int(year), int(week), 1).isoformat()
        for q, name in QUADS.items():
            if p[f"quad{q}"]:
                values.append({"period": when, "quad class": name, "events": p[f"quad{q}"],
                               "goldstein": p["goldstein_mean"]})
    means = [{"period": v["period"], "goldstein": v["goldstein"]} for v in values]
    x = {"field": "period", "type": "temporal", "timeUnit": unit, "title": history["by"]}
    return {
        "$schema": VL_SCHEMA, "width": "container", "autosize": {"type": "fit-x", "contains": "padding"},
        "title": f"{history['a']}-{history['b']}: events per {history['by']} by quad class",
        "vconcat": [
            {"height": 220, "width": "container", "data": {"values": values}, "mark": {"type": "bar", "tooltip": True},
             "encoding": {"x": x, "y": {"aggregate": "sum", "field": "events", "type": "quantitative",
                                        "title": "events"},
                          "color": {"field": "quad class", "type": "nominal", "scale": _QUAD_SCALE,
                                    "legend": {"orient": "top"}}}},
            {"height": 120, "width": "container", "data": {"values": means},
             "layer": [
                 {"mark": {"type": "rule", "color": "#999"}, "encoding": {"y": {"datum": 0}}},
                 {"mark": {"type": "line", "point": True, "color": "#333", "tooltip": True},
                  "encoding": {"x": x, "y": {"aggregate": "mean", "field": "goldstein", "type": "quantitative",
                                             "title": "mean Goldstein", "scale": {"domain": [-10, 10]}}}}]},
        ],
    }


def months(facet: list[dict[str, Any]]) -> dict[str, Any]:
    """The events page's bar chart of events per month (the month facet)."""
    values = [{"month": f["value"], "events": f["count"]} for f in facet if f["value"]]
    return {"$schema": VL_SCHEMA, "width": "container", "height": 90, "data": {"values": values},
            "mark": {"type": "bar", "tooltip": True, "color": "#4a6fa5"},
            "encoding": {"x": {"field": "month", "type": "ordinal", "title": None},
                         "y": {"field": "events", "type": "quantitative", "title": "events"}}}


def world_map(places: list[dict[str, Any]]) -> dict[str, Any]:
    """Located events as circles (area: events; colour: most frequent quad class) on the
    Natural Earth country outlines (world-atlas, public domain) shipped with the package."""
    values = [{**p, "quad class": QUADS.get(p["quad_class"], "unknown")} for p in places]
    most = max((p["events"] for p in places), default=1)
    sizes = sorted({1, max(1, most // 2), most})  # whole numbers of events in the legend
    return {
        "$schema": VL_SCHEMA, "width": "container", "height": 460,
        "projection": {"type": "equalEarth"},
        "layer": [
            {"data": {"url": WORLD, "format": {"type": "topojson", "feature": "countries"}},
             "mark": {"type": "geoshape", "fill": "#e8e8e8", "stroke": "#ffffff", "strokeWidth": 0.5}},
            {"data": {"values": values},
             "mark": {"type": "circle", "opacity": 0.75, "stroke": "#333", "strokeWidth": 0.5, "tooltip": True},
             "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                          "latitude": {"field": "lat", "type": "quantitative"},
                          "size": {"field": "events", "type": "quantitative", "scale": {"range": [30, 900]},
                                   "legend": {"values": sizes, "format": "d"}},
                          "color": {"field": "quad class", "type": "nominal", "scale": _QUAD_SCALE},
                          "tooltip": [{"field": "name"}, {"field": "country"}, {"field": "events"},
                                      {"field": "goldstein_mean", "title": "mean Goldstein"}]}},
        ],
    }


def network(graph: dict[str, Any], width: int = 900, height: int = 560) -> dict[str, Any]:
    """The actor network (node-link JSON) as a Vega force-directed layout: node size by events,
    edge width by events between the pair, edge colour by their mean Goldstein value."""
    index = {n["id"]: i for i, n in enumerate(graph["nodes"])}
    nodes = [{"index": i, "id": n["id"], "label": n.get("label") or n["id"], "events": n.get("events", 1)}
             for i, n in enumerate(graph["nodes"])]
    links = [{"source": index[e["source"]], "target": index[e["target"]], "weight": e.get("weight", 1),
              "goldstein": e.get("goldstein_mean", 0)} for e in graph["links"]]
    return {
        "$schema": "https://vega.github.io/schema/vega/v5.json", "width": width, "height": height,
        "autosize": "none", "padding": 5,
        "data": [{"name": "node-data", "values": nodes}, {"name": "link-data", "values": links}],
        "scales": [
            {"name": "size", "type": "sqrt", "domain": {"data": "node-data", "field": "events"},
             "range": [60, 1400]},
            {"name": "tone", "type": "linear", "domain": [-10, 0, 10], "range": ["#cb181d", "#bbbbbb", "#2171b5"]},
        ],
        "marks": [
            {"name": "nodes", "type": "symbol", "zindex": 1, "from": {"data": "node-data"},
             "encode": {"enter": {"fill": {"value": "#4a6fa5"}, "stroke": {"value": "#fff"},
                                  "size": {"scale": "size", "field": "events"},
                                  "tooltip": {"signal": "datum.label + ' (' + datum.id + '): ' + datum.events "
                                                        "+ ' events'"}}},
             "transform": [{"type": "force", "iterations": 300, "static": True, "signal": "force", "forces": [
                 {"force": "center", "x": width / 2, "y": height / 2},
                 {"force": "collide", "radius": 14},
                 {"force": "nbody", "strength": -60},
                 {"force": "link", "links": "link-data", "distance": 90}]}]},
            {"type": "path", "from": {"data": "link-data"}, "interactive": False,
             "encode": {"update": {"stroke": {"scale": "tone", "field": "goldstein"},
                                   "strokeWidth": {"signal": "min(1 + datum.weight, 8)"},
                                   "strokeOpacity": {"value": 0.7}}},
             "transform": [{"type": "linkpath", "require": {"signal": "force"}, "shape": "line", "sourceX": "datum.source.x",
                            "sourceY": "datum.source.y", "targetX": "datum.target.x", "targetY": "datum.target.y"}]},
            {"type": "text", "from": {"data": "nodes"}, "zindex": 2, "interactive": False,
             "encode": {"update": {"x": {"field": "x"}, "y": {"signal": "datum.y - sqrt(datum.size) / 2 - 4"},
                                   "text": {"field": "datum.id"}, "align": {"value": "center"},
                                   "fontSize": {"value": 11}, "fill": {"value": "#222"}}}},
        ],
    }
