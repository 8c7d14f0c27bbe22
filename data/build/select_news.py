"""Select the documents of ../shared/articles to annotate for the ``news`` dataset.

Keywords only choose which documents a person reads; they never decide a label. Every statement
of a chosen run is annotated, whatever it says.

Units: a *run* of consecutive statements of one document, as ``stance.segment`` cuts its
``text``: the whole document when it has at most ``MAX_RUN + 4`` statements, else ``MAX_RUN``
consecutive statements. Offsets are into the record's ``text`` (``source`` =
``<file>#<record id>``), so a later change of the segmenter cannot move a label.

* News reports (``news_hrd_2019_2022.jsonl``): every report is on attacks on human-rights
  defenders, so documents are drawn at random; a long report is read from its first statement
  (dateline, lead and the first quotes).
* Human Rights Watch releases (``hrw_releases_2024.jsonl``): drawn at random; read from the first
  statement, so the lead that says whose voice the release is in ("... Human Rights Watch said
  today") is always read.
* Statements of the presidents of Russia and Ukraine (``ukraine_war_statements_2021_2022.jsonl``):
  the same number from each president; most documents drawn at random among those that mention
  the war, accusations, denials or accountability (``WAR_TOPIC``), the rest among all others
  (greetings, meetings), so that ``neutral`` is not learned from war passages alone. A long
  statement is read from a few statements before its first sentence that matches ``WAR_TOPIC``.

Splits are fixed per document before any label exists: a document's share of the sha256 of
``news-split:<record id>`` puts it in test (below 0.30), validation (0.30 to 0.42) or train.

Output: ``data/build/news_candidates.jsonl``, one unlabelled statement a line, in reading order.
Deterministic: same articles and same segmenter, same output. That file is the record of what
the annotators read: round 1 was cut by the segmenter of its day, before two fixes (page furniture
such as "Follow X on Twitter" dropped, glued sentences split), so re-running round 1 today cuts a
few documents differently; the offsets into each record's text keep every label on its words.
Run from the repository root::

    python data/build/select_news.py --articles ../shared/articles             # round 1
    python data/build/select_news.py --articles ../shared/articles --round 2   # append round 2

Round 2 (``selected_by`` = ``deny_or_interference_terms``) was added after round 1 gave
``deny`` and ``allege_interference`` far fewer than the 300 statements each the dataset needs:
unread documents that mention denials, fakes, provocations, interference, double standards or
illegitimate sanctions (``DENY_OR_INTERFERENCE``), drawn at random per source, a run of
``ROUND2_RUN`` statements around the first such sentence. Every statement of a run is read and
labelled whatever it says.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

from stance.segmentation import segment

HERE = Path(__file__).parent
NEWS_FILE = "news_hrd_2019_2022.jsonl"
HRW_FILE = "hrw_releases_2024.jsonl"
WAR_FILE = "ukraine_war_statements_2021_2022.jsonl"
GENRE = {NEWS_FILE: "news_report", HRW_FILE: "ngo_release", WAR_FILE: "government_statement"}
ID_PREFIX = "nw"

MAX_RUN = 20  # statements read from one long document
BEFORE_HIT = 3  # statements read before the first topical sentence of a long war statement

# Documents of the presidents that may hold a position on the war, accusations or accountability.
WAR_TOPIC = re.compile(
    r"war crime|genocide|atrocit|tribunal|accountab|justice|sanction|Nazi|denazif|provocat"
    r"|fake|\blies\b|staged|propaganda|interfer|Bucha|Mariupol|Irpin|Kramatorsk|massacre"
    r"|shelling|bombing|invasion|invader|occupier|aggress|special military operation|NATO"
    r"|terror|crimes? against|torture|deport|Russophob|blackmail|condemn|accuse|allegation",
    re.IGNORECASE,
)


# Round 2: passages where denials and claims of interference are likely to be read, added after
# round 1 gave `deny` 2% and `allege_interference` 1% of statements (codebook section 2).
DENY_OR_INTERFERENCE = re.compile(
    r"\bden(?:y|ied|ies|ial)\b|reject|baseless|groundless|unfounded|fabricat|\bfake|\blies\b"
    r"|slander|smear|interfer|internal affairs|provocat|Russophob|politically motivated"
    r"|double standard|foreign agent|hypocri|blackmail|hysteria|information war|so-called"
    r"|(?:illegitimate|unlawful|illegal) sanction|anti-Russian|meddl|hostile forces"
    r"|external forces|colou?r revolution",
    re.IGNORECASE,
)
ROUND2_RUN = 10  # statements read from a round-2 document: 3 before its first hit, 7 after


def split_of(record_id: str) -> str:
    """The fixed split of a document, from the sha256 of its record id."""
    share = int(hashlib.sha256(f"news-split:{record_id}".encode()).hexdigest()[:12], 16) / 16**12
    return "test" if share < 0.30 else "validation" if share < 0.42 else "train"


def _rng(name: str) -> random.Random:
    return random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:16], 16))


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _run(segments: list, start: int = 0) -> list:
    if len(segments) <= MAX_RUN + 4:
        return segments
    start = max(0, min(start, len(segments) - MAX_RUN))
    return segments[start : start + MAX_RUN]


def _statements(file: str, record: dict, selected_by: str, start_at_topic: bool) -> list[dict]:
    segments = segment(record["text"], doc=record["id"])
    start = 0
    if start_at_topic:
        hits = [s.index for s in segments if WAR_TOPIC.search(s.text)]
        start = max(0, hits[0] - BEFORE_HIT) if hits else 0
    return _record_statements(file, record, _run(segments, start), selected_by)


def select(articles: Path, n_news: int, n_hrw: int, n_war: int, war_random: int) -> list[dict]:
    out: list[dict] = []
    for file, n in ((NEWS_FILE, n_news), (HRW_FILE, n_hrw)):
        records = _read(articles / file)
        _rng(f"news-select:{file}").shuffle(records)
        for record in records[:n]:
            out.extend(_statements(file, record, "random", start_at_topic=False))
    records = _read(articles / WAR_FILE)
    for publisher in ("President of Russia", "President of Ukraine"):
        own = [r for r in records if r.get("publisher") == publisher]
        topical = [r for r in own if WAR_TOPIC.search(r["text"])]
        other = [r for r in own if not WAR_TOPIC.search(r["text"])]
        _rng(f"news-select:{publisher}:topic").shuffle(topical)
        _rng(f"news-select:{publisher}:other").shuffle(other)
        for record in topical[: n_war - war_random]:
            out.extend(_statements(WAR_FILE, record, "war_topic", start_at_topic=True))
        for record in other[:war_random]:
            out.extend(_statements(WAR_FILE, record, "random", start_at_topic=False))
    for n, st in enumerate(out, 1):
        st["id"] = f"{ID_PREFIX}-{n:05d}"
    return out


def select_round2(articles: Path, already: set[str], quotas: dict[str, int]) -> list[dict]:
    """Unread documents with a sentence matching ``DENY_OR_INTERFERENCE``, drawn at random per
    source (``quotas``: news, hrw, and each president), read from 3 statements before that
    sentence for ``ROUND2_RUN`` statements (the whole document when shorter)."""
    out: list[dict] = []
    sources = [
        (NEWS_FILE, "news", lambda r: True),
        (HRW_FILE, "hrw", lambda r: True),
        (WAR_FILE, "President of Russia", lambda r: r.get("publisher") == "President of Russia"),
        (WAR_FILE, "President of Ukraine", lambda r: r.get("publisher") == "President of Ukraine"),
    ]
    records_of = {f: _read(articles / f) for f in (NEWS_FILE, HRW_FILE, WAR_FILE)}
    for file, key, keep in sources:
        pool = [
            r
            for r in records_of[file]
            if keep(r) and r["id"] not in already and DENY_OR_INTERFERENCE.search(r["text"])
        ]
        _rng(f"news-round2:{key}").shuffle(pool)
        taken = 0
        for record in pool:
            if taken >= quotas[key]:
                break
            segments = segment(record["text"], doc=record["id"])
            hits = [s.index for s in segments if DENY_OR_INTERFERENCE.search(s.text)]
            if not hits:  # the match spans furniture only
                continue
            start = max(0, hits[0] - BEFORE_HIT)
            run = (
                segments
                if len(segments) <= ROUND2_RUN + 2
                else segments[start : start + ROUND2_RUN]
            )
            if len(run) < min(8, len(segments)):
                run = segments[max(0, len(segments) - ROUND2_RUN) :]
            taken += 1
            out.extend(_record_statements(file, record, run, "deny_or_interference_terms"))
    return out


# Round 3: where `allege_interference` is said. Round 2 left it at 133 statements, 81 of them in
# statements of the President of Russia, mostly on sanctions and "the West".
INTERFERENCE = re.compile(
    r"sanction|Western (?:countries|states|partners|nations|elites|governments)|the West\b"
    r"|Russophob|interfer|hysteria|blackmail|double standard|illegitimate|economic war"
    r"|blitzkrieg|cancel culture|information war|anti-Russian|provocation|fake|so-called",
    re.IGNORECASE,
)
ROUND3_WINDOW = 8  # statements: 2 before a sentence matching INTERFERENCE, 5 after


def _record_statements(file: str, record: dict, run: list, selected_by: str) -> list[dict]:
    return [
        {
            "doc": record["id"],
            "source": f"{file}#{record['id']}",
            "index": s.index,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "genre": GENRE[file],
            "voice": record.get("publisher", ""),
            "country_meta": record.get("country", ""),
            "title": record.get("title", ""),
            "date": record.get("date", ""),
            "selected_by": selected_by,
            "split": split_of(record["id"]),
        }
        for s in run
    ]


def _windows(segments: list, read: list[tuple[int, int]], pattern: re.Pattern[str]) -> list[list]:
    """Runs of ``ROUND3_WINDOW`` unread statements, each from 2 before a matching sentence.
    ``read``: character spans annotated before (by offsets: an earlier round may have been
    cut by an earlier version of the segmenter, whose indices differ)."""
    taken = {s.index for s in segments if any(s.start < b and a < s.end for a, b in read)}
    out = []
    for s in segments:
        if s.index in taken or not pattern.search(s.text):
            continue
        start = max(0, s.index - 2)
        run = [x for x in segments[start : start + ROUND3_WINDOW] if x.index not in taken]
        # Consecutive and long enough: cut at the first statement read before.
        keep = []
        for x in run:
            if keep and x.index != keep[-1].index + 1:
                break
            keep.append(x)
        if len(keep) >= min(8, ROUND3_WINDOW):
            out.append(keep)
            taken.update(x.index for x in keep)
    return out


def select_round3(
    articles: Path, read: dict[str, list[tuple[int, int]]], quotas: dict[str, int]
) -> list[dict]:
    """Round 3: windows around INTERFERENCE sentences in statements of the President of Russia
    (unread parts of every document); every unread news report, read as in round 1; unread
    HRW releases, a run of 10 from 3 before a DENY_OR_INTERFERENCE sentence (else from the
    start), so that the shares of the three files stay as the dataset promises."""
    out: list[dict] = []
    war = [r for r in _read(articles / WAR_FILE) if r.get("publisher") == "President of Russia"]
    _rng("news-round3:russia").shuffle(war)
    n = 0
    for record in war:
        segments = segment(record["text"], doc=record["id"])
        for run in _windows(segments, read.get(record["id"], []), INTERFERENCE):
            if n >= quotas["President of Russia"]:
                break
            out.extend(_record_statements(WAR_FILE, record, run, "interference_terms"))
            n += len(run)
    news = [r for r in _read(articles / NEWS_FILE) if r["id"] not in read]
    _rng("news-round3:news").shuffle(news)
    n = 0
    for record in news:
        if n >= quotas["news"]:
            break
        run = _run(segment(record["text"], doc=record["id"]))
        out.extend(_record_statements(NEWS_FILE, record, run, "random"))
        n += len(run)
    hrw = [r for r in _read(articles / HRW_FILE) if r["id"] not in read]
    _rng("news-round3:hrw").shuffle(hrw)
    hrw.sort(key=lambda r: not DENY_OR_INTERFERENCE.search(r["text"]))  # stable: hits first
    n = 0
    for record in hrw:
        if n >= quotas["hrw"]:
            break
        segments = segment(record["text"], doc=record["id"])
        hits = [s.index for s in segments if DENY_OR_INTERFERENCE.search(s.text)]
        start = max(0, hits[0] - BEFORE_HIT) if hits else 0
        run = segments if len(segments) <= 12 else segments[start : start + 10]
        if len(run) < min(8, len(segments)):
            run = segments[-10:]
        by = "deny_or_interference_terms" if hits else "random"
        out.extend(_record_statements(HRW_FILE, record, run, by))
        n += len(run)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("../shared/articles"))
    parser.add_argument("--news", type=int, default=130, help="news reports")
    parser.add_argument("--hrw", type=int, default=75, help="HRW releases")
    parser.add_argument("--war", type=int, default=44, help="statements of each president")
    parser.add_argument("--war-random", type=int, default=7, help="of which drawn at random")
    parser.add_argument("--round", type=int, default=1, choices=[1, 2, 3])
    args = parser.parse_args(argv)
    out = HERE / "news_candidates.jsonl"
    if args.round == 3:
        first = [json.loads(line) for line in out.open(encoding="utf-8")]
        if any(st.get("round") == 3 for st in first):
            raise SystemExit("round 3 is already in news_candidates.jsonl")
        read: dict[str, list[tuple[int, int]]] = {}
        for st in first:
            read.setdefault(st["doc"], []).append((st["start"], st["end"]))
        quotas = {"President of Russia": 1900, "news": 2800, "hrw": 1700}
        added = select_round3(args.articles, read, quotas)
        for n, st in enumerate(added, len(first) + 1):
            st["id"] = f"{ID_PREFIX}-{n:05d}"
            st["round"] = 3
        with out.open("a", encoding="utf-8") as fh:
            for st in added:
                fh.write(json.dumps(st, ensure_ascii=False) + "\n")
        print(f"round 3: {len(added)} statements from {len({s['doc'] for s in added})} documents")
        return
    if args.round == 2:
        # Appends: round 1 stays exactly as annotated.
        first = [json.loads(line) for line in out.open(encoding="utf-8")]
        if any(st["selected_by"] == "deny_or_interference_terms" for st in first):
            raise SystemExit("round 2 is already in news_candidates.jsonl")
        quotas = {"news": 150, "hrw": 72, "President of Russia": 60, "President of Ukraine": 15}
        added = select_round2(args.articles, {st["doc"] for st in first}, quotas)
        for n, st in enumerate(added, len(first) + 1):
            st["id"] = f"{ID_PREFIX}-{n:05d}"
        with out.open("a", encoding="utf-8") as fh:
            for st in added:
                fh.write(json.dumps(st, ensure_ascii=False) + "\n")
        print(f"round 2: {len(added)} statements from {len({s['doc'] for s in added})} documents")
        return
    statements = select(args.articles, args.news, args.hrw, args.war, args.war_random)
    with out.open("w", encoding="utf-8") as fh:
        for st in statements:
            fh.write(json.dumps(st, ensure_ascii=False) + "\n")
    docs = {st["doc"] for st in statements}
    print(f"{len(statements)} statements from {len(docs)} documents -> {out}")


if __name__ == "__main__":
    main()
