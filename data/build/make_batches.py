"""Cut the selected statements into annotation batches a person reads in order.

Whole passages stay together in one batch, with the paragraph before each passage shown as
unlabelled context. A separate batch holds a random sample of whole passages (at least 10% of the
statements) for the independent second annotation; its annotator never sees the first labels.

    python data/build/make_batches.py --corpus ../shared/corpus --batches 7
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent


def load_context(corpus: Path) -> dict[str, dict]:
    records = {}
    for name in ("mfa_press_conferences_2018_2020.jsonl", "ungdc_2019_2022.jsonl"):
        for line in (corpus / name).open(encoding="utf-8"):
            record = json.loads(line)
            records[record["id"]] = record
    return records


def header(passage: list[dict], records: dict[str, dict], countries: dict[str, str]) -> str:
    first = passage[0]
    record = records[first["doc"]]
    if first["role"] == "speech":
        name = countries.get(first["country"], first["country"])
        paras = record["text"].split("\n")
        before = paras[first["paragraph"] - 1] if first["paragraph"] > 0 else ""
        head = (
            f"### PASSAGE {first['passage']} | UN General Debate speech of {name} "
            f"({first['country']}), {first['year']} | speaker actor: {name}, government, "
            f"{first['country']}"
        )
    else:
        paras = record["paragraphs"]
        before = paras[first["paragraph"] - 1] if first["paragraph"] > 0 else ""
        head = (
            f"### PASSAGE {first['passage']} | Chinese Foreign Ministry press conference "
            f"{first['date']} | spokesperson: {first['spokesperson']} (government, CHN)"
        )
    if len(before) > 600:
        before = "..." + before[-600:]
    lines = [head]
    if before:
        lines.append(f"(context, do not label) {before}")
    return "\n".join(lines)


def write_batch(path: Path, passages: list[list[dict]], records, countries) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for passage in passages:
            fh.write(header(passage, records, countries) + "\n")
            for st in passage:
                fh.write(f"[{st['id']}] ({st['role']}) {st['text']}\n")
                n += 1
            fh.write("\n")
    return n


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--batches", type=int, default=7)
    parser.add_argument("--second-share", type=float, default=0.105)
    args = parser.parse_args(argv)
    with (HERE.parent / "countries.csv").open(encoding="utf-8") as fh:
        countries = {row["iso3"]: row["name"] for row in csv.DictReader(fh)}
    records = load_context(args.corpus)
    statements = [
        json.loads(line) for line in (HERE / "extended_candidates.jsonl").open(encoding="utf-8")
    ]
    out = HERE / "batches"
    out.mkdir(exist_ok=True)
    round1 = [st for st in statements if st.get("round", 1) == 1]
    round2 = [st for st in statements if st.get("round", 1) == 2]
    round3 = [st for st in statements if st.get("round", 1) == 3]
    round4 = [st for st in statements if st.get("round", 1) == 4]
    # Round 1: batches 00-06. Round 2 (accountability passages): batch 07. Round 3 (more of
    # them): batches 08-09. Each round has its own second-annotation sample.
    _deal(
        round1, range(args.batches), "second", args.second_share, 20261123, out, records, countries
    )
    _deal(
        round2, [args.batches], "second_2", args.second_share, 2026112302, out, records, countries
    )
    _deal(
        round3,
        [args.batches + 1, args.batches + 2],
        "second_3",
        args.second_share,
        2026112303,
        out,
        records,
        countries,
    )
    # Round 4 (accountability and condemnation passages, training documents only): 10-13.
    if round4:
        _deal(
            round4,
            range(args.batches + 3, args.batches + 7),
            "second_4",
            args.second_share,
            2026112304,
            out,
            records,
            countries,
        )


def _deal(
    statements: list[dict],
    batch_numbers,
    second_name: str,
    second_share: float,
    seed: int,
    out: Path,
    records: dict,
    countries: dict,
) -> None:
    batch_numbers = list(batch_numbers)
    n_batches = len(batch_numbers)
    by_passage: dict[str, list[dict]] = defaultdict(list)
    for st in statements:
        by_passage[st["passage"]].append(st)
    passages = list(by_passage.values())
    rng = random.Random(seed)
    order = list(range(len(passages)))
    rng.shuffle(order)
    # First annotation: passages dealt round-robin so each batch mixes transcripts and speeches.
    batches: list[list[list[dict]]] = [[] for _ in range(n_batches)]
    for k, i in enumerate(order):
        batches[k % n_batches].append(passages[i])
    for b, batch in enumerate(batches):
        batch.sort(key=lambda p: p[0]["id"])
        name = f"batch_{batch_numbers[b]:02d}"
        n = write_batch(out / f"{name}.txt", batch, records, countries)
        print(f"{name}: {len(batch)} passages, {n} statements")
    # Second annotation: a random sample of whole passages, at least second_share of statements.
    sample, n_sample = [], 0
    for i in rng.sample(range(len(passages)), len(passages)):
        if n_sample >= second_share * len(statements):
            break
        sample.append(passages[i])
        n_sample += len(passages[i])
    sample.sort(key=lambda p: p[0]["id"])
    n = write_batch(out / f"{second_name}.txt", sample, records, countries)
    print(f"{second_name}: {len(sample)} passages, {n} statements ({n / len(statements):.1%})")


if __name__ == "__main__":
    main()
