"""tacitus serve's API, on a real uvicorn on 127.0.0.1 over a store of the example articles."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import httpx
import pytest
from conftest import ROOT, Server

TOKEN = "test-token-7"
ERROR_KEYS = {"status", "code", "message", "hint"}
INJECTIONS = ["'; DROP TABLE events; --", "\" OR 1=1 --", "%' OR '1'='1", "x) UNION SELECT * FROM articles --",
              "_%_", "\\"]


@pytest.fixture(scope="module")
def server(example_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "served.duckdb"
    shutil.copy(example_store, path)
    srv = Server(path, "--max-body", "200000", token=TOKEN).wait()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS, body
    assert body["status"] == status and body["code"] == code and body["message"]
    return body


def test_serve_api_events_filters_page_and_facets(client, example_store):
    from tacitus.store import Store

    with Store(example_store, read_only=True) as store:
        expected = store.events(dyad=("FRA", "KAZ"), merged=True)
    page = client.get("/api/events", params={"dyad": "FRA-KAZ", "limit": 3, "facet": ["root", "actor", "month"]})
    body = page.json()
    assert page.status_code == 200, body
    assert body["total"] == len(expected) > 3
    assert [e["event_id"] for e in body["events"]] == [e["event_id"] for e in expected[:3]]
    assert body["next"] == "/api/events?dyad=FRA-KAZ&limit=3&offset=3"
    second = client.get(body["next"]).json()
    assert [e["event_id"] for e in second["events"]] == [e["event_id"] for e in expected[3:6]]
    assert sum(f["count"] for f in body["facets"]["root"]) == body["total"]
    assert {f["value"] for f in body["facets"]["actor"]} >= {"FRA", "KAZ"}
    # quad class, code, confidence, dates and text: each narrows to events that satisfy it
    narrow = client.get("/api/events", params={"quad": 4, "code": "19", "min_confidence": 0.5, "since": "2020-01-01",
                                               "until": "2020-12-31", "q": "MISSILES", "limit": 500}).json()
    assert narrow["total"] >= 1
    for e in narrow["events"]:
        assert e["quad_class"] == 4 and e["cameo"].startswith("19") and e["confidence"] >= 0.5
        assert "2020-01-01" <= e["date"] <= "2020-12-31" and "missiles" in e["sentence"].lower()


def test_serve_api_filters_are_bound_parameters(client):
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    for attack in INJECTIONS:
        found = client.get("/api/events", params={"q": attack})
        assert found.status_code == 200 and found.json()["total"] == 0, attack
        for name in ("actor", "dyad", "code"):
            assert_error(client.get("/api/events", params={name: attack}), 422, "invalid_parameter")
    assert client.get("/api/events", params={"limit": 1}).json()["total"] == total  # nothing dropped


def test_serve_api_event_has_mentions_offsets_and_disagreements(client):
    rows = client.get("/api/events", params={"q": "ballistic missiles"}).json()["events"]
    event = client.get(f"/api/events/{rows[0]['merged_event_id']}").json()
    assert event["mentions"] and "disagreements" in event
    for m in event["mentions"]:
        offsets = m["offsets"]
        start, end = offsets["trigger"]
        assert m["sentence"][start:end] == m["trigger"]
        start, end = offsets["source"]
        assert m["sentence"][start:end] == m["source_text"]
        assert m["span_end"] - m["span_start"] == len(m["sentence"])
    assert_error(client.get("/api/events/999999999"), 404, "not_found")


def test_serve_api_dyad_actors_stories_as_the_cli(client, example_store):
    cli = subprocess.run([sys.executable, "-m", "tacitus", "dyad", "FRA", "KAZ", "--db", str(example_store),
                          "--format", "json"], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert client.get("/api/dyads/fra/kaz").json() == json.loads(cli.stdout)
    actors = client.get("/api/actors", params={"top": 5}).json()
    assert len(actors["actors"]) == 5 and actors["actors"][0]["events"] >= actors["actors"][-1]["events"]
    ids = {n["id"] for n in actors["network"]["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids for link in actors["network"]["links"])
    stories = client.get("/api/stories").json()
    assert stories and all(s["articles"] for s in stories)


def test_serve_api_export_streams_each_format(client):
    events = [json.loads(line) for line in client.get("/api/export").text.splitlines()]
    assert events and all(e["mentions"] for e in events)
    gdelt = client.get("/api/export", params={"format": "gdelt"})
    assert gdelt.headers["content-type"].startswith("text/tab-separated-values")
    rows = gdelt.text.splitlines()
    assert len(rows) == len(events) and all(len(r.split("\t")) == 61 for r in rows)
    plover = [json.loads(line) for line in client.get("/api/export", params={"format": "plover"}).text.splitlines()]
    assert plover and all(p["source_text"] for p in plover)
    assert_error(client.get("/api/export", params={"format": "parquet"}), 422, "invalid_parameter")


def test_serve_api_one_error_shape(client):
    assert_error(client.get("/api/nowhere"), 404, "not_found")
    assert_error(client.get("/api/events", params={"limit": 501}), 422, "invalid_parameter")
    assert_error(client.get("/api/events", params={"since": "yesterday"}), 422, "invalid_parameter")
    assert_error(client.delete("/api/events"), 405, "method_not_allowed")
    assert_error(client.post("/api/explain", json={}), 422, "invalid_parameter")
    assert_error(client.post("/api/articles", content=b"text"), 401, "unauthorized")
    assert_error(client.post("/api/articles", content=b"text", headers={"authorization": "Bearer wrong"}),
                 401, "unauthorized")
    big = b"Germany criticised France. " * 10_000  # 270 kB: over the server's --max-body 200000
    body = assert_error(client.post("/api/articles", content=big, headers={"authorization": f"Bearer {TOKEN}"}),
                        413, "body_too_large")
    assert "--max-body" in body["hint"]
    assert_error(client.post("/api/articles", content=b"x", headers={"authorization": f"Bearer {TOKEN}",
                                                                     "content-type": "image/png"}),
                 415, "unsupported_media_type")
    assert client.get("/openapi.json").json()["paths"]["/api/events"]
    page = client.get("/events/999999999", headers={"accept": "text/html"})
    assert page.status_code == 404 and "no event 999999999" in page.text and "<html" in page.text


def test_serve_read_only_server_needs_an_existing_store(tmp_path):
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    missing = tmp_path / "none.duckdb"
    run = subprocess.run([sys.executable, "-m", "tacitus", "serve", "--db", str(missing), "--port", "1"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 1
    assert f"no store at {missing}" in run.stderr and "--token" in run.stderr
    assert not missing.exists()


def test_serve_api_post_articles_codes_stores_and_never_reads_paths(client):
    auth = {"authorization": f"Bearer {TOKEN}"}
    text = ("Japanese Prime Minister Fumio Kishida visited Vietnam on Sunday. "
            "Kishida praised Vietnam for its role in the region.")
    before = client.get("/api/events", params={"dyad": "JPN-VNM"}).json()["total"]
    answer = client.post("/api/articles", content=text.encode(), headers={**auth, "content-type": "text/plain"},
                         params={"published": "2023-05-07", "publisher": "tacitus tests"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["stored"] == 1 and body["events"]
    assert {e["source"]["country"] for e in body["events"]} == {"JPN"}
    assert all(e["merged_event_id"] is not None and e["publisher"] == "tacitus tests" for e in body["events"])
    listed = client.get("/api/events", params={"dyad": "JPN-VNM"}).json()
    assert listed["total"] == before + len(body["events"])
    again = client.post("/api/articles", content=text.encode(), headers={**auth, "content-type": "text/plain"},
                        params={"published": "2023-05-07", "publisher": "tacitus tests"}).json()
    assert again["stored"] == 0 and again["already_stored"] == 1
    # a JSON Lines line naming a file on the server is refused, never read
    lines = json.dumps({"path": "/etc/hostname"}) + "\n" + json.dumps({"path": str(ROOT / "README.md")}) + "\n"
    refused = client.post("/api/articles", content=lines.encode(),
                          headers={**auth, "content-type": "application/x-ndjson"})
    body = assert_error(refused, 422, "nothing_coded")
    assert "is not read" in body["message"]


def test_serve_api_post_html_and_json_object(client):
    auth = {"authorization": f"Bearer {TOKEN}"}
    page = ('<!doctype html><html><head><title>Ties grow</title><meta property="og:site_name" content="Test Wire">'
            "</head><body><nav>Home | World</nav><article><h1>Ties grow</h1><p>Polish President Andrzej Duda "
            "visited Lithuania on Monday for talks on regional security.</p></article><footer>Copyright</footer>"
            "</body></html>")
    answer = client.post("/api/articles", content=page.encode(), params={"published": "2023-03-06"},
                         headers={**auth, "content-type": "text/html"}).json()
    assert [(e["source"]["country"], e["cameo"], e["target"]["country"]) for e in answer["events"]] == [
        ("POL", "042", "LTU")]
    assert answer["events"][0]["publisher"] == "Test Wire" and answer["events"][0]["date"] == "2023-03-06"
    one = client.post("/api/articles", json={"text": "Chile condemned Peru on Friday.", "published": "2023-03-10",
                                             "publisher": "json test"}, headers=auth).json()
    assert one["events"] and one["events"][0]["publisher"] == "json test"


def test_serve_api_explain_is_tacitus_explain(client):
    from tacitus.explain import explain

    sentence = "Kazakhstan refused to recognise Russia's annexation."
    answer = client.post("/api/explain", json={"text": sentence}).json()
    local = explain(sentence)
    assert [e["cameo"] for e in answer["events"]] == [e.cameo for e in local.events]
    assert [f["pattern"] for f in answer["fired"]] == [f.pattern for f in local.fired]
    assert answer["sentences"][0][0]["text"] == "Kazakhstan"


def test_serve_api_store_sharing_cli_code_names_the_server_and_posts_to_it(server, client, tmp_path):
    article = tmp_path / "visit.txt"
    article.write_text("Brazilian President Luiz Inacio Lula da Silva visited Angola on Friday.", encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    direct = subprocess.run([sys.executable, "-m", "tacitus", "code", str(article), "--db", str(server.db)],
                            capture_output=True, text=True, env=env)
    assert direct.returncode == 1
    assert f"held by `tacitus serve` at {server.url}" in direct.stderr
    assert f"tacitus code --server {server.url}" in direct.stderr
    wrong = subprocess.run([sys.executable, "-m", "tacitus", "code", str(article), "--server", server.url],
                           capture_output=True, text=True, env=env)
    assert wrong.returncode == 1 and "writing needs the server's token" in wrong.stderr
    posted = subprocess.run([sys.executable, "-m", "tacitus", "code", str(article), "--server", server.url,
                             "--published", "2023-08-25"], capture_output=True, text=True,
                            env={**env, "TACITUS_TOKEN": TOKEN})
    assert posted.returncode == 0, posted.stderr
    assert "1 new" in posted.stdout and f"stored by the server at {server.url}" in posted.stdout
    listed = client.get("/api/events", params={"dyad": "BRA-AGO"}).json()
    assert listed["total"] >= 1 and listed["events"][0]["date"] == "2023-08-25"


def test_serve_read_only_server_says_so_and_shares_the_file_with_readers(example_store, tmp_path):
    path = tmp_path / "ro.duckdb"
    shutil.copy(example_store, path)
    srv = Server(path).wait()
    try:
        status = httpx.get(srv.url + "/api/status").json()
        assert status["writable"] is False
        body = assert_error(httpx.post(srv.url + "/api/articles", content=b"x",
                                       headers={"authorization": "Bearer x"}), 403, "read_only")
        assert "--token" in body["hint"]
        # a read-only server leaves the file readable by the CLI meanwhile
        env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
        cli = subprocess.run([sys.executable, "-m", "tacitus", "events", "--db", str(path), "--format", "jsonl"],
                             capture_output=True, text=True, env=env)
        assert cli.returncode == 0, cli.stderr
        assert 0 < len(cli.stdout.splitlines()) <= status["counts"]["events"]
    finally:
        srv.stop()
    assert not (tmp_path / "ro.duckdb.serve.json").exists()


def test_serve_coding_deadline_skips_articles_not_begun():
    from tacitus.ingest import read_body
    from tacitus.pipeline import _pipeline, code_and_store

    lines = "".join(json.dumps({"text": f"France criticised Germany on day {i}.", "published": "2024-02-0" + str(i)})
                    + "\n" for i in range(1, 4))
    report = code_and_store(read_body(lines.encode(), "jsonl"), _pipeline(None), None,
                            deadline=time.monotonic() - 1)
    assert report.coded == 0 and len(report.skipped) == 3
    assert all("time limit" in s.reason for s in report.skipped)
