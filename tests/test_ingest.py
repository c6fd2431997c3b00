"""The ingest stage: reading every input kind, cleaning, ids, and bad input."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from tacitus.ingest import article_from_text, clean, parse_text, read
from tacitus.records import Article, Options, Skipped

WIRE = """Leaders agree to talk again

ASTANA, Nov 1 (Reuters) - The foreign ministers of Kazakhstan and Kyrgyzstan
met on Tuesday and agreed to meet again in the spring.

Leaders 640x360 AFP
Photo: AFP

(Reporting by A. Writer; Editing by B. Editor)
Leave a Reply
Your email address will not be published. Required fields are marked *
"""


def test_ingest_clean_drops_boilerplate_and_rejoins_wrapped_lines():
    text = clean(WIRE)
    assert "640x360" not in text and "Photo:" not in text and "Reporting by" not in text
    assert "Leave a Reply" not in text and "email address" not in text
    assert "Kyrgyzstan met on Tuesday" in text
    assert text.split("\n\n")[0] == "Leaders agree to talk again"


def test_ingest_clean_keeps_real_sentences_about_photos_and_reading():
    body = "Officials said the photo was taken in Kyiv.\n\nRead more about the talks, the minister urged reporters."
    assert clean(body) == "Officials said the photo was taken in Kyiv.\n\nRead more about the talks, the minister urged reporters."


def test_ingest_parse_text_keeps_offsets_and_blanks_datelines():
    text = clean("PARIS, Nov 30 - \u201cWe agree,\u201d Macron\u2019s aide said\u00a0today.")
    parsed = parse_text(text)
    assert len(parsed) == len(text)
    assert parsed.lstrip().startswith('"We agree," Macron\'s aide said today.')


def test_ingest_same_article_same_id_whatever_the_whitespace():
    a = article_from_text("Kenya praised Uganda.\n\nThe talks went well.")
    b = article_from_text("  Kenya   praised Uganda.\r\n\r\n\r\nThe talks went well.  \n\nLeave a Reply\n")
    assert a.id == b.id and a.text == b.text


def test_ingest_seeds_are_cleaned(shared):
    seed0 = shared / "seeds" / "000_d44e1bea3d174aff.txt"
    text = article_from_text(seed0.read_text(encoding="utf-8")).text
    for junk in ("450x300", "Leave a Reply", "Read more with", "(Edited by", "Required fields"):
        assert junk not in text
    assert text.split("\n\n")[0].startswith("Kazakhstan welcomes Macron under Moscow")
    seed2 = shared / "seeds" / "002_c541ccf6d68556e6.txt"
    assert "deepen ties in all areas of mutual interest" in article_from_text(seed2.read_text(encoding="utf-8")).text


def test_ingest_manifest_gives_metadata(shared):
    items = list(read([str(shared / "seeds" / "articles.jsonl")]))
    assert all(isinstance(i, Article) for i in items), items
    first = items[0]
    assert first.path.endswith("000_d44e1bea3d174aff.txt")
    assert (first.publisher, first.published) == ("EURACTIV", date(2023, 11, 1))
    assert items[1].published is None


def test_ingest_jsonl_bad_lines_are_skipped_with_line_numbers(tmp_path):
    good = {"text": "Japan held talks with South Korea on Friday in Tokyo about trade.", "published": "2024-05-03",
            "publisher": "Wire", "url": "https://example.org/a"}
    lines = [json.dumps(good), "{not json", json.dumps({"title": "no body"}),
             json.dumps({"text": "Chile praised Peru.", "published": "someday"}), "",
             json.dumps({"html": "<html><body><article><p>Brazil and Argentina signed a trade deal on Monday in Brasilia, officials said.</p></article></body></html>"})]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read([str(path)]))
    skipped = {i.line: i.reason for i in items if isinstance(i, Skipped)}
    assert set(skipped) == {2, 3, 4}
    assert "not valid JSON" in skipped[2] and "text" in skipped[3] and "not a date" in skipped[4]
    articles = [i for i in items if isinstance(i, Article)]
    assert articles[0].published == date(2024, 5, 3) and articles[0].path == "https://example.org/a"
    assert "Brazil and Argentina signed" in articles[1].text


def test_ingest_bad_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "fr.txt").write_text(
        "Le président français a rencontré hier son homologue kazakh à Astana. Les deux dirigeants ont "
        "signé plusieurs accords sur l'énergie et les métaux rares. La Russie observe ce rapprochement avec "
        "inquiétude, selon plusieurs diplomates interrogés par notre journal.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ok.txt").write_text("Egypt and Jordan held talks in Cairo on Sunday.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Peru praised Chile.", encoding="utf-8")
    items = list(read([str(tmp_path), str(tmp_path / "missing.txt")]))
    reasons = {i.path.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blob.txt"] == "binary file, not text"
    assert "'fr'" in reasons["fr.txt"]
    assert "unsupported file type" in reasons["notes.pdf"]
    assert reasons["missing.txt"] == "no such file or directory"
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.path.rsplit("/", 1)[-1] for a in articles] == ["ok.txt"]


def test_ingest_latin1_file_is_read(shared):
    path = shared / "corpora" / "bbc-news-2005" / "bbc" / "sport" / "199.txt"
    items = list(read([str(path)]))
    assert isinstance(items[0], Article) and "£" in items[0].text


def test_ingest_html_without_comments(tmp_path):
    html = """<html><head><title>Summit ends</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Summit ends with pledge</h1>
    <p>Leaders of Kenya and Tanzania met in Arusha on Friday and pledged to open their border to trade.</p>
    <p>The two presidents signed an agreement on roads and railways, officials said in a statement.</p></article>
    <div class="comments" id="comments"><h3>Comments</h3><p>Great article, visit my site!</p></div>
    <footer>Copyright 2024 Example News</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [article] = list(read([str(tmp_path / "page.html")], Options(published=date(2024, 3, 1))))
    assert isinstance(article, Article)
    assert "pledged to open their border" in article.text
    assert "Great article" not in article.text and "Home" not in article.text
    assert article.published == date(2024, 3, 1)


def test_ingest_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Norway praised Sweden on Monday."))
    [a] = list(read(["-"]))
    assert a.text == "Norway praised Sweden on Monday." and a.path == "<stdin>"
    monkeypatch.setattr("sys.stdin", io.StringIO('{"text": "Peru praised Chile."}\n{"text": "Chile thanked Peru."}\n'))
    assert [x.text for x in read(["-"])] == ["Peru praised Chile.", "Chile thanked Peru."]


def test_ingest_empty_text_raises_input_error():
    from tacitus.errors import InputError

    with pytest.raises(InputError):
        article_from_text("Leave a Reply\n\n")
