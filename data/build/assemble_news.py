"""Assemble data/news.jsonl from the selected statements and their gold annotations.

Steps, all deterministic:

1. Labels: the first annotation of each batch (``news/labels/*batch_*.jsonl``), replaced by an
   adjudicated label where ``news/adjudication_genre.jsonl`` (the review of the first six batches
   under codebook 1.4) or ``news/adjudication.jsonl`` (disagreements of the double annotation,
   decided by reading) has one; the later file wins.
2. Page furniture (stance ``furniture``, decided by reading) is dropped, never labelled; it is
   listed in ``news/dropped_furniture.jsonl``.
3. The actor's evidence span: the annotator's ``mention`` (the words as they stand) in the line
   ``mention_in`` (a statement, or a context line ``@N``) becomes ``actor_start``/``actor_end``,
   character offsets into the record's ``text``; null where the actor is only implicit.
4. Splits are those fixed per document before any label existed (``select_news.split_of``). A
   validation or test statement that nearly repeats a training statement of any dataset
   (seeds, extended, news) is dropped (``news/dropped_near_duplicates.jsonl``).

    python data/build/assemble_news.py --articles ../shared/articles
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from stance.labels import validate_labels
from stance.similarity import near_duplicates

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
NEWS = HERE / "news"
LABEL_FIELDS = ("stance", "actor", "actor_type", "country")
FURNITURE = "furniture"
FILES = (
    "news_hrd_2019_2022.jsonl",
    "hrw_releases_2024.jsonl",
    "ukraine_war_statements_2021_2022.jsonl",
)


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def context_lines() -> dict[str, str]:
    """Text of every context line ``<record id>@N`` shown in a batch."""
    out, doc = {}, ""
    for batch in sorted((NEWS / "batches").glob("*.txt")):
        for raw in batch.read_text("utf-8").splitlines():
            if raw.startswith("### DOCUMENT "):
                doc = raw.split()[2]
            elif raw.startswith("(context, do not label) [@"):
                key, text = raw.removeprefix("(context, do not label) [").split("] ", 1)
                out[f"{doc}{key}"] = text
    return out


def first_labels() -> dict[str, dict]:
    labels: dict[str, dict] = {}
    for path in sorted((NEWS / "labels").glob("*batch_*.jsonl")):
        for record in _jsonl(path):
            labels[record["id"]] = record
    return labels


def adjudicated(labels: dict[str, dict]) -> tuple[dict[str, dict], int]:
    changed = 0
    for name in ("adjudication_genre.jsonl", "adjudication.jsonl"):
        for record in _jsonl(NEWS / name):
            before = labels.get(record["id"], {})
            after = {k: record[k] for k in (*LABEL_FIELDS, "mention", "mention_in")}
            if any(before.get(k) != v for k, v in after.items()):
                changed += 1
            labels[record["id"]] = {"id": record["id"], **after}
    return labels, changed


def evidence_span(
    st: dict, label: dict, statements: dict[str, dict], context: dict[str, str], text: str
) -> tuple[int | None, int | None]:
    """Offsets into the record text of the annotated mention, or (None, None)."""
    mention, where = label.get("mention"), label.get("mention_in")
    if not mention or not where:
        return None, None
    if where.startswith("nw-"):
        line = statements[where]
        base = line["start"]
        at = text.find(mention, base, line["end"])
    else:
        line_text = context[f"{st['doc']}{where}"]
        # The context line was cut before this statement: its last occurrence before it.
        base = text.rfind(line_text, 0, st["start"] + len(line_text))
        at = text.find(mention, base, base + len(line_text)) if base >= 0 else -1
    if at < 0:
        raise ValueError(f"{st['id']}: mention {mention!r} not found in {where}")
    return at, at + len(mention)


def other_texts(held_out: bool) -> list[str]:
    """Statements of the other datasets: their training splits, or their held-out ones."""
    texts = []
    for name in ("seeds.jsonl", "extended.jsonl"):
        rows = _jsonl(ROOT / "data" / name)
        texts += [r["text"] for r in rows if (r["split"] != "train") == held_out]
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("../shared/articles"))
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "news.jsonl")
    parser.add_argument(
        "--allow-unlabelled", action="store_true", help="skip unlabelled statements (a draft)"
    )
    args = parser.parse_args(argv)
    texts = {}
    for name in FILES:
        for record in _jsonl(args.articles / name):
            texts[record["id"]] = record["text"]
    candidates = _jsonl(HERE / "news_candidates.jsonl")
    statements = {st["id"]: st for st in candidates}
    labels, changed = adjudicated(first_labels())
    missing = [st["id"] for st in candidates if st["id"] not in labels]
    if missing:
        print(f"{len(missing)} statements not labelled yet, e.g. {missing[:3]}", file=sys.stderr)
        if not args.allow_unlabelled:
            return 1
        candidates = [st for st in candidates if st["id"] in labels]
    context = context_lines()
    rows, furniture = [], []
    for st in candidates:
        label = labels[st["id"]]
        text = texts[st["doc"]]
        if text[st["start"] : st["end"]] != st["text"]:
            raise ValueError(f"{st['id']}: offsets do not slice the record text")
        if label["stance"] == FURNITURE:
            furniture.append({"id": st["id"], "doc": st["doc"], "text": st["text"]})
            continue
        start, end = evidence_span(st, label, statements, context, text)
        row = {
            "id": st["id"],
            "doc": st["doc"],
            "source": st["source"],
            "index": st["index"],
            "start": st["start"],
            "end": st["end"],
            "text": st["text"],
            **{k: label[k] for k in LABEL_FIELDS},
            "split": st["split"],
            "voice": st["voice"],
            "genre": st["genre"],
            "actor_start": start,
            "actor_end": end,
            "actor_mention": text[start:end] if start is not None else None,
            "selected_by": st["selected_by"],
        }
        validate_labels(row, st["id"])
        rows.append(row)
    train = [r["text"] for r in rows if r["split"] == "train"] + other_texts(held_out=False)
    held = [r for r in rows if r["split"] != "train"]
    repeats = {i for i, _, _ in near_duplicates([r["text"] for r in held], train)}
    dropped = [held[i] for i in sorted(repeats)]
    # And a news training statement that repeats a held-out statement of the other datasets
    # goes, so that their evaluation rows stay as they are.
    news_train = [r for r in rows if r["split"] == "train"]
    repeats = near_duplicates([r["text"] for r in news_train], other_texts(held_out=True))
    dropped += [news_train[i] for i in sorted({i for i, _, _ in repeats})]
    dropped_ids = {r["id"] for r in dropped}
    rows = [r for r in rows if r["id"] not in dropped_ids]
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for name, items in (
        ("dropped_furniture.jsonl", furniture),
        ("dropped_near_duplicates.jsonl", dropped),
    ):
        with (NEWS / name).open("w", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    counts = Counter((r["split"], r["stance"]) for r in rows)
    print(f"{len(rows)} statements from {len({r['doc'] for r in rows})} documents -> {args.out}")
    print(
        f"adjudicated labels applied: {changed}; furniture dropped: {len(furniture)}; "
        f"near-duplicates dropped: {len(dropped)}"
    )
    for split in ("train", "validation", "test"):
        print(split, {k[1]: v for k, v in sorted(counts.items()) if k[0] == split})
    return 0


if __name__ == "__main__":
    sys.exit(main())
