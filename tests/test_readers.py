"""Reader layer: tables of real edge cases, and properties for any input."""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.readers import (
    SUPPORTED_SUFFIXES,
    Document,
    InputError,
    expand_paths,
    html_to_text,
    iter_documents,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def read(*paths: Path | str, **options: object) -> list[Document | InputError]:
    return list(iter_documents([str(p) for p in paths], **options))  # type: ignore[arg-type]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        # Bytes, so that "\r\n" reaches the file as written (text mode would not touch it on
        # POSIX, but would on Windows).
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def summary(items: list[Document | InputError]) -> list[tuple[str, str]]:
    """(source, text) for documents, (source, "ERROR: reason") for errors."""
    return [
        (i.source, f"ERROR: {i.reason}" if isinstance(i, InputError) else i.text) for i in items
    ]


# --------------------------------------------------------------------------- basics


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    docs = iter_documents([str(tmp_path / "missing.txt")])
    assert isinstance(docs, Iterator)
    # Nothing was read (or failed) yet: the error only comes when asked for.
    (err,) = list(docs)
    assert isinstance(err, InputError)


def test_input_error() -> None:
    err = InputError("a.csv#3", "text column 'text' is empty")
    assert str(err) == "a.csv#3: text column 'text' is empty"
    assert (err.source, err.reason) == ("a.csv#3", "text column 'text' is empty")
    assert isinstance(err, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.source, copy.reason, str(copy)) == (err.source, err.reason, str(err))


def test_document_is_frozen() -> None:
    doc = Document(id="a", text="x", source="a.txt")
    assert doc.meta == {}
    with pytest.raises(FrozenInstanceError):
        doc.text = "y"  # type: ignore[misc]


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm", ".jsonl", ".csv", ".json")


def test_max_bytes_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        list(iter_documents(["-"], max_bytes=0, stdin=io.StringIO("x")))


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param("a.txt", "Wang said no.\n", "Wang said no.\n", id="txt"),
        pytest.param(
            "crlf.txt",
            "Headline\r\n\r\nWang said no.\r\nHe left.\r\n",
            "Headline\r\n\r\nWang said no.\r\nHe left.\r\n",
            id="crlf-kept",
        ),
        pytest.param("bom.txt", b"\xef\xbb\xbfWang said no.", "Wang said no.", id="utf8-bom"),
        pytest.param(
            "a.md",
            "# Beijing's response\n\n[Wang](https://x.y) said **no**.",
            "# Beijing's response\n\n[Wang](https://x.y) said **no**.",
            id="markdown-kept-raw",
        ),
        pytest.param(
            "notes.text", "Explicit file, odd suffix.", "Explicit file, odd suffix.", id="other"
        ),
        pytest.param("Makefile", "no suffix at all", "no suffix at all", id="no-suffix"),
        pytest.param(
            "quotes.txt",
            "\u201cGenocide,\u201d she said \u2014 \u00a9 2022 \u2028 ok",
            "\u201cGenocide,\u201d she said \u2014 \u00a9 2022 \u2028 ok",
            id="unicode-punctuation",
        ),
    ],
)
def test_plain_text_read_as_is(
    tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    path = write(tmp_path / name, content)
    (doc,) = read(path)
    assert doc == Document(id=str(path), text=expected, source=str(path))


def test_id_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "sub" / "a.txt", "x")
    monkeypatch.chdir(tmp_path)
    (doc,) = read("sub/a.txt")
    assert (doc.id, doc.source) == ("sub/a.txt", "sub/a.txt")
    (doc,) = read("./sub/a.txt")
    assert doc.id == "./sub/a.txt"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        pytest.param("empty.txt", b"", "file is empty", id="empty"),
        pytest.param("blank.md", b" \n\t\r\n  ", "file is empty", id="whitespace-only"),
        pytest.param("bom-only.txt", b"\xef\xbb\xbf\n", "file is empty", id="bom-only"),
        pytest.param("nul.txt", b"Wang said\x00 no.", "not text (binary file?)", id="nul"),
        pytest.param(
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "not text (binary file?)",
            id="png-renamed",
        ),
        pytest.param(
            "latin1.txt",
            "Caf\u00e9 Beijing".encode("latin-1"),
            "not UTF-8 text: byte 0xE9 at offset 3 cannot be decoded; ",
            id="latin-1",
        ),
        pytest.param(
            "latin1-bom.txt",
            b"\xef\xbb\xbfCaf\xe9",
            "not UTF-8 text: byte 0xE9 at offset 6 cannot be decoded; ",
            id="offset-counts-bom",
        ),
        pytest.param(
            "utf16.txt",
            "Wang said no.".encode("utf-16"),
            "not UTF-8 text: it is UTF-16 (--encoding utf-16)",
            id="utf-16",
        ),
        pytest.param("empty.jsonl", b"\n\n  \n", "file is empty", id="jsonl-blank-lines"),
        pytest.param("empty.csv", b"", "file is empty", id="csv-empty"),
        pytest.param("header.csv", b"id,text\r\n", "CSV has a header but no rows", id="csv-header"),
        pytest.param(
            "nocol.csv",
            b"id,body,title\n1,Wang said no.,Ban\n",
            "no text column 'text' (columns: id, body, title); use --text-col",
            id="csv-no-text-column",
        ),
        pytest.param("nul.csv", b"id,text\n1,a\x00b\n", "not text (binary file?)", id="csv-nul"),
        pytest.param("broken.json", b'{"text": ', "not valid JSON", id="json-truncated"),
        pytest.param("empty.json", b"", "file is empty", id="json-empty"),
        pytest.param("list.json", b"[]", "JSON holds no records", id="json-empty-list"),
        pytest.param(
            "scalar.json",
            b'"Wang said no."',
            "JSON must be an object with a 'text' field, a list of such objects, or an object "
            "with such a list under 'articles', 'documents', 'records'; found a string",
            id="json-string",
        ),
        pytest.param(
            "other.json",
            b'{"title": "Ban", "items": [{"text": "x"}]}',
            "found an object with fields: title, items",
            id="json-unknown-object",
        ),
        pytest.param(
            "nav.html",
            b"<html><head><title>VOA</title></head><body><nav><a href='/'>Home</a></nav>"
            b"<footer>(c) VOA</footer><script>var a = 1;</script></body></html>",
            "HTML has no body text",
            id="html-no-body-text",
        ),
        pytest.param("empty.html", b"", "file is empty", id="html-empty"),
        pytest.param("bin.htm", b"\x00\x01\x02", "not text (binary file?)", id="htm-bin"),
    ],
)
def test_bad_file_is_reported_and_batch_goes_on(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "zz-good.txt", "Wang said no.")
    err, doc = read(bad, good)
    assert isinstance(err, InputError)
    assert err.source == str(bad)
    assert reason in err.reason
    assert isinstance(doc, Document) and doc.text == "Wang said no."


def test_missing_paths_are_reported(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "x")
    items = read(tmp_path / "nope.txt", tmp_path / "*.nothing", good)
    assert summary(items) == [
        (str(tmp_path / "nope.txt"), "ERROR: no such file or directory"),
        (
            str(tmp_path / "*.nothing"),
            "ERROR: no .txt, .md, .html, .htm, .jsonl, .csv, .json file matches this pattern",
        ),
        (str(good), "x"),
    ]


# --------------------------------------------------------------------------- size limit


def test_50_mb_file_is_refused_and_next_file_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a " * 25_000_000)
    after = write(tmp_path / "after.txt", "Still read.")
    err, doc = read(big, after)
    assert isinstance(err, InputError)
    assert err.reason == (
        "file is 50.0 MB, above the limit of 20.0 MB for one document; raise --max-mb or split it"
    )
    assert isinstance(doc, Document) and doc.text == "Still read."


@pytest.mark.parametrize(
    ("name", "content", "source_suffix", "reason"),
    [
        pytest.param("a.txt", "x" * 101, "", "file is 0.0 MB, above", id="txt"),
        pytest.param("a.md", "x" * 101, "", "file is 0.0 MB", id="md"),
        pytest.param("a.html", "<p>" + "x" * 100 + "</p>", "", "file is 0.0 MB", id="html"),
        pytest.param("a.json", json.dumps({"text": "x" * 100}), "", "file is", id="json"),
        pytest.param(
            "a.jsonl", json.dumps({"text": "é" * 60}) + "\n", "#1", "text is 0.0 MB", id="jsonl"
        ),
        pytest.param("a.csv", "text\n" + "x" * 101 + "\n", "#1", "text is 0.0 MB", id="csv"),
    ],
)
def test_max_bytes_applies_per_document(
    tmp_path: Path, name: str, content: str, source_suffix: str, reason: str
) -> None:
    path = write(tmp_path / name, content)
    (err,) = read(path, max_bytes=100)
    assert isinstance(err, InputError)
    assert err.source == f"{path}{source_suffix}"
    assert reason in err.reason and "raise --max-mb or split it" in err.reason


def test_jsonl_and_csv_total_size_is_not_limited(tmp_path: Path) -> None:
    jsonl = write(tmp_path / "a.jsonl", "".join(f'{{"text": "doc {i}"}}\n' for i in range(50)))
    csv_file = write(tmp_path / "a.csv", "text\n" + "".join(f"doc {i}\n" for i in range(50)))
    assert jsonl.stat().st_size > 100 and csv_file.stat().st_size > 100
    items = read(jsonl, csv_file, max_bytes=100)
    assert all(isinstance(i, Document) for i in items) and len(items) == 100


# --------------------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        pytest.param("Wang said no.\nHe left.\n", "Wang said no.\nHe left.\n", id="text"),
        pytest.param("\ufeffWang said no.", "Wang said no.", id="bom"),
        pytest.param("", "ERROR: stdin is empty", id="empty"),
        pytest.param(" \n\n", "ERROR: stdin is empty", id="blank"),
        pytest.param("a\x00b", "ERROR: not text (binary file?)", id="nul"),
        pytest.param(
            "x" * 200,
            "ERROR: stdin is over 0.0 MB, above the limit of 0.0 MB for one document; "
            "raise --max-mb or split it",
            id="too-big",
        ),
    ],
)
def test_stdin(stdin: str, expected: str) -> None:
    items = read("-", stdin=io.StringIO(stdin), max_bytes=100)
    assert summary(items) == [("-", expected)]
    if isinstance(items[0], Document):
        assert items[0].id == "-"


def test_stdin_undecodable() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"caf\xe9"), encoding="utf-8")
    (err,) = read("-", stdin=stream)
    assert isinstance(err, InputError) and err.reason.startswith("not UTF-8 text: byte 0xE9")


def test_stdin_read_once_among_files(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "A")
    items = read(a, "-", a, "-", stdin=io.StringIO("from stdin"))
    assert summary(items) == [(str(a), "A"), ("-", "from stdin")]


# --------------------------------------------------------------------------- paths


def make_tree(root: Path) -> None:
    for name in [
        "b.txt",
        "a/z.md",
        "a/b/deep.jsonl",
        "a/.hidden.txt",
        ".git/config.txt",
        "a/.cache/x.txt",
        "c/notes.pdf",
        "c/d/e.HTML",
        "a-c.csv",
        "A.json",
    ]:
        write(root / name, "x")


def test_directory_walk_nested_sorted_hidden_skipped(tmp_path: Path) -> None:
    make_tree(tmp_path / "corpus")
    root = tmp_path / "corpus"
    assert expand_paths([str(root)]) == [
        str(root / p)
        for p in ["A.json", "a/b/deep.jsonl", "a/z.md", "a-c.csv", "b.txt", "c/d/e.HTML"]
    ]


def test_directory_given_relative_with_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert expand_paths(["corpus/a/"]) == ["corpus/a/b/deep.jsonl", "corpus/a/z.md"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        pytest.param("corpus/*.txt", ["corpus/b.txt"], id="star"),
        pytest.param("corpus/**/*.md", ["corpus/a/z.md"], id="double-star"),
        pytest.param("corpus/?.json", ["corpus/A.json"], id="question-mark"),
        pytest.param("corpus/c/*", ["corpus/c/d/e.HTML"], id="unsupported-skipped-dir-walked"),
        pytest.param(
            "corpus/**",
            [
                "corpus/A.json",
                "corpus/a/b/deep.jsonl",
                "corpus/a/z.md",
                "corpus/a-c.csv",
                "corpus/b.txt",
                "corpus/c/d/e.HTML",
            ],
            id="everything-once",
        ),
        pytest.param("corpus/*.pdf", ["corpus/*.pdf"], id="only-unsupported-kept-as-error"),
        pytest.param("corpus/nothing*", ["corpus/nothing*"], id="no-match-kept"),
    ],
)
def test_glob(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, expected: list[str]
) -> None:
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert expand_paths([pattern]) == expected


def test_expand_paths_dedupes_and_keeps_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert expand_paths(["corpus/b.txt", "corpus/a", "-", "corpus/*.txt", "missing", "-"]) == [
        "corpus/b.txt",
        "corpus/a/b/deep.jsonl",
        "corpus/a/z.md",
        "-",
        "missing",
    ]
    # A single string is one path, not a sequence of one-letter paths.
    assert expand_paths("corpus/b.txt") == ["corpus/b.txt"]


def test_explicit_hidden_or_unsupported_file_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert expand_paths(["corpus/a/.hidden.txt", "corpus/c/notes.pdf"]) == [
        "corpus/a/.hidden.txt",
        "corpus/c/notes.pdf",
    ]


@pytest.mark.parametrize("files", [[], ["notes.pdf", "data.xlsx"], [".hidden.txt"]])
def test_directory_without_supported_files(tmp_path: Path, files: list[str]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in files:
        write(folder / name, "x")
    (err,) = read(folder)
    assert isinstance(err, InputError) and err.source == str(folder)
    assert err.reason == "no .txt, .md, .html, .htm, .jsonl, .csv, .json files in directory"


# --------------------------------------------------------------------------- HTML

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><title>Rights groups urge UN action | VOA</title>
<meta property="og:site_name" content="Voice of America">
<style>p { color: red }</style><script>window.dataLayer = [];</script>
</head><body>
<header class="site"><a href="/">VOA</a><nav><ul><li>World</li><li>Asia</li></ul></nav></header>
<div class="crumbs">Home &gt; Asia</div>
<article>
  <header><h1>Rights Groups   Urge UN
  Action on Xinjiang</h1><span class="byline">By Jane Doe</span></header>
  <figure><img src="camp.jpg"><figcaption>A camp in Artux, Dec. 3, 2018.</figcaption></figure>
  <p>Rights groups on Wednesday urged the <a href="/un">U.N.</a> Human Rights Council
     to hold a debate.</p>
  <p>&ldquo;This is a test,&rdquo; said Sophie Richardson&nbsp;of HRW.<br>China denied it.</p>
  <script>track("article")</script>
  <aside>Related: Uyghur exiles speak out</aside>
  <form><button>Subscribe</button></form>
  <blockquote>We will not be silenced.</blockquote>
</article>
<footer><p>&copy; 2022 VOA</p><iframe src="x"></iframe></footer>
<noscript>Enable JavaScript</noscript>
</body></html>
"""


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            ARTICLE_PAGE,
            "Rights Groups Urge UN Action on Xinjiang\n\n"
            "A camp in Artux, Dec. 3, 2018.\n\n"
            "Rights groups on Wednesday urged the U.N. Human Rights Council to hold a debate.\n\n"
            "\u201cThis is a test,\u201d said Sophie Richardson of HRW.\n\n"
            "China denied it.\n\n"
            "We will not be silenced.",
            id="article-with-nav-footer-script",
        ),
        pytest.param(
            "<body><h1>Site name</h1><div>Menu</div><article><h2>Story</h2><p>A.</p></article>"
            "<p>Comments</p><article><p>B.</p></article></body>",
            "Site name\n\nStory\n\nA.\n\nB.",
            id="several-articles-headline-outside",
        ),
        pytest.param(
            "<body><div>Sidebar</div><main><h1>Press briefing</h1><p>Q: Any comment?</p>"
            "<p>A: No.</p></main></body>",
            "Press briefing\n\nQ: Any comment?\n\nA: No.",
            id="main-without-article",
        ),
        pytest.param(
            "<html><head><title>Statement</title></head><body><h2>Statement</h2>"
            "<div>First  paragraph<div>Nested block</div>tail</div></body></html>",
            "Statement\n\nFirst paragraph\n\nNested block\n\ntail",
            id="body-fallback-title-skipped",
        ),
        pytest.param(
            "<p>Fragment &amp; entities &#8212; &lt;b&gt; <em>inline</em>, <span>split</span>"
            "<span>word</span></p>Text after",
            "Fragment & entities \u2014 <b> inline, splitword\n\nText after",
            id="fragment-entities-inline",
        ),
        pytest.param(
            "<html><head><title>x</title><body><p>Head never closed.</p></body></html>",
            "Head never closed.",
            id="unclosed-head",
        ),
        pytest.param(
            "<body><ul><li>One<li>Two</ul><table><tr><th>Name</th><th>Country</th></tr>"
            "<tr><td>Wang</td><td>China</td></tr></table></body>",
            "One\n\nTwo\n\nName Country\n\nWang China",
            id="lists-and-tables",
        ),
        pytest.param(
            "<body><svg><text>chart</text></svg><template><p>t</p></template><p>Kept</p>"
            "<button>Share</button></body>",
            "Kept",
            id="svg-template-button",
        ),
        pytest.param(
            "<body><article><h1>Same</h1><p>Body.</p></article></body>",
            "Same\n\nBody.",
            id="headline-not-repeated",
        ),
    ],
)
def test_html_main_text(html: str, expected: str) -> None:
    text, _ = html_to_text(html)
    assert text == expected


def test_html_file_has_publisher(tmp_path: Path) -> None:
    path = write(tmp_path / "voa.html", ARTICLE_PAGE)
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.meta == {"publisher": "Voice of America"}
    assert doc.text.startswith("Rights Groups Urge UN Action on Xinjiang\n\n")
    assert "Subscribe" not in doc.text and "VOA" not in doc.text and "track" not in doc.text


def test_htm_without_publisher(tmp_path: Path) -> None:
    path = write(tmp_path / "a.htm", "<p>Wang said no.</p>")
    (doc,) = read(path)
    assert doc == Document(id=str(path), text="Wang said no.", source=str(path))


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_bad_lines_in_the_middle(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.jsonl",
        '{"text": "one"}\n'
        '{"text": "two", \n'
        "\n"
        "[1, 2]\n"
        '"just a string"\n'
        '{"text": "six"}\n'
        '{"body": "seven"}\n'
        '{"text": ""}\n'
        '{"text": 9}\n'
        '{"text": "ten"}\n',
    )
    p = str(path)
    assert summary(read(path)) == [
        (f"{p}#1", "one"),
        (
            f"{p}#2",
            "ERROR: line 2 is not valid JSON (Expecting property name enclosed in double quotes)",
        ),
        (f"{p}#4", "ERROR: line 4 is a list, not a JSON object"),
        (f"{p}#5", "ERROR: line 5 is a string, not a JSON object"),
        (f"{p}#6", "six"),
        (f"{p}#7", "ERROR: no text column 'text' in record 7 (fields: body); use --text-col"),
        (f"{p}#8", "ERROR: text column 'text' is empty"),
        (f"{p}#9", "ERROR: text column 'text' holds a number"),
        (f"{p}#10", "ten"),
    ]


def test_jsonl_first_record_without_text_column_reports_once(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.jsonl",
        "".join(json.dumps({"body": f"b{i}", "title": "t"}) + "\n" for i in range(1000)),
    )
    (err,) = read(path)
    assert isinstance(err, InputError) and err.source == str(path)
    assert err.reason == "no text column 'text' in record 1 (fields: body, title); use --text-col"
    docs = read(path, text_col="body")
    assert len(docs) == 1000 and docs[0].text == "b0"


def test_jsonl_meta_ids_bom_crlf_and_paragraphs(tmp_path: Path) -> None:
    records = [
        {"id": "mfa-2019-04-01", "paragraphs": ["Q: Comment?", "A: No."], "spokesperson": "Geng"},
        {"id": 17, "paragraphs": ["One."], "year": 2019, "publisher": "MFA", "empty": " "},
        {"paragraphs": ["No id."], "url": "https://x"},
    ]
    content = "\ufeff" + "\r\n".join(json.dumps(r) for r in records) + "\r\n"
    path = write(tmp_path / "mfa.jsonl", content)
    docs = read(path, text_col="paragraphs")
    assert docs == [
        Document("mfa-2019-04-01", "Q: Comment?\n\nA: No.", f"{path}#1", {"spokesperson": "Geng"}),
        Document("17", "One.", f"{path}#2", {"publisher": "MFA"}),
        Document(f"{path}#3", "No id.", f"{path}#3", {"url": "https://x"}),
    ]


def test_jsonl_unicode_line_separators_inside_strings(tmp_path: Path) -> None:
    text = "A\u2028B\u0085C\rD"
    path = write(tmp_path / "a.jsonl", json.dumps({"text": text}, ensure_ascii=False) + "\n")
    (doc,) = read(path)
    assert doc.text == text


def test_jsonl_undecodable_line_is_one_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.jsonl",
        b'\xef\xbb\xbf{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "after"}\n',
    )
    p = str(path)
    (first, (source, error), last) = summary(read(path))
    assert (first, last) == ((f"{p}#1", "ok"), (f"{p}#3", "after"))
    assert source == f"{p}#2"
    assert error.startswith("ERROR: line 2 is not UTF-8 text: byte 0xE9 cannot be decoded; ")
    assert error.endswith("--encoding-errors replace reads it with a few bad bytes replaced")


def test_csv_undecodable_row_stops_file_after_rows_read(tmp_path: Path) -> None:
    # Text streams decode in 8 KB chunks: the rows before the chunk with the bad byte come out.
    rows = "".join(f"row {i}\n" for i in range(5_000))
    path = write(tmp_path / "a.csv", b"text\n" + rows.encode() + b"caf\xe9\n")
    items = read(path)
    assert all(isinstance(i, Document) for i in items[:-1]) and len(items) > 1000
    assert [d.text for d in items[:2]] == ["row 0", "row 1"]
    err = items[-1]
    assert isinstance(err, InputError) and err.source == str(path)
    assert err.reason.startswith("not UTF-8 text: byte 0xE9 cannot be decoded; ")


# --------------------------------------------------------------------------- CSV


def test_csv_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.csv",
        '\ufeffid,text,publisher\r\n1,Wang said no.,VOA\r\n2,,AP\r\n3,"Line one\r\nline two,'
        ' with ""quotes""",\r\n4\r\n',
    )
    p = str(path)
    docs = read(path)
    assert summary(docs) == [
        (f"{p}#1", "Wang said no."),
        (f"{p}#2", "ERROR: text column 'text' is empty"),
        (f"{p}#3", 'Line one\r\nline two, with "quotes"'),
        (f"{p}#4", "ERROR: text column 'text' is empty"),
    ]
    assert [d.id for d in docs if isinstance(d, Document)] == ["1", "3"]
    assert docs[0].meta == {"publisher": "VOA"}


def test_csv_large_field(tmp_path: Path) -> None:
    # Above csv's default field limit of 131,072 characters.
    text = "Wang said no. " * 20_000
    path = write(tmp_path / "a.csv", f'text\n"{text}"\n')
    (doc,) = read(path)
    assert isinstance(doc, Document) and doc.text == text


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            {"text": "Only one.", "publisher": "HRW"}, [("{p}", "{p}", "Only one.")], id="object"
        ),
        pytest.param(
            {"id": "hrw-1", "text": "Only one."}, [("hrw-1", "{p}", "Only one.")], id="object-id"
        ),
        pytest.param(
            [{"text": "A"}, {"text": "B", "id": "b"}],
            [("{p}#1", "{p}#1", "A"), ("b", "{p}#2", "B")],
            id="list",
        ),
        pytest.param(
            {"articles": [{"text": "A"}], "count": 1},
            [("{p}#1", "{p}#1", "A")],
            id="articles",
        ),
        pytest.param({"documents": [{"text": "A"}]}, [("{p}#1", "{p}#1", "A")], id="documents"),
        pytest.param({"records": [{"text": "A"}]}, [("{p}#1", "{p}#1", "A")], id="records"),
        pytest.param(
            [{"text": "A"}, "B", None, {"text": "D"}],
            [
                ("{p}#1", "{p}#1", "A"),
                ("ERROR", "{p}#2", "record 2 is a string, not an object"),
                ("ERROR", "{p}#3", "record 3 is null, not an object"),
                ("{p}#4", "{p}#4", "D"),
            ],
            id="list-with-non-objects",
        ),
    ],
)
def test_json_shapes(tmp_path: Path, data: object, expected: list[tuple[str, str, str]]) -> None:
    path = write(tmp_path / "a.json", json.dumps(data))
    p = str(path)
    got = [
        ("ERROR", i.source, i.reason) if isinstance(i, InputError) else (i.id, i.source, i.text)
        for i in read(path)
    ]
    assert got == [tuple(s.replace("{p}", p) for s in row) for row in expected]


def test_json_object_meta(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", json.dumps({"text": "x", "publisher": "HRW", "n": 3}))
    (doc,) = read(path)
    assert doc.meta == {"publisher": "HRW"}


# --------------------------------------------------------------------------- --id-col


ID_RECORDS = [
    {"doc": "d1", "text": "A"},
    {"doc": 2, "text": "B"},
    {"doc": "", "text": "C"},
    {"text": "D"},
    {"doc": None, "text": "E"},
]


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_id_col_per_record(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    if suffix == ".jsonl":
        write(path, "".join(json.dumps(r) + "\n" for r in ID_RECORDS))
    else:
        write(path, json.dumps(ID_RECORDS))
    p = str(path)
    got = [
        (i.source, f"ERROR: {i.reason}" if isinstance(i, InputError) else i.id)
        for i in read(path, id_col="doc")
    ]
    assert got == [
        (f"{p}#1", "d1"),
        (f"{p}#2", "2"),
        (f"{p}#3", "ERROR: id column 'doc' is empty"),
        (f"{p}#4", "ERROR: no id column 'doc' in record 4 (fields: text); use --id-col"),
        (f"{p}#5", "ERROR: id column 'doc' is empty"),
    ]


def test_id_col_missing_from_first_record_or_header(tmp_path: Path) -> None:
    jsonl = write(tmp_path / "a.jsonl", '{"id": "x", "text": "A"}\n{"doc": "y", "text": "B"}\n')
    csv_file = write(tmp_path / "a.csv", "id,text\n1,A\n")
    assert summary(read(jsonl, csv_file, id_col="doc")) == [
        (str(jsonl), "ERROR: no id column 'doc' in record 1 (fields: id, text); use --id-col"),
        (str(csv_file), "ERROR: no id column 'doc' (columns: id, text); use --id-col"),
    ]


def test_id_col_csv(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,doc,text\n1,d1,A\n2,,B\n")
    items = read(path, id_col="doc")
    assert [(i.source, getattr(i, "id", None)) for i in items] == [
        (f"{path}#1", "d1"),
        (f"{path}#2", None),
    ]
    # The "id" column was not used as the id, so it is kept in meta.
    assert items[0].meta == {"id": "1"}


def test_without_id_col_id_field_else_position(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,text\nx7,A\n,B\n")
    assert [d.id for d in read(path)] == ["x7", f"{path}#2"]


def test_text_col(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "title,body\nBan,Wang said no.\n")
    (doc,) = read(path, text_col="body")
    assert (doc.text, doc.meta) == ("Wang said no.", {"title": "Ban"})


# --------------------------------------------------------------------------- properties

# Text that a plain file keeps exactly: no NUL (the binary test), no leading byte-order mark
# (dropped by design), no lone surrogates (not encodable), not blank (an empty-file error).
plain_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
).filter(lambda t: t.strip() != "" and not t.startswith("\ufeff"))


@settings(max_examples=60, deadline=None)
@given(text=plain_texts)
def test_txt_round_trip(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("txt") / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    (doc,) = read(path)
    assert isinstance(doc, Document) and doc.text == text


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(plain_texts, min_size=1, max_size=20))
def test_jsonl_round_trip_in_order(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "docs.jsonl"
    lines = [
        json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read(path)
    assert [(d.id, d.text) for d in docs] == [(f"r{i}", t) for i, t in enumerate(texts)]


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(plain_texts, min_size=1, max_size=10))
def test_csv_round_trip_in_order(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    import csv

    path = tmp_path_factory.mktemp("csv") / "docs.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["text"])
        writer.writerows([t] for t in texts)
    assert [d.text for d in read(path)] == texts


@pytest.mark.parametrize("name", ["README.md", "readme.txt", "LICENSE.txt", "CHANGELOG.md"])
def test_directory_walk_skips_a_folders_own_docs(tmp_path: Path, name: str) -> None:
    # seeds/ holds its README.md next to the articles: the README is not an article...
    write(tmp_path / "article.txt", "x")
    write(tmp_path / name, "x")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "article.txt")]
    # ...but given by name it is read like any file.
    assert expand_paths([str(tmp_path / name)]) == [str(tmp_path / name)]


# --------------------------------------------------------------------------- encodings

_LATIN1 = "Le ministère a qualifié la détention de légale a déclaré Amnesty.".encode("latin-1")


@pytest.mark.parametrize(
    ("suffix", "content"),
    [
        pytest.param(".txt", _LATIN1, id="txt"),
        pytest.param(".jsonl", b'{"text": "' + _LATIN1 + b'"}\n', id="jsonl"),
        pytest.param(".csv", b"text\n" + _LATIN1 + b"\n", id="csv"),
        pytest.param(".html", b"<p>" + _LATIN1 + b"</p>", id="html"),
    ],
)
def test_encoding_reads_latin1_and_strict_refusal_names_the_options(
    tmp_path: Path, suffix: str, content: bytes
) -> None:
    path = write(tmp_path / f"a{suffix}", content)
    (err,) = read(path)
    assert isinstance(err, InputError) and "not UTF-8 text: byte 0xE8" in err.reason
    assert "--encoding " in err.reason and "--encoding-errors replace" in err.reason
    (doc,) = read(path, encoding="latin-1")
    assert isinstance(doc, Document) and "ministère" in doc.text and "déclaré" in doc.text
    (doc,) = read(path, errors="replace")
    assert isinstance(doc, Document) and "minist\ufffdre" in doc.text


def test_encoding_guess_names_a_likely_code_page(tmp_path: Path) -> None:
    text = "Правозащитники потребовали расследования, заявило министерство. " * 5
    path = write(tmp_path / "a.txt", text.encode("cp1251"))
    (err,) = read(path)
    assert isinstance(err, InputError) and "it looks like cp1251 (--encoding cp1251)" in err.reason
    (doc,) = read(path, encoding="cp1251")
    assert isinstance(doc, Document) and doc.text == text


def test_utf16_with_its_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Wang said no.".encode("utf-16"))
    (doc,) = read(path, encoding="utf-16")
    assert isinstance(doc, Document) and doc.text == "Wang said no."


@pytest.mark.parametrize(
    ("encoding", "errors", "message"),
    [
        ("klingon", "strict", "--encoding: unknown encoding 'klingon'"),
        ("utf-8", "ignore", "--encoding-errors must be one of strict, replace"),
    ],
)
def test_bad_encoding_options_are_refused(encoding: str, errors: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read("-", stdin=io.StringIO("x"), encoding=encoding, errors=errors)
