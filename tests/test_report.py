"""The HTML report: reading results, the page's content and structure, and a real browser."""

from __future__ import annotations

import csv
import json
import shutil
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from stance.labelling import VOICE_FIELDS
from stance.report import (
    COLUMNS,
    STANCE_COLOURS,
    read_results,
    render_report,
    unsure_attribution,
    write_report,
)


def _statement(doc: str, index: int, start: int, text: str, stance: str = "neutral", **kw: Any):
    record = {
        "doc": doc,
        "source": f"news/{doc}.txt",
        "status": "ok",
        "index": index,
        "start": start,
        "end": start + len(text),
        "text": text,
        "stance": stance,
        "confidence": 0.9,
        "actor": "none",
        "actor_type": "none",
        "country": "",
        "cue": "",
        "actor_start": None,
        "actor_end": None,
        "rule": "",
        "attribution_score": None,
        # the document's voice, as stance label writes it for a news report (no voice used)
        "voice": "",
        "voice_source": "none",
        "voice_start": None,
        "voice_end": None,
        "voice_confidence": 0.3,
        "genre": "news_report",
    }
    record.update(kw)
    return record


def _not_labelled(doc: str, status: str = "not_english") -> dict[str, Any]:
    record: dict[str, Any] = dict.fromkeys(COLUMNS)
    record.update(doc=doc, source=f"news/{doc}.txt", status=status)
    return record


def _corpus() -> list[dict[str, Any]]:
    """Two labelled articles and one that is not English, as `stance label` writes them."""
    bbc = "bbc-2022-0901"
    rfa = "rfa-2022-0917"
    return [
        _statement(bbc, 0, 0, "China rejects UN report on Xinjiang"),
        _statement(
            bbc,
            1,
            37,
            "Wang Wenbin, a spokesperson for China's Foreign Ministry, said the report was"
            ' "a patchwork of disinformation".',
            "deny",
            confidence=0.93,
            actor="Wang Wenbin",
            actor_type="government",
            country="CHN",
            cue="said",
            actor_start=37,
            actor_end=48,
        ),
        _statement(
            bbc,
            2,
            145,
            "Human Rights Watch urged the UN Human Rights Council to open an independent"
            " investigation.",
            "urge_accountability",
            confidence=0.88,
            actor="Human Rights Watch",
            actor_type="ngo",
            cue="urged",
            actor_start=145,
            actor_end=163,
        ),
        _statement(
            bbc,
            3,
            236,
            "The report was published minutes before Michelle Bachelet's term ended.",
            confidence=0.97,
        ),
        _statement(
            bbc,
            4,
            308,
            "Senator Marco Rubio condemned what he called a genocide against the Uyghurs.",
            "condemn",
            confidence=0.81,
            actor="Marco Rubio",
            actor_type="legislature",
            country="USA",
            cue="condemned",
            actor_start=316,
            actor_end=327,
        ),
        _statement(
            rfa,
            0,
            0,
            "The Chinese embassy accused Washington of using human rights as a pretext to"
            " interfere in China's internal affairs.",
            "allege_interference",
            confidence=0.77,
            actor="Chinese embassy",
            actor_type="government",
            country="CHN",
            cue="accused",
            actor_start=0,
            actor_end=19,
        ),
        _statement(
            rfa,
            1,
            116,
            "Wang Wenbin told reporters that the camps were vocational training centres.",
            "deny",
            confidence=0.66,
            actor="Wang Wenbin",
            actor_type="government",
            country="CHN",
            cue="told reporters",
            actor_start=116,
            actor_end=127,
        ),
        _statement(
            rfa,
            2,
            193,
            "Amnesty International called for the release of all arbitrarily detained Uyghurs.",
            "urge_accountability",
            confidence=0.91,
            actor="Amnesty International",
            actor_type="ngo",
            cue="called for",
            actor_start=193,
            actor_end=214,
        ),
        _statement(rfa, 3, 277, "Protesters gathered outside the consulate on Sunday."),
        _not_labelled("dw-zh-0042"),
    ]


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _write_csv(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return path


WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv}


# --------------------------------------------------------------------------------------------
# a minimal DOM from the stdlib parser


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k) == v for k, v in attrs.items())
        ]

    def find(self, *args: Any, **kw: Any) -> Node:
        found = self.find_all(*args, **kw)
        assert found, f"no element {args} {kw}"
        return found[0]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(page: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


def actor_table(dom: Node) -> list[tuple[str, str, str, dict[str, int], int]]:
    rows = []
    for tr in dom.find("table", id="actors").find("tbody").find_all("tr"):
        counts = {
            td.attrs["data-stance"]: int(td.text())
            for td in tr.find_all("td", cls="n")
            if "data-stance" in td.attrs
        }
        rows.append(
            (
                tr.find("td", cls="actor").text(),
                tr.find("td", cls="type").text(),
                tr.find("td", cls="country").text(),
                counts,
                int(tr.find("td", cls="total").text()),
            )
        )
    return rows


def count(dom: Node, key: str) -> int:
    return int(dom.find("div", id=f"count-{key}").find("span", cls="num").text().replace(",", ""))


def charts(dom: Node) -> list[Node]:
    return dom.find_all("svg", cls="chart")


def page_data(dom: Node) -> dict[str, Any]:
    """The statements the page's script reads, from its JSON block."""
    return json.loads(dom.find("script", id="report-data").text())


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def page() -> str:
    return render_report(_corpus(), title="Xinjiang coverage")


# --------------------------------------------------------------------------------------------
# reading results


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_read_results_gives_the_records_back(tmp_path: Path, fmt: str) -> None:
    path = WRITERS[fmt](tmp_path / f"results.{fmt}", _corpus())
    assert list(read_results(path)) == _corpus()


def test_csv_and_jsonl_give_the_same_page(tmp_path: Path) -> None:
    pages = [
        render_report(read_results(WRITERS[fmt](tmp_path / f"r.{fmt}", _corpus())))
        for fmt in ("jsonl", "csv")
    ]
    assert pages[0] == pages[1]


def test_optional_fields_get_defaults(tmp_path: Path) -> None:
    record = _corpus()[1]
    for name in ("start", "end", "cue", "actor_start", "actor_end"):
        del record[name]
    (got,) = read_results(_write_jsonl(tmp_path / "r.jsonl", [record]))
    assert (got["cue"], got["start"], got["actor_end"]) == ("", None, None)


def test_unknown_suffix_fails_at_the_call(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"results\.txt.*unknown results format '\.txt'"):
        read_results(tmp_path / "results.txt")


HEADER = ",".join(COLUMNS)
GOOD_CSV = "d1,d1.txt,ok,0,0,9,It rained.,neutral,0.9,none,none,,,,,,,,none,,,0.3,news_report"

MALFORMED = pytest.mark.parametrize(
    ("name", "content", "line", "problem"),
    [
        (
            "r.jsonl",
            '{"doc": "d1", "source": "s", "status": "not_english"}\n{"doc": "d2",\n',
            2,
            "not valid JSON",
        ),
        ("r.jsonl", "\n\n[1, 2]\n", 3, "expected a JSON object"),
        ("r.jsonl", '{"source": "s", "status": "not_english"}\n', 1, "field 'doc'"),
        (
            "r.jsonl",
            json.dumps({**_statement("d", 0, 0, "x"), "stance": "doubt"}) + "\n",
            1,
            "stance 'doubt'",
        ),
        (
            "r.jsonl",
            json.dumps({**_statement("d", 0, 0, "x"), "index": "0"}) + "\n",
            1,
            "index '0' is not an integer",
        ),
        (
            "r.jsonl",
            json.dumps({k: v for k, v in _statement("d", 0, 0, "x").items() if k != "actor_type"})
            + "\n",
            1,
            "missing field 'actor_type'",
        ),
        ("r.csv", "doc,source,status,index,text\n", 1, "missing required column"),
        (
            "r.csv",
            f"{HEADER}\n{GOOD_CSV}\n{GOOD_CSV.replace(',0.9,', ',high,')}\n",
            3,
            "confidence 'high' is not a number",
        ),
        (
            "r.csv",
            f"{HEADER}\n{GOOD_CSV}\n{GOOD_CSV.replace('ok,0,0,9', 'ok,one,0,9')}\n",
            3,
            "index 'one' is not an integer",
        ),
        ("r.csv", f"{HEADER}\n{GOOD_CSV},extra\n", 2, "24 cells, the header has 23"),
        (
            "r.csv",
            f"{HEADER}\n{GOOD_CSV}\n{GOOD_CSV.replace('neutral,0.9', 'neutral,')}\n",
            3,
            "missing field 'confidence'",
        ),
        # A quoted cell spanning lines: the error names the line where the record ends.
        (
            "r.csv",
            f'{HEADER}\nd1,d1.txt,ok,0,0,9,"It\nrained.",deny,0.9,x,spy,,,,,,,,none,,,,\n',
            3,
            "actor_type 'spy'",
        ),
    ],
    ids=[
        "json-syntax",
        "json-array",
        "no-doc",
        "bad-stance",
        "str-index",
        "no-actor-type",
        "csv-columns",
        "csv-float",
        "csv-int",
        "csv-cells",
        "csv-empty-required",
        "csv-multiline",
    ],
)


@MALFORMED
def test_malformed_input_names_file_and_line(
    tmp_path: Path, name: str, content: str, line: int, problem: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        list(read_results(path))
    message = str(info.value)
    assert message.startswith(f"{path} line {line}: "), message
    assert problem in message


@MALFORMED
def test_malformed_lines_are_skipped_on_request(
    tmp_path: Path, name: str, content: str, line: int, problem: str
) -> None:
    # The same files with a good record after the bad one: it is read, the bad one reported.
    good = (
        json.dumps(_statement("last", 0, 0, "It rained."))
        if name.endswith(".jsonl")
        else GOOD_CSV.replace("d1,d1.txt", "last,last.txt")
    )
    path = tmp_path / name
    path.write_text(content + good + "\n", encoding="utf-8")
    skipped: list[str] = []
    if problem == "missing required column":  # a bad header spoils the whole file
        with pytest.raises(ValueError, match="missing required column"):
            list(read_results(path, on_error=skipped.append))
        return
    records = list(read_results(path, on_error=skipped.append))
    assert len(skipped) == 1 and skipped[0].startswith(f"{path} line {line}: "), skipped
    assert problem in skipped[0]
    assert records[-1]["doc"] == "last" and records[-1]["text"] == "It rained."


def test_a_line_of_bad_bytes_is_one_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    good = json.dumps(_statement("d1", 0, 0, "It rained.")).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n\xff\xfe oops\n" + good + b"\n")
    skipped: list[str] = []
    assert len(list(read_results(path, on_error=skipped.append))) == 2
    assert skipped == [f"{path} line 2: not UTF-8 text (byte 1 of the line)"]


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("missing.jsonl", None, FileNotFoundError, "missing.jsonl: no such results file"),
        ("folder.csv", "dir", ValueError, "folder.csv: is a directory"),
        (
            "bad.jsonl",
            "{oops\n[1]\n",
            ValueError,
            "bad.jsonl: no valid record; all 2 lines are malformed (the first: line 1: not valid",
        ),
        ("latin1.csv", b"doc,source\n\xe9t\xe9,x\n", ValueError, "latin1.csv: not UTF-8 text"),
    ],
    ids=["missing", "directory", "all-malformed", "not-utf8"],
)
def test_write_report_refuses_what_it_cannot_read(
    tmp_path: Path, name: str, content: str | bytes | None, error: type, message: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error) as info:
        write_report(path, tmp_path / "report.html", on_error=lambda _: None)
    assert str(info.value).startswith(f"{tmp_path}/{message}"), str(info.value)
    assert not (tmp_path / "report.html").exists()


def test_write_report_skips_malformed_lines_and_says_so(tmp_path: Path) -> None:
    lines = [json.dumps(r) for r in _corpus()]
    lines[3:3] = ['{"doc": "broken', json.dumps({**_corpus()[0], "stance": "doubt"})]
    results = tmp_path / "results.jsonl"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(UserWarning) as caught:
        write_report(results, tmp_path / "report.html")
    messages = [
        f"{results} line 4: not valid JSON (Invalid control character at)",
        f"{results} line 5: stance 'doubt' is not one of urge_accountability, condemn, deny, "
        "allege_interference, neutral",
    ]
    assert [str(w.message) for w in caught] == [f"skipped {m}" for m in messages]
    dom = parse((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert count(dom, "skipped") == 2 and count(dom, "statements") == 9
    assert [li.text() for li in dom.find("details", id="skipped").find_all("li")] == messages


# --------------------------------------------------------------------------------------------
# the page


def test_header_counts_and_documents_not_labelled(page: str) -> None:
    dom = parse(page)
    assert [count(dom, k) for k in ("articles", "statements", "positions", "not-labelled")] == [
        2,
        9,
        6,
        1,
    ]
    (item,) = dom.find("ul", id="not-labelled").find_all("li")
    assert item.find("code", cls="doc-id").text() == "dw-zh-0042"
    assert item.find("span", cls="reason").text() == "not English"


def test_every_article_appears_with_its_statements_in_order(page: str) -> None:
    dom = parse(page)
    articles = dom.find_all("article", cls="doc")
    assert [a.find("h3").text() for a in articles] == ["bbc-2022-0901", "rfa-2022-0917"]
    assert articles[0].find("div", cls="src").text() == "news/bbc-2022-0901.txt"
    for article, n in zip(articles, (5, 4), strict=True):
        statements = article.find_all("span", cls="st")
        assert [s.attrs["data-index"] for s in statements] == [str(i) for i in range(n)]
    # The headline is a paragraph of its own (a gap wider than one space in the offsets), its
    # confidence after it like every statement's.
    headline = articles[0].find("p")
    assert [s.text() for s in headline.find_all("span", cls="st")] == [
        "China rejects UN report on Xinjiang"
    ]
    assert headline.find("span", cls="cf").text() == "0.90"


def test_actor_by_stance_table(page: str) -> None:
    zero = dict.fromkeys(["urge_accountability", "condemn", "deny", "allege_interference"], 0)
    assert actor_table(parse(page)) == [
        ("Wang Wenbin", "government", "CHN", {**zero, "deny": 2}, 2),
        ("Amnesty International", "ngo", "", {**zero, "urge_accountability": 1}, 1),
        ("Chinese embassy", "government", "CHN", {**zero, "allege_interference": 1}, 1),
        ("Human Rights Watch", "ngo", "", {**zero, "urge_accountability": 1}, 1),
        ("Marco Rubio", "legislature", "USA", {**zero, "condemn": 1}, 1),
    ]


@pytest.mark.parametrize("n_actors", [50, 53])
def test_actor_table_keeps_the_top_50(n_actors: int) -> None:
    records = [
        _statement(
            f"d{i}", 0, 0, "They condemned it.", "condemn", actor=f"Group {i:02d}", actor_type="ngo"
        )
        for i in range(n_actors)
    ]
    # Group 07 speaks twice, so it heads the table.
    records.append(_statement("d7", 1, 20, "Again.", "condemn", actor="Group 07", actor_type="ngo"))
    dom = parse(render_report(records))
    rows = actor_table(dom)
    assert len(rows) == 50 and rows[0][0] == "Group 07" and rows[0][4] == 2
    notes = dom.find_all("p", id="actors-more")
    if n_actors > 50:
        assert "3 more actors" in notes[0].text()
    else:
        assert not notes


def test_badges_and_tooltips(page: str) -> None:
    dom = parse(page)
    badges = [b.text() for b in dom.find_all("span", cls="badge")]
    assert badges[:3] == [
        "Wang Wenbin (government, CHN) · deny · 0.93",
        "Human Rights Watch (ngo) · urge accountability · 0.88",
        "Marco Rubio (legislature, USA) · condemn · 0.81",
    ]
    assert len(badges) == 6  # one per statement with a position, none for neutral ones
    deny = dom.find("span", cls="st-deny")
    assert "cue: said" in deny.attrs["title"]
    assert "actor: Wang Wenbin (government, CHN)" in deny.attrs["title"]


def test_one_colour_per_stance_in_text_and_charts(page: str) -> None:
    dom = parse(page)
    style = dom.find("style").text()
    for stance, colour in STANCE_COLOURS.items():
        assert f".sw-{stance}{{background:{colour}}}" in style
    by_type, top_actors = charts(dom)
    segments = {
        r.find("title").text(): r.attrs["fill"] for r in top_actors.find_all("rect", cls="seg")
    }
    assert segments == {
        "Wang Wenbin (CHN): deny 2": STANCE_COLOURS["deny"],
        "Amnesty International: urge accountability 1": STANCE_COLOURS["urge_accountability"],
        "Chinese embassy (CHN): allege interference 1": STANCE_COLOURS["allege_interference"],
        "Human Rights Watch: urge accountability 1": STANCE_COLOURS["urge_accountability"],
        "Marco Rubio (USA): condemn 1": STANCE_COLOURS["condemn"],
    }
    assert [t.text() for t in by_type.find_all("text", cls="total")] == ["2", "3", "1"]


def test_page_is_self_contained(page: str) -> None:
    dom = parse(page)
    assert len(charts(dom)) == 2 and not dom.find_all("img")
    # Two scripts, both inline: the statements as JSON and the page's own code.
    scripts = [(n.attrs.get("id"), n.attrs.get("type")) for n in dom.find_all("script")]
    assert scripts == [("report-data", "application/json"), ("report-app", None)]
    code = dom.find("script", id="report-app").text()
    for fetching in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "src=", ".src"):
        assert fetching not in code
    for node in dom.iter():
        assert node.tag not in ("link", "iframe", "object", "embed", "img")
        for name, value in node.attrs.items():
            if name in ("src", "href", "srcset", "action", "poster", "data", "background"):
                assert value and value.startswith(("data:", "#")), (node.tag, name, value[:40])
            assert not name.startswith("on"), name
    assert "http://" not in page and "https://" not in page
    assert "url(" not in page and "@import" not in page


PAYLOAD = '<script>alert("x")</script> & more'


@pytest.mark.parametrize(
    ("changes", "unsure"),
    [
        ({}, ""),
        ({"cue": ""}, "no cue links the actor to the statement"),
        ({"rule": "quote", "cue": ""}, ""),
        ({"rule": "context"}, "rule 'context' guesses the actor"),
        ({"rule": "nearest"}, "rule 'nearest' guesses the actor"),
        ({"confidence": 0.49}, "stance confidence 0.49 below 0.5"),
        ({"confidence": 0.5}, ""),
        ({"actor": "none", "cue": ""}, "no cue links the actor to the statement; no actor found"),
        ({"stance": "neutral", "cue": "", "confidence": 0.1}, ""),
        # The attribution ranker weighed every candidate and agreed with the guess.
        ({"rule": "context", "attribution_score": 0.8}, ""),
        ({"rule": "context", "attribution_score": 0.4}, "rule 'context' guesses the actor"),
        ({"rule": "ranker", "attribution_score": 0.9}, ""),
        ({"rule": "ranker", "attribution_score": 0.3}, "the ranker's choice has probability 0.30"),
    ],
    ids=[
        "cue",
        "no-cue",
        "sure-rule",
        "context",
        "nearest",
        "low",
        "not-low",
        "none",
        "neutral",
        "ranker-agrees",
        "ranker-unsure-guess",
        "ranker-sure",
        "ranker-unsure",
    ],
)
def test_unsure_attributions_are_marked(changes: dict[str, Any], unsure: str) -> None:
    record = {**_corpus()[1], **changes}  # Wang Wenbin denies, cue "said", 0.93
    assert unsure_attribution(record) == unsure
    dom = parse(render_report([record]))
    marks = dom.find_all("span", cls="unsure")
    assert [m.attrs["title"] for m in marks] == ([unsure] if unsure else [])
    (row,) = page_data(dom)["rows"]
    assert row[page_data(dom)["fields"]["unsure"]] == unsure


def test_confidence_on_every_statement_low_ones_marked() -> None:
    records = [{**r, "confidence": 0.3} if r.get("index") == 3 else r for r in _corpus()]
    dom = parse(render_report(records))
    shown = [n.text() for n in dom.iter() if n.tag == "span" and {"cf", "conf"} & set(n.classes)]
    assert shown == ["0.90", "0.93", "0.88", "0.30", "0.81", "0.77", "0.66", "0.91", "0.30"]
    assert [n.text() for n in dom.find_all("span", cls="low")] == ["0.30", "0.30"]


@pytest.mark.parametrize(
    "text",
    ["</script><script>alert(1)</script>", "<!-- <script>", "</SCRIPT >", "a\u2028b & c > d"],
)
def test_the_json_block_cannot_be_closed_by_a_record(text: str) -> None:
    records = _corpus()
    records[1]["text"] = records[1]["actor"] = text
    page = render_report(records)
    block = page[page.index('<script type="application/json"') :]
    block = block[: block.index("</script>")]
    assert "<" not in block[1:] and ">" not in block[block.index(">") + 1 :]
    dom = parse(page)
    assert [n.attrs.get("id") for n in dom.find_all("script")] == ["report-data", "report-app"]
    rows = page_data(dom)["rows"]
    assert rows[1][4] == text and rows[1][7] == text


@pytest.mark.parametrize(
    ("doc", "source", "heading", "src"),
    [
        ("news/bbc-1.txt", "news/bbc-1.txt", "news/bbc-1.txt", None),  # a file: id is its path
        ("news/bbc-1.txt", "news\\bbc-1.txt", "news/bbc-1.txt", None),  # the same, on Windows
        ("bbc-1", "feed.jsonl#3", "bbc-1", "feed.jsonl#3"),  # a record of a file: both tell
        ("bbc-1", "", "bbc-1", None),
    ],
)
def test_each_article_is_named_once(doc: str, source: str, heading: str, src: str | None) -> None:
    page = render_report([_statement(doc, 0, 0, "It rained.", source=source)])
    (article,) = parse(page).find_all("article")
    assert article.find("h3").text() == heading
    assert [d.text() for d in article.find_all("div", cls="src")] == ([src] if src else [])
    assert article.text().count(heading) == 1


@pytest.mark.parametrize("field", ["text", "actor", "cue", "doc", "source", "title"])
def test_everything_is_escaped(field: str) -> None:
    records = _corpus()
    kwargs = {}
    if field == "title":
        kwargs["title"] = PAYLOAD
    elif field in ("doc", "source"):
        for record in records:
            if record["doc"] == "bbc-2022-0901":
                record[field] = PAYLOAD
    else:
        records[1][field] = PAYLOAD
    page = render_report(records, **kwargs)
    dom = parse(page)
    # Only the page's own two scripts; the payload is text in the page and data in the JSON.
    assert [n.attrs.get("id") for n in dom.find_all("script")] == ["report-data", "report-app"]
    assert "<script>" not in page
    texts = [dom.text()] + [v or "" for n in dom.iter() for v in n.attrs.values()]
    assert any(PAYLOAD in t for t in texts)
    if field != "title":
        assert PAYLOAD in json.dumps(page_data(dom), ensure_ascii=False).replace('\\"', '"')


@pytest.mark.parametrize(
    ("records", "message", "articles"),
    [
        ([], "Nothing to show", 0),
        ([_not_labelled("dw-1"), _not_labelled("x-2", "failed")], None, 0),
        (
            [_statement("d1", 0, 0, "It rained."), _statement("d1", 1, 11, "Then it stopped.")],
            "No statement takes a position",
            1,
        ),
    ],
    ids=["empty", "only-not-labelled", "only-neutral"],
)
def test_nothing_to_show(records: list, message: str | None, articles: int) -> None:
    page = render_report(records)
    dom = parse(page)
    assert dom.find("title").text() == "stance report"
    if message:
        assert message in dom.find("p", cls="nothing").text()
    assert not charts(dom) and not dom.find_all("table", id="actors")
    assert len(dom.find_all("article")) == articles
    if records and records[0]["status"] != "ok":
        reasons = [s.text() for s in dom.find_all("span", cls="reason")]
        assert reasons == ["not English", "failed"]


def test_unknown_stance_in_records_given_directly() -> None:
    record = _statement("d1", 0, 0, "They doubted it.", "doubt")
    with pytest.raises(ValueError, match="document 'd1' statement 0: stance 'doubt'"):
        render_report([record])


def test_max_articles_and_the_omitted_note() -> None:
    records = [
        _statement(
            f"doc-{i}",
            0,
            0,
            "Rights groups urged sanctions.",
            "urge_accountability",
            actor="Rights groups",
            actor_type="ngo",
        )
        for i in range(5)
    ]
    dom = parse(render_report(records, max_articles=2))
    assert [a.find("h3").text() for a in dom.find_all("article")] == ["doc-0", "doc-1"]
    assert "3 more articles not shown" in dom.find("p", id="articles-omitted").text()
    assert count(dom, "articles") == 5
    assert actor_table(dom)[0][4] == 5  # the table covers the articles not shown too


def test_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    assert len(charts(parse(render_report(_corpus())))) == 2


def test_write_report(tmp_path: Path) -> None:
    results = _write_csv(tmp_path / "results.csv", _corpus())
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    assert write_report(results, out) == out
    dom = parse(out.read_text(encoding="utf-8"))
    assert dom.find("h1").text() == "stance report: results.csv"
    write_report(results, out, title="Mine")
    assert parse(out.read_text(encoding="utf-8")).find("h1").text() == "Mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "results.csv"]


def test_write_report_leaves_the_old_page_when_reading_fails(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    results.write_text('{"doc": "d1", "source": "s", "status": "ok"}\n', encoding="utf-8")
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no valid record.*line 1"), pytest.warns(UserWarning):
        write_report(results, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "results.jsonl"]


# --------------------------------------------------------------------------------------------
# a real browser


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium on this machine; .ci/run installs Debian's chromium package")


def _run_chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ]
    result = subprocess.run(
        [chromium, *flags, *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    return write_report(
        _write_jsonl(tmp_path / "results.jsonl", _corpus()), tmp_path / "report.html"
    )


@pytest.mark.slow
def test_chromium_renders_the_table_and_charts(
    chromium: str, tmp_path: Path, report_file: Path
) -> None:
    result = _run_chromium(chromium, tmp_path, "--dump-dom", report_file.as_uri())
    dom = parse(result.stdout)
    assert len(actor_table(dom)) == 5
    assert len(dom.find_all("article", cls="doc")) == 2
    assert [c.attrs["width"] for c in charts(dom)] == ["560", "560"]
    # The script ran: the statements table is filled and the count says so.
    assert len(dom.find("table", id="statements").find("tbody").find_all("tr")) == 9
    assert dom.find("span", id="shown-count").text() == "9 of 9 statements"


@pytest.mark.slow
def test_chromium_screenshot_is_not_blank(chromium: str, tmp_path: Path, report_file: Path) -> None:
    from PIL import Image

    shot = tmp_path / "shot.png"
    _run_chromium(
        chromium,
        tmp_path,
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        report_file.as_uri(),
    )
    assert shot.stat().st_size > 10_000
    assert png_size(shot.read_bytes()) == (1280, 2000)
    image = Image.open(shot).convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 22)}
    assert len(colours) > 100  # text, tints and charts, not a blank or error page
    # Every stance colour is painted (tints, badges, chart bars): the style sheet was applied.
    for stance in ("urge_accountability", "condemn", "deny", "allege_interference"):
        rgb = tuple(int(STANCE_COLOURS[stance][i : i + 2], 16) for i in (1, 3, 5))
        assert any(max(abs(a - b) for a, b in zip(rgb, c, strict=True)) <= 3 for c in colours)


# --------------------------------------------------------------------------------------------
# a real browser, driven: Selenium and Debian's chromium-driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    try:
        from selenium import webdriver
    except ImportError:
        pytest.skip("selenium is not installed (pip install 'stance[test]')")
    binary = next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.skip("no chromium or chromedriver; .ci/run installs chromium and chromium-driver")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--disable-background-networking",
        "--disable-component-update",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver_path))
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("report")
    return write_report(_write_jsonl(tmp / "results.jsonl", _corpus()), tmp / "r.html").as_uri()


def _wait_for(driver: Any, what: str, expected: Any) -> None:
    """Wait until the page's JavaScript expression ``what`` gives ``expected``."""
    from selenium.webdriver.support.ui import WebDriverWait

    seen: list[Any] = []

    def check(d: Any) -> bool:
        seen.append(d.execute_script(f"return {what};"))
        return seen[-1] == expected

    try:
        WebDriverWait(driver, 10).until(check)
    except Exception:
        pytest.fail(f"{what}: expected {expected!r}, last saw {seen[-1:]}")


SHOWN = "document.getElementById('shown-count').textContent"
ROWS = "document.querySelectorAll('#statements tbody tr').length"
LIT = "document.querySelectorAll('article.doc:not([hidden]) .st:not(.dim)').length"
ARTICLES = "document.querySelectorAll('article.doc:not([hidden])').length"


@pytest.mark.slow
def test_browser_filters_search_and_actor_view(browser: Any, report_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    browser.get(report_url)
    _wait_for(browser, SHOWN, "9 of 9 statements")
    _wait_for(browser, f"[{ROWS}, {LIT}, {ARTICLES}]", [9, 9, 2])
    # A stance filter: neutral statements out.
    browser.find_element(By.CSS_SELECTOR, "#filters input[value=neutral]").click()
    _wait_for(browser, f"[{SHOWN}, {ROWS}, {LIT}]", ["6 of 9 statements", 6, 6])
    # A minimum confidence: 0.77 (allege interference) and 0.66 (deny) out.
    box = browser.find_element(By.ID, "f-min")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("0.8")
    _wait_for(browser, f"[{SHOWN}, {ROWS}]", ["4 of 9 statements", 4])
    # Words to search for: two statements speak of Uyghurs, one in each article.
    browser.find_element(By.ID, "f-q").send_keys("uyghurs")
    _wait_for(browser, f"[{SHOWN}, {ROWS}, {LIT}, {ARTICLES}]", ["2 of 9 statements", 2, 2, 2])
    cells = browser.find_elements(By.CSS_SELECTOR, "#statements tbody td[data-label=actor]")
    assert [c.text for c in cells] == ["Marco Rubio", "Amnesty International"]
    # One document: the other article is hidden.
    Select(browser.find_element(By.ID, "f-doc")).select_by_visible_text("rfa-2022-0917")
    _wait_for(browser, f"[{SHOWN}, {LIT}, {ARTICLES}]", ["1 of 9 statements", 1, 1])
    # The view of one actor, from the actor table: every statement of it, whatever the filters.
    browser.find_element(By.CSS_SELECTOR, "#actors .actor-link[data-actor='Wang Wenbin']").click()
    _wait_for(browser, "!document.getElementById('actor-view').hidden", True)
    view = browser.find_element(By.ID, "actor-view")
    assert view.find_element(By.TAG_NAME, "h2").text.startswith("Wang Wenbin")
    assert "government, CHN" in view.find_element(By.CSS_SELECTOR, "p.meta").text
    assert [h.text for h in view.find_elements(By.TAG_NAME, "h3")] == [
        "bbc-2022-0901",
        "rfa-2022-0917",
    ]
    items = view.find_elements(By.CSS_SELECTOR, "li.actor-statement")
    assert len(items) == 2
    assert "0.93" in items[0].text and "cue: said" in items[0].text
    assert "cue: told reporters" in items[1].text and "actor at 116–127" in items[1].text
    view.find_element(By.ID, "actor-close").click()
    _wait_for(browser, "document.getElementById('actor-view').hidden", True)


@pytest.mark.slow
def test_browser_sorts_tables_by_a_click_on_a_header(browser: Any, report_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(report_url)
    _wait_for(browser, ROWS, 9)
    conf = "#statements tbody td.conf"
    header = browser.find_element(By.CSS_SELECTOR, "#statements th[data-key=confidence]")
    header.click()
    first = f"document.querySelector('{conf}').textContent"
    _wait_for(browser, first, "0.66")
    header.click()
    _wait_for(browser, first, "0.97")
    assert header.get_attribute("aria-sort") == "descending"
    # The actor table: by name, then by the number of denials, most first.
    actor = "document.querySelector('#actors tbody td.actor').textContent"
    browser.find_element(By.XPATH, "//table[@id='actors']//th[text()='Actor']").click()
    _wait_for(browser, actor, "Amnesty International")
    deny = browser.find_element(By.CSS_SELECTOR, "#actors th[data-stance=deny]")
    deny.click()
    deny.click()
    _wait_for(browser, actor, "Wang Wenbin")


@pytest.mark.slow
def test_browser_downloads_the_filtered_statements_as_csv(
    browser: Any, report_url: str, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(report_url)
    _wait_for(browser, ROWS, 9)
    for stance in ("urge_accountability", "condemn", "allege_interference", "neutral"):
        browser.find_element(By.CSS_SELECTOR, f"#filters input[value={stance}]").click()
    _wait_for(browser, SHOWN, "2 of 9 statements")
    text = browser.execute_script("return window.stanceReport.csv();")
    path = tmp_path / "statements.csv"
    path.write_text(text, encoding="utf-8")
    # The download is a results file again: the two denials, every field as it was.
    got = list(read_results(path))
    # The page holds the statements, not the documents' voice fields (empty in the download).
    columns = [k for k in COLUMNS if k not in VOICE_FIELDS]
    want = [{k: r[k] for k in columns} for r in _corpus() if r["stance"] == "deny"]
    assert [{k: r[k] for k in columns} for r in got] == want
    assert [r["attribution_unsure"] for r in got] == [None, None]  # sure: an empty cell
    # And the link hands the browser that file, made in the page (a blob: URL).
    browser.find_element(By.ID, "download").click()
    _wait_for(browser, "document.getElementById('download').href.slice(0, 5)", "blob:")
    saved = browser.downloads / "statements.csv"
    WebDriverWait(browser, 10).until(lambda _: saved.exists() and saved.stat().st_size > 0)
    assert saved.read_bytes().decode("utf-8-sig") == text


@pytest.mark.slow
def test_browser_phone_width_fits_the_screen(browser: Any, report_url: str) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        browser.get(report_url)
        _wait_for(browser, ROWS, 9)
        _wait_for(browser, "window.innerWidth", 390)
        # Nothing wider than the screen: wide tables scroll inside their own box.
        _wait_for(browser, "document.documentElement.scrollWidth", 390)
        # The statements are cards: no header row, the statement on a line of its own.
        thead = "getComputedStyle(document.querySelector('#statements thead')).display"
        _wait_for(browser, thead, "none")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        (
            {"voice": "Human Rights Watch", "voice_source": "inferred", "voice_confidence": 0.85},
            "voice: Human Rights Watch (inferred, 0.85)",
        ),
        (
            {"voice": "China", "voice_source": "given", "voice_confidence": None},
            "voice: China (given)",
        ),
        ({}, "no voice; read as news_report"),  # the fixture: a news report, no voice used
    ],
)
def test_each_article_says_whose_voice_it_was_read_in(fields: dict[str, Any], shown: str) -> None:
    page = render_report([_statement("d1", 0, 0, "It rained.", **fields)])
    assert f'<div class="voice">{shown}</div>' in page
