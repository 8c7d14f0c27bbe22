"""Cut the selected ``news`` statements into annotation batches, whole documents each.

Every batch mixes the three genres (documents are dealt in a seeded order), so that no
annotator's habits fall on one genre alone. A random sample of whole documents (at least 10%
of the statements) is also written to the ``second_*`` batches for the independent second
annotation; their annotators never see the first labels.

    python data/build/make_news_batches.py --batches 12 --second 2                # round 1
    python data/build/make_news_batches.py --round 2 --batches 7 --second 1      # round 2

Round 2 cuts only the statements of round 2 into ``r2_batch_*`` and ``r2_second_*``; the
round-1 batches stay as they were annotated.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "news" / "batches"
CONTEXT_BEFORE = 3  # statements shown unlabelled before a run that starts mid-document

VOICE = {
    "Human Rights Watch": (
        "Human Rights Watch release: its own narration is Human Rights Watch (ngo)"
    ),
    "President of Russia": (
        "Statement published by the President of Russia (en.kremlin.ru): the president's own words"
        " and the site's narration are Vladimir Putin (government, RUS)"
    ),
    "President of Ukraine": (
        "Statement published by the President of Ukraine (president.gov.ua): the president's own"
        " words and the site's narration are Volodymyr Zelenskyy (government, UKR)"
    ),
    "": "News report (outlet not recorded): the reporter's own narration is nobody",
}


def _rng(name: str) -> random.Random:
    return random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:16], 16))


def header(first: dict) -> str:
    return (
        f"### DOCUMENT {first['doc']} | {VOICE[first['voice']]} | date {first['date'] or '?'}"
        f"\n(title, do not label) {first['title']}"
    )


def context_lines(st: dict, texts: dict[str, list[dict]], after: int = -1) -> list[str]:
    """The statements just before a run that does not start where the last one ended (the
    document's beginning, or the statement ``after``)."""
    if st["index"] == after + 1:
        return []
    from stance.segmentation import segment

    segments = segment(texts[st["doc"]]["text"], doc=st["doc"])
    before = segments[max(after + 1, st["index"] - CONTEXT_BEFORE) : st["index"]]
    lines = [f"(context, do not label) [@{s.index}] {s.text}" for s in before]
    if after >= 0:  # a later window of the same document (round 3)
        lines.insert(
            0, f"(... statements {after + 1}-{st['index'] - 1} of the document skipped ...)"
        )
    return lines


def write_batch(path: Path, docs: list[list[dict]], texts: dict) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for statements in docs:
            fh.write(header(statements[0]) + "\n")
            previous = -1
            for st in statements:
                for line in context_lines(st, texts, previous):
                    fh.write(line + "\n")
                fh.write(f"[{st['id']}] {st['text']}\n")
                previous = st["index"]
                n += 1
            fh.write("\n")
    return n


def load_texts(articles: Path) -> dict[str, dict]:
    texts = {}
    for name in (
        "news_hrd_2019_2022.jsonl",
        "hrw_releases_2024.jsonl",
        "ukraine_war_statements_2021_2022.jsonl",
    ):
        for line in (articles / name).open(encoding="utf-8"):
            record = json.loads(line)
            texts[record["id"]] = record
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("../shared/articles"))
    parser.add_argument("--batches", type=int, default=12)
    parser.add_argument("--second", type=int, default=2, help="batches of the second annotation")
    parser.add_argument("--second-share", type=float, default=0.105)
    parser.add_argument("--round", type=int, default=1, choices=[1, 2, 3])
    args = parser.parse_args(argv)
    prefix = "" if args.round == 1 else f"r{args.round}_"

    def in_round(st: dict) -> bool:
        # Round 3 marks its rows; rounds 1 and 2 are told apart by their selection rule.
        if "round" in st:
            return st["round"] == args.round
        second = st["selected_by"] == "deny_or_interference_terms"
        return args.round == (2 if second else 1)

    texts = load_texts(args.articles)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in (HERE / "news_candidates.jsonl").open(encoding="utf-8"):
        st = json.loads(line)
        if in_round(st):
            by_doc[st["doc"]].append(st)
    order = sorted(by_doc)
    _rng(f"news-batches{prefix.rstrip('_')}").shuffle(order)
    OUT.mkdir(parents=True, exist_ok=True)
    total = sum(len(v) for v in by_doc.values())
    per_batch = -(-total // args.batches)
    batches: list[list[list[dict]]] = [[]]
    for doc in order:
        if sum(len(d) for d in batches[-1]) >= per_batch:
            batches.append([])
        batches[-1].append(by_doc[doc])
    for k, docs in enumerate(batches):
        n = write_batch(OUT / f"{prefix}batch_{k:02d}.txt", docs, texts)
        print(f"{prefix}batch_{k:02d}: {len(docs)} documents, {n} statements")
    # The second annotation: whole documents drawn at random until the share is reached.
    sample = sorted(by_doc)
    _rng(f"news-second{prefix.rstrip('_')}").shuffle(sample)
    chosen, n = [], 0
    for doc in sample:
        if n >= args.second_share * total:
            break
        chosen.append(by_doc[doc])
        n += len(by_doc[doc])
    for k in range(args.second):
        part = chosen[k :: args.second]
        m = write_batch(OUT / f"{prefix}second_{k}.txt", part, texts)
        print(f"{prefix}second_{k}: {len(part)} documents, {m} statements")


if __name__ == "__main__":
    main()
