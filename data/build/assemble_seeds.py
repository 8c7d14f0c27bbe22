"""Assemble data/seeds.jsonl from the seed articles and their gold annotations.

Segments every seed article with ``stance.segment``, joins each statement with its annotation in
``data/build/seed_annotations.jsonl`` (matched by document, index AND text, so a change of the
segmenter cannot silently shift a label onto another sentence), assigns the fixed split and
checks it. Deterministic; rerun after any change to the annotations or the segmenter::

    python data/build/assemble_seeds.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from stance.labels import validate_labels
from stance.segmentation import segment
from stance.similarity import near_duplicates

ROOT = Path(__file__).resolve().parents[2]
# The evaluation documents, chosen once (data/README.md says why): together they hold every
# stance at least twice, deny included, and more than a third of the statements.
TEST_DOCS = ("001_d7af28c71d14d5c4", "003_125d90bc71194991")
# The document's own voice, from its publisher (seeds/README.md): an advocacy release speaks for
# its publisher; a news report's narration speaks for nobody ("").
VOICE = {
    "002_de5224b1ff8790c5": "Human Rights Watch",
    "004_47ab86cb897dd57c": "International Service for Human Rights",
}


def main() -> int:
    annotations = {
        (a["doc"], a["index"]): a
        for a in map(
            json.loads, (ROOT / "data/build/seed_annotations.jsonl").open(encoding="utf-8")
        )
    }
    records = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = path.stem
        text = path.read_text(encoding="utf-8")
        for seg in segment(text, doc=doc):
            gold = annotations.pop((doc, seg.index), None)
            if gold is None or gold["text"] != seg.text:
                sys.exit(f"{doc} #{seg.index}: no annotation for {seg.text[:60]!r}; re-annotate")
            record = {
                "id": f"seed-{doc[:3]}-{seg.index:02d}",
                "doc": doc,
                "source": f"seeds/{path.name}",
                "index": seg.index,
                "start": seg.start,
                "end": seg.end,
                "text": seg.text,
                "stance": gold["stance"],
                "actor": gold["actor"],
                "actor_type": gold["actor_type"],
                "country": gold["country"],
                "split": "test" if doc in TEST_DOCS else "train",
                "voice": VOICE.get(doc, ""),
            }
            validate_labels(record, record["id"])
            records.append(record)
    if annotations:
        sys.exit(f"annotations without a statement: {sorted(annotations)[:5]}")
    train = [r["text"] for r in records if r["split"] == "train"]
    test = [r["text"] for r in records if r["split"] == "test"]
    clashes = near_duplicates(test, train)
    if clashes:
        sys.exit(f"near-duplicates across splits: {clashes}")
    with (ROOT / "data/seeds.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} statements: {len(train)} train, {len(test)} test -> data/seeds.jsonl")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
