"""The ingest stage: reading every input kind, cleaning, ids, and bad input.

Fixtures in tests/fixtures/ingest/ are written for tacitus (made-up events); the seeds and the
BBC corpus are read from ../shared and the tests that need them skip when it is absent.
"""

from __future__ import annotations

import io
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from tacitus.errors import DataFileError, InputError
from tacitus.ingest import (
    article_from_text,
    clean,
    decode_bytes,
    html_to_text,
    is_boilerplate,
    not_english,
    parse_published,
    parse_text,
    read,
)
from tacitus.records import Article, Options, Skipped, article_id_for

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"

WRAPPED_CLEAN = (
    "Mongolia and Poland agree on grain and rail links\n\n"
    "ULAANBAATAR, March 4 (Wire) - Mongolia and Poland signed three agreements on Monday covering "
    "grain exports, rail freight and university exchanges, after a delegation led by Polish Deputy "
    "Prime Minister Anna Nowicka arrived in the Mongolian capital for two days of talks with Prime "
    "Minister Oyun-Erdene Luvsannamsrai.\n\n"
    "The agreements cover:\n\n"
    "- grain deliveries through Kazakhstan and Russia\n\n"
    "- a weekly container train between Lodz and Ulaanbaatar\n\n"
    "- scholarships for 200 students a year\n\n"
    "\"We are opening a new chapter,\" Nowicka told reporters, adding that the two governments "
    "would meet again in Warsaw in the autumn."
)


def _skips(items: list[Article | Skipped]) -> dict[int | None, str]:
    return {i.line: i.reason for i in items if isinstance(i, Skipped)}


# --- cleaning ---------------------------------------------------------------------------------


def test_ingest_clean_drops_boilerplate_rejoins_wrapped_lines_keeps_headline_and_list():
    # the fixture is wrapped at 72 columns, once before a capitalised name ("Minister\nAnna")
    assert clean((FIXTURES / "wrapped.txt").read_text(encoding="utf-8")) == WRAPPED_CLEAN


def test_ingest_clean_keeps_real_sentences_about_photos_and_reading():
    body = [
        "Officials said the photo was taken in Kyiv.",
        "Read more about the talks, the minister urged reporters.",
        "Photo evidence presented by the prosecutors showed the border post on fire.",
        "Follow-up talks are planned for June.",
        "Advertisement spending by the ruling party doubled before the vote.",
        "Share prices in Tokyo rose after the trade deal was announced.",
        "Comments by the foreign minister angered Beijing.",
        "Copyright law was not on the agenda, the EU envoy said.",
        "An AP/NORC poll found support for the treaty fell.",
        "The Reuters/Ipsos poll showed most voters back the ceasefire",
    ]
    for sentence in body:
        assert not is_boilerplate(sentence), sentence
    assert clean("\n\n".join(body)) == "\n\n".join(body)


def test_ingest_clean_drops_each_kind_of_furniture():
    furniture = [
        "Macron and Tokayev 450x300 dpfAGA", "Leave a Reply", "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Read more with EURACTIV", "Read more at Example News", "(Edited by Ann Other)",
        "(Reporting by A. Writer in Astana; Editing by B. Editor)", "Photo: AFP", "Image: Jane Roe.",
        "The envoy in 2011 (Image: Jane Roe)", "Share this article", "Subscribe to our newsletter",
        "Follow us on Telegram", "Advertisement", "We use cookies to give you the best experience.",
        "© 2024 Example Media. All rights reserved.", "Tokayev greets Macron in Astana. REUTERS/Jane Doe",
        "Comments (12)",
    ]
    for line in furniture:
        assert is_boilerplate(line), line
    text = "Peru and Chile met in Lima.\n" + "\n".join(furniture) + "\nThey agreed to meet again."
    assert clean(text) == "Peru and Chile met in Lima.\n\nThey agreed to meet again."


def test_ingest_clean_normalises_whitespace_and_invisible_characters():
    raw = ("\ufeff  Kenya\u00a0and\tUganda   met\u200b in Kampala.\r\n\r\n\r\n"
           "They signed a trade\u00ad deal\u2028and a\u2009visa accord.\x0c\n\n\n  \u00a0 \n"
           "Talks resume in May.  ")
    text = clean(raw)
    assert text == ("Kenya and Uganda met in Kampala.\n\n"
                    "They signed a trade deal and a visa accord.\n\nTalks resume in May.")
    assert "\n\n\n" not in text and "  " not in text
    assert all(p and "\n" not in p for p in text.split("\n\n"))


def test_ingest_clean_keeps_short_headline_before_capitalised_paragraph():
    raw = "Ghana and Togo reopen border\nThe two governments reopened the border on Saturday.\n"
    assert clean(raw) == "Ghana and Togo reopen border\n\nThe two governments reopened the border on Saturday."


def test_ingest_user_boilerplate_rules_are_added_and_checked(tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("rules:\n  - pattern: 'brought to you by the lakeside times'\n    why: 'house promo'\n"
                     "    drops: ['Brought to you by the Lakeside Times']\n", encoding="utf-8")
    text = "Kenya praised Uganda.\nBrought to you by the Lakeside Times\nThe talks went well."
    assert "Lakeside" in clean(text)
    assert clean(text, boilerplate=[rules]) == "Kenya praised Uganda.\n\nThe talks went well."
    broad = tmp_path / "broad.yaml"
    broad.write_text("# too broad\nrules:\n  - pattern: '.*'\n    why: 'everything'\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        clean(text, boilerplate=[broad])
    assert f"{broad}:3" in str(err.value) and "ordinary sentence" in str(err.value)
    undocumented = tmp_path / "nowhy.yaml"
    undocumented.write_text("rules:\n  - pattern: 'x{3}'\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="needs a 'why'"):
        clean(text, boilerplate=[undocumented])


def test_ingest_parse_text_keeps_length_and_straightens_quotes():
    text = clean("PARIS, Nov 30 - \u201cWe agree\u2026 fully,\u201d Macron\u2019s aide said\u00a0today "
                 "\u2013 \u00abnot\u00bb \u2018later\u2019.")
    parsed = parse_text(text)
    assert len(parsed) == len(text)
    assert parsed.lstrip() == "\"We agree\u2026 fully,\" Macron's aide said today \u2014 \"not\" 'later'."
    assert parsed.count("\u2026") == text.count("\u2026") == 1


def test_ingest_parse_text_spaced_dash_is_a_dash_and_a_hyphen_stays():
    # a dash set off by spaces, however typed, reaches the parser as a dash; within a word
    # ("Franco-Kazakh", "2019\u20132020") it stays a hyphen
    text = "Egypt - which depends on the river \u2013 condemned the Franco-Kazakh plan of 2019\u20132020 -- twice."
    parsed = parse_text(text)
    assert len(parsed) == len(text)
    assert parsed == "Egypt \u2014 which depends on the river \u2014 condemned the Franco-Kazakh plan of 2019-2020 \u2014  twice."


def test_ingest_parse_text_same_length_on_seeds(shared):
    for seed in sorted((shared / "seeds").glob("*.txt")):
        text = article_from_text(seed.read_text(encoding="utf-8")).text
        parsed = parse_text(text)
        assert len(parsed) == len(text)
        assert "\u2019" not in parsed and "\u201c" not in parsed


# --- ids ----------------------------------------------------------------------------------------


def test_ingest_same_article_same_id_whatever_the_whitespace_or_boilerplate():
    a = article_from_text("Kenya praised Uganda.\n\nThe talks went well.")
    b = article_from_text("  Kenya   praised Uganda.\r\n\r\n\r\nThe talks went well.  \n\nLeave a Reply\n"
                          "Share this article\n")
    assert a.id == b.id == article_id_for(a.text) and a.text == b.text
    assert article_from_text("Kenya praised Uganda.").id != a.id


def test_ingest_wrapped_and_unwrapped_copies_get_one_id():
    unwrapped = WRAPPED_CLEAN.replace("\n\n", "\n")  # one paragraph a line, no blank lines
    wrapped = (FIXTURES / "wrapped.txt").read_text(encoding="utf-8")
    assert article_from_text(unwrapped).id == article_from_text(wrapped).id


# --- the shared seeds and corpora ---------------------------------------------------------------


def test_ingest_seeds_are_cleaned(shared):
    seed0 = shared / "seeds" / "000_d44e1bea3d174aff.txt"
    raw0 = seed0.read_text(encoding="utf-8")
    text = article_from_text(raw0).text
    for junk in ("450x300", "Leave a Reply", "Read more with", "(Edited by", "Required fields"):
        assert junk not in text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Kazakhstan welcomes Macron under Moscow\u2019s disapproving gaze"
    assert paragraphs[1].startswith("French President Emmanuel Macron arrived in Kazakhstan")
    assert paragraphs[-1].endswith("Peskov told reporters.")
    assert "\u201chistoric.\u201d" in text  # the article's own quote characters are kept
    noisy = "\n\n  " + raw0.replace("\n\n", "\n\n\n").replace(" ", "  ") + "\nShare this article\n"
    assert article_from_text(noisy).id == article_from_text(raw0).id
    seed2 = shared / "seeds" / "002_c541ccf6d68556e6.txt"
    text2 = article_from_text(seed2.read_text(encoding="utf-8")).text
    assert "deepen ties in all areas of mutual interest" in text2
    assert "\n" not in next(p for p in text2.split("\n\n") if "deepen ties" in p)


def test_ingest_manifest_gives_metadata(shared):
    items = list(read([str(shared / "seeds" / "articles.jsonl")]))
    assert all(isinstance(i, Article) for i in items), items
    first, second = items
    assert first.path.endswith("000_d44e1bea3d174aff.txt") and first.line == 1
    assert (first.publisher, first.published) == ("EURACTIV", date(2023, 11, 1))
    assert first.title == "Kazakhstan welcomes Macron under Moscow's disapproving gaze"
    assert second.path.endswith("002_c541ccf6d68556e6.txt")
    assert (second.publisher, second.published, second.title) == (None, None, None)
    # null fields take the flags' defaults; the line's own fields win over the flags
    flagged = list(read([str(shared / "seeds" / "articles.jsonl")],
                        Options(publisher="Flag", published=date(2023, 10, 31))))
    assert [(a.publisher, a.published) for a in flagged] == [
        ("EURACTIV", date(2023, 11, 1)), ("Flag", date(2023, 10, 31))]
    assert [a.id for a in flagged] == [a.id for a in items]


def test_ingest_latin1_file_is_read(shared):
    path = shared / "corpora" / "bbc-news-2005" / "bbc" / "sport" / "199.txt"
    [item] = list(read([str(path)]))
    assert isinstance(item, Article) and "\u00a315.8m" in item.text and "\ufffd" not in item.text


def test_ingest_bbc_politics_all_read_as_english(shared):
    folder = shared / "corpora" / "bbc-news-2005" / "bbc" / "politics"
    items = list(read([str(folder)]))
    assert len(items) == len(list(folder.glob("*.txt"))) > 400
    assert [i for i in items if isinstance(i, Skipped)] == []
    # every article keeps its headline as the first paragraph
    first = next(i for i in items if i.path.endswith("001.txt"))
    headline = (folder / "001.txt").read_text(encoding="utf-8").splitlines()[0].strip()
    assert first.text.split("\n\n")[0] == headline


# --- JSON Lines ---------------------------------------------------------------------------------


def test_ingest_jsonl_bad_lines_are_skipped_with_line_numbers():
    manifest = FIXTURES / "manifest.jsonl"
    items = list(read([str(manifest)], Options(publisher="Flag")))
    skipped = _skips(items)
    assert set(skipped) == {3, 4, 6, 7, 8, 11}
    assert all(i.path == str(manifest) for i in items if isinstance(i, Skipped))
    assert "'missing.txt' does not exist" in skipped[3]
    assert "'next Tuesday-ish' is not a date" in skipped[4]
    assert skipped[6].startswith("not valid JSON")
    assert skipped[7] == 'a line needs "text", "html" or "path"'
    assert "JSON object" in skipped[8]
    assert "'fr'" in skipped[11]
    articles = {a.line: a for a in items if isinstance(a, Article)}
    assert sorted(articles) == [1, 2, 5, 10]
    one = str(FIXTURES / "tree" / "one.txt")
    assert (articles[1].path, articles[1].publisher, articles[1].title, articles[1].published) == (
        one, "Gulf Wire", "Border reopens", date(2024, 5, 4))
    # a url names the article; the flag's publisher fills in when the line has none
    assert (articles[2].path, articles[2].url, articles[2].publisher, articles[2].published) == (
        "https://gulf.example.org/border", "https://gulf.example.org/border", "Flag", date(2024, 5, 4))
    assert articles[1].id == articles[2].id  # the same file twice is the same article
    assert articles[5].path == str(FIXTURES / "tree" / "copy.txt")
    assert articles[5].published == date(2024, 5, 6)  # the date as written, not shifted to UTC
    assert articles[10].path == f"{manifest}:10" and articles[10].publisher == "Nordic Desk"
    assert articles[10].text == "Norway and Sweden agreed on Monday to share the cost of a new bridge at Svinesund."


def test_ingest_jsonl_path_to_a_bad_file_names_the_line(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4")
    lines = [{"path": "blob.txt"}, {"path": "slides.pdf"}, {"path": "list.jsonl"}, {"path": "."}]
    (tmp_path / "list.jsonl").write_text("\n".join(map(json.dumps, lines)), encoding="utf-8")
    shown = str(tmp_path / "list.jsonl")
    assert list(read([shown])) == [
        Skipped(shown, "blob.txt: binary file, not text", 1),
        Skipped(shown, "path 'slides.pdf': unsupported file type '.pdf'", 2),
        Skipped(shown, "list.jsonl: a JSON Lines line cannot point to another JSON Lines file", 3),
        Skipped(shown, "path '.' is not a file (paths are relative to the JSON Lines file's folder)", 4)]


def test_ingest_jsonl_field_of_wrong_type_is_skipped(tmp_path):
    path = tmp_path / "typed.jsonl"
    path.write_text(json.dumps({"text": "Peru praised Chile.", "title": ["a", "b"]}) + "\n"
                    + json.dumps({"text": "Peru praised Chile.", "published": 20240101}) + "\n", encoding="utf-8")
    skipped = _skips(list(read([str(path)])))
    assert "'title' must be a string" in skipped[1] and "is not a date" in skipped[2]


def test_ingest_empty_jsonl_file_is_skipped(tmp_path):
    (tmp_path / "none.jsonl").write_text("\n\n", encoding="utf-8")
    assert list(read([str(tmp_path / "none.jsonl")])) == [Skipped(str(tmp_path / "none.jsonl"), "empty file")]


# --- HTML ---------------------------------------------------------------------------------------


def test_ingest_html_without_nav_comments_or_footer():
    page = FIXTURES / "page.html"
    [article] = list(read([str(page)], Options(published=date(2020, 1, 1), publisher="Flag")))
    assert isinstance(article, Article) and article.path == str(page)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Kenya and Tanzania pledge open border"
    assert paragraphs[1].startswith("Leaders of Kenya and Tanzania met in Arusha on Friday")
    assert "keep their shared border" in paragraphs[1]  # the HTML's line break is a space
    assert len(paragraphs) == 4
    for junk in ("Great article", "First!", "Comments", "Home", "Subscribe", "Copyright", "Privacy"):
        assert junk not in article.text
    # the page's own metadata wins over the flags' defaults
    assert (article.title, article.publisher, article.published, article.url) == (
        "Kenya and Tanzania pledge open border", "Lakeside Times", date(2024, 3, 1),
        "https://lakeside.example.org/news/kenya-tanzania-border")


def test_ingest_html_to_text_handles_fragments_and_empty_pages(tmp_path):
    text, meta = html_to_text("<p>Norway praised Sweden on Monday.</p><p>Sweden thanked Norway.</p>")
    assert text == "Norway praised Sweden on Monday.\n\nSweden thanked Norway." and meta == {}
    assert html_to_text("<html><body><script>var x = 1;</script></body></html>")[0] is None
    (tmp_path / "blank.html").write_text("<html><head><title>Blank</title></head><body></body></html>",
                                         encoding="utf-8")
    [skipped] = list(read([str(tmp_path / "blank.html")]))
    assert skipped.path == str(tmp_path / "blank.html")
    # trafilatura only logs why it found nothing; the reason carries it
    assert skipped.reason.startswith("no main text found in the HTML (trafilatura: ")


def test_ingest_html_saved_as_txt_is_recognised(tmp_path):
    (tmp_path / "saved.txt").write_text((FIXTURES / "page.html").read_text(encoding="utf-8"), encoding="utf-8")
    [article] = list(read([str(tmp_path / "saved.txt")]))
    assert "<p>" not in article.text and article.publisher == "Lakeside Times"


# --- bad files, directories, stdin --------------------------------------------------------------


def test_ingest_bad_files_are_skipped_with_reasons(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "tree", tree)
    (tree / "empty.txt").write_text("   \n", encoding="utf-8")
    (tree / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tree / "noise.txt").write_bytes(bytes(range(1, 32)) * 40)
    shutil.copy(FIXTURES / "french.txt", tree / "sub" / "fr.txt")
    (tree / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tree / "README").write_text("Read me.", encoding="utf-8")
    (tree / ".hidden.txt").write_text("Peru praised Chile on Monday.", encoding="utf-8")
    (tree / ".cache").mkdir()
    (tree / ".cache" / "cached.txt").write_text("Chile thanked Peru on Tuesday.", encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    items = list(read([str(tree), missing]))
    reasons = {Path(i.path).name: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blob.txt"] == reasons["noise.txt"] == "binary file, not text"
    assert reasons["fr.txt"].startswith("language looks like 'fr' (") and "English only" in reasons["fr.txt"]
    assert reasons["notes.pdf"].startswith("unsupported file type '.pdf'")
    assert reasons["notes.csv"].startswith("unsupported file type '.csv'")
    assert reasons["README"].startswith("unsupported file type (no suffix)")
    assert reasons["missing.txt"] == "no such file or directory; check the path"
    assert not any("hidden" in i.path or "cache" in i.path for i in items)
    # sorted paths, recursively; a file's path is the folder as given joined with its place in it
    assert [i.path for i in items] == [str(tree / name) for name in (
        "README", "blob.txt", "empty.txt", "noise.txt", "notes.pdf", "one.txt",
        "sub/fr.txt", "sub/notes.csv", "sub/two.md")] + [missing]
    articles = [i for i in items if isinstance(i, Article)]
    assert [Path(a.path).name for a in articles] == ["one.txt", "two.md"]


def test_ingest_file_named_without_suffix_is_read_as_text(tmp_path):
    (tmp_path / "ARTICLE").write_text("Egypt and Jordan held talks in Cairo on Sunday.", encoding="utf-8")
    [article] = list(read([str(tmp_path / "ARTICLE")]))
    assert article.text == "Egypt and Jordan held talks in Cairo on Sunday."


def test_ingest_short_text_is_not_judged_non_english():
    # a headline is too short for a sure guess: it is coded, not skipped
    assert not_english("Ghana to boost cocoa output") is None
    assert not_english("Accord entre le Chili et le Pérou") is None
    assert not_english((FIXTURES / "french.txt").read_text(encoding="utf-8")) is not None


def test_ingest_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Norway praised Sweden on Monday.\nLeave a Reply\n"))
    [a] = list(read(["-"], Options(publisher="Flag")))
    assert (a.text, a.path, a.publisher) == ("Norway praised Sweden on Monday.", "<stdin>", "Flag")
    monkeypatch.setattr("sys.stdin", io.StringIO(
        '{"text": "Peru praised Chile."}\n\n{"text": "Chile thanked Peru.", "url": "https://x.example/2"}\n{"x": 1}\n'))
    items = list(read(["-"]))
    assert [(x.text, x.path, x.line) for x in items[:2]] == [
        ("Peru praised Chile.", "<stdin>:1", 1), ("Chile thanked Peru.", "https://x.example/2", 3)]
    assert items[2] == Skipped("<stdin>", 'a line needs "text", "html" or "path"', 4)
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    assert list(read(["-"])) == [Skipped("<stdin>", "empty input")]


def test_ingest_stdin_bytes_are_decoded(monkeypatch):
    class Bytes(io.TextIOWrapper):
        pass

    monkeypatch.setattr("sys.stdin", Bytes(io.BytesIO("Kenya paid \u00a35m to Uganda.".encode("cp1252"))))
    [a] = list(read(["-"]))
    assert a.text == "Kenya paid \u00a35m to Uganda."


# --- small parts --------------------------------------------------------------------------------


def test_ingest_decode_bytes_utf8_with_stray_latin1_byte_and_boms():
    assert decode_bytes("caf\u00e9 ".encode() + b"costs \xa35 \x93now\x94") == "caf\u00e9 costs \u00a35 \u201cnow\u201d"
    assert decode_bytes(b"\xef\xbb\xbf{\"text\": \"x\"}") == '{"text": "x"}'
    assert decode_bytes("\ufeffPeru praised Chile.".encode("utf-16-le")) == "Peru praised Chile."
    assert decode_bytes(b"PK\x03\x04\x00\x00binary") is None
    assert decode_bytes(bytes(range(0x80, 0x100)) * 10) is None
    assert decode_bytes(b"") == ""


def test_ingest_parse_published_accepts_iso_and_plain_dates():
    assert parse_published("2023-11-01") == date(2023, 11, 1)
    assert parse_published("2023-11-01T09:30:00Z") == date(2023, 11, 1)
    assert parse_published("2023-11-01T23:30:00-05:00") == date(2023, 11, 1)
    assert parse_published("1 November 2023") == date(2023, 11, 1)
    assert parse_published("Nov 1, 2023") == date(2023, 11, 1)
    assert parse_published(datetime(2023, 11, 1, 9, 30)) == date(2023, 11, 1)
    assert parse_published(None) is None and parse_published("  ") is None
    for bad in ("November 2023", "yesterday", "2023-13-45", "someday", 2023):
        with pytest.raises(InputError, match="is not a date"):
            parse_published(bad)


def test_ingest_empty_text_raises_input_error():
    with pytest.raises(InputError, match="no article text left"):
        article_from_text("Leave a Reply\n\nShare this article\n")


# --- bad input: other scripts, wrong JSON types, nested and huge HTML ---------------------------

#: Short news sentences written for these tests in scripts other than Latin.
OTHER_SCRIPTS = {
    "Han (Chinese)": "中国外交部发言人周三表示，北京将于下周与俄罗斯举行贸易会谈。",
    "Japanese (Han and kana)": "日本の首相は水曜日、来週ワシントンを訪問すると発表した。",
    "Hangul (Korean)": "한국 대통령은 화요일 도쿄를 방문했다고 밝혔다.",
    "Arabic": "قال وزير الخارجية يوم الأربعاء إن بلاده مستعدة للمحادثات.",
    "Cyrillic": "Министр иностранных дел заявил в среду, что Москва готова к переговорам.",
    "Greek": "Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο στην Άγκυρα την Πέμπτη.",
    "Hebrew": "שר החוץ נפגש עם עמיתו בירושלים ביום שני.",
    "Devanagari": "प्रधानमंत्री ने सोमवार को नई दिल्ली में राष्ट्रपति से मुलाकात की।",
}


@pytest.mark.parametrize("script", sorted(OTHER_SCRIPTS))
def test_ingest_language_refuses_other_scripts_however_short(script, tmp_path):
    text = OTHER_SCRIPTS[script]
    reason = not_english(text)
    assert reason is not None and reason.startswith(f"written in {script} script (")
    assert reason.endswith("tacitus codes English only")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    [skipped] = list(read([str(tmp_path / "a.txt")]))
    assert isinstance(skipped, Skipped) and skipped.reason == reason


def test_ingest_language_keeps_english_that_names_people_in_their_script():
    assert not_english("Chinese President Xi Jinping (习近平) met his Russian counterpart in Beijing on Monday.") is None
    assert not_english("Ukraine's president, Volodymyr Zelensky (Зеленський), visited Warsaw.") is None


def test_ingest_jsonl_text_of_wrong_type_is_a_line_error(tmp_path):
    lines = [{"text": 5}, {"text": ["Peru praised Chile."]}, {"html": {"p": "x"}}, {"path": 3},
             {"text": "Peru praised Chile on Monday.", "language": True}, {"text": "Peru praised Chile on Monday."}]
    path = tmp_path / "typed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    items = list(read([str(path)]))
    skipped = _skips(items)
    assert skipped[1].startswith("field 'text' must be a string, not a number")
    assert skipped[2].startswith("field 'text' must be a string, not a list")
    assert skipped[3].startswith("field 'html' must be a string, not an object")
    assert skipped[4].startswith("field 'path' must be a string, not a number")
    assert skipped[5].startswith("field 'language' must be a string, not true/false")
    assert str(items[0]) == f"{path}:1: field 'text' must be a string, not a number (write it in quotes: \"text\": \"...\")"
    assert [a.text for a in items if isinstance(a, Article)] == ["Peru praised Chile on Monday."]


def test_ingest_deeply_nested_html_says_so(tmp_path):
    paragraph = "<p>Norway and Sweden signed a fisheries agreement in Oslo on Monday, officials said.</p>"
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 5000 + paragraph * 4 + "</div>" * 5000
                                        + "</body></html>", encoding="utf-8")
    [skipped] = list(read([str(tmp_path / "deep.html")]))
    assert skipped.reason.startswith("HTML nested 5,00")
    assert "reads 255 levels at most" in skipped.reason


def test_ingest_huge_html_says_so(tmp_path):
    paragraph = "<p>Norway and Sweden signed a fisheries agreement in Oslo on Monday, officials said.</p>"
    (tmp_path / "huge.html").write_text("<html><body>" + paragraph * 70_000 + "</body></html>", encoding="utf-8")
    [skipped] = list(read([str(tmp_path / "huge.html")]))
    assert skipped.reason.startswith("HTML of 6.2 MB, over the 5 MB tacitus reads")
