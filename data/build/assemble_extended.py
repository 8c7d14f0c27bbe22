"""Assemble data/extended.jsonl from the selected statements and their gold annotations.

Steps, all deterministic:

1. Every annotated unit (a transcript paragraph, a speech paragraph) is segmented again with
   ``stance.segment``, so the dataset holds exactly what the project's segmenter cuts. A statement
   whose span is unchanged keeps its annotation; the few cut differently since annotation (see
   ``resegmented.jsonl``) carry labels decided by reading the new pieces.
2. Labels: the first annotation of each batch, replaced by the adjudicated label where
   ``adjudication.jsonl`` has one (disagreements of the double annotation, and corrections found
   when the batches were checked).
3. Split, document-disjoint: for rounds 1-3, documents (a transcript, a speech) ordered by the
   sha256 of their id, within each source; the first ~25% of statements went to ``test``, the
   next ~10% to ``validation``, the rest to ``train``. That assignment is frozen in
   ``document_splits.json``. Round 4 reads only training documents and documents never read
   before; the new documents are split among themselves by the same rule, so the evaluation
   rows of dataset 1.1.0 are unchanged and new documents add to every split.
4. A validation or test statement that nearly repeats a training statement (boilerplate such as
   "What is your comment?") is dropped from its split, so no evaluation statement is seen in
   training; a round-4 training statement that nearly repeats a validation or test statement of
   rounds 1-3 is dropped instead, so the evaluation rows of dataset 1.1.0 stay as they were.

    python data/build/assemble_extended.py --corpus ../shared/corpus
    python data/build/assemble_extended.py --corpus ../shared/corpus --max-round 3   # dataset 1.1.0
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from stance.labels import validate_labels
from stance.segmentation import segment
from stance.similarity import near_duplicates

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
LABEL_FIELDS = ("stance", "actor", "actor_type", "country")
TEST_SHARE, VALIDATION_SHARE = 0.25, 0.10


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load_records(corpus: Path) -> dict[str, dict]:
    records = {}
    for name in ("mfa_press_conferences_2018_2020.jsonl", "ungdc_2019_2022.jsonl"):
        for record in _jsonl(corpus / name):
            records[record["id"]] = record
    return records


def voice_of(role: str, record: dict) -> str:
    """Whose own voice a unit is in, from the corpus metadata (never from the annotation).

    The spokesperson named in the transcript's record for an answer, the ISO3 code of the
    speaking state for a speech, nobody ("") for a journalist's question.
    """
    if role == "answer":
        return record["spokesperson"]
    if role == "speech":
        return record["country"]
    return ""


def unit_segments(candidate: dict, record: dict) -> tuple[str, list]:
    """The current segmentation of the text a candidate's offsets point into."""
    if candidate["role"] == "speech":
        text = record["text"]
        return text, segment(text, doc=record["id"])
    text = record["paragraphs"][candidate["paragraph"]]
    return text, segment(text, doc=record["id"])


def _hashed_split(per_doc: Counter) -> dict[str, str]:
    """Documents ordered by the sha256 of their id within each source; the first ~25% of
    statements go to ``test``, the next ~10% to ``validation``, the rest to ``train``."""
    split_of: dict[str, str] = {}
    for prefix in ("mfa-", "ungdc-"):
        docs = sorted(
            (d for d in per_doc if d.startswith(prefix)),
            key=lambda d: hashlib.sha256(d.encode()).hexdigest(),
        )
        total = sum(per_doc[d] for d in docs)
        running = 0
        for d in docs:
            share = running / total
            split_of[d] = (
                "test"
                if share < TEST_SHARE
                else "validation"
                if share < TEST_SHARE + VALIDATION_SHARE
                else "train"
            )
            running += per_doc[d]
    return split_of


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument(
        "--max-round", type=int, default=4, help="assemble the selection rounds up to this one"
    )
    args = parser.parse_args(argv)
    records = load_records(args.corpus)
    candidates = [
        c for c in _jsonl(HERE / "extended_candidates.jsonl") if c.get("round", 1) <= args.max_round
    ]
    labels: dict[str, dict] = {}
    for path in sorted((HERE / "labels").glob("batch_*.jsonl")):
        for rec in _jsonl(path):
            labels[rec["id"]] = rec
    for rec in _jsonl(HERE / "adjudication.jsonl"):
        labels[rec["id"]] = rec
    missing = [c["id"] for c in candidates if c["id"] not in labels]
    if missing:
        sys.exit(f"{len(missing)} statements have no label yet, e.g. {missing[:5]}")
    resegmented = {
        (r["source"], r["start"], r["end"]): r for r in _jsonl(HERE / "resegmented.jsonl")
    }

    statements = []
    round_of: dict[str, int] = {}
    by_unit: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for c in candidates:
        by_unit[(c["doc"], c["paragraph"])].append(c)
    for (doc, paragraph), unit in by_unit.items():
        record = records[doc]
        text, segs = unit_segments(unit[0], record)
        if unit[0]["role"] == "speech":
            segs = [s for s in segs if text.count("\n", 0, s.start) == paragraph]
        annotated = {(c["start"], c["end"]): c for c in unit}
        for seg in segs:
            c = annotated.get((seg.start, seg.end))
            source = unit[0]["source"]
            if c is not None:
                gold = labels[c["id"]]
                sid = c["id"]
            else:
                gold = resegmented.get((source, seg.start, seg.end))
                if gold is None:
                    sys.exit(
                        f"{source} [{seg.start}:{seg.end}] {seg.text!r}: cut differently"
                        " since annotation; label it in resegmented.jsonl"
                    )
                sid = gold["id"]
            statement = {
                "id": sid,
                "doc": doc,
                "source": source,
                "index": seg.index,
                "start": seg.start,
                "end": seg.end,
                "text": seg.text,
                **{k: gold[k] for k in LABEL_FIELDS},
                "role": unit[0]["role"],
                "selected_by": unit[0]["selected_by"],
                "voice": voice_of(unit[0]["role"], record),
            }
            assert text[seg.start : seg.end].strip() and seg.text
            validate_labels(statement, sid)
            statements.append(statement)
            round_of[sid] = unit[0].get("round", 1)

    # Document-disjoint split. Rounds 1-3 fixed it by the hash of the document id; that
    # assignment is frozen in document_splits.json, so a later round leaves every earlier
    # statement where it was. Documents a later round reads for the first time are split by the
    # same rule among themselves (~25% test, ~10% validation), so test stays above a fifth.
    split_of = json.loads((HERE / "document_splits.json").read_text(encoding="utf-8"))
    new_docs = Counter(s["doc"] for s in statements if s["doc"] not in split_of)
    for s in statements:
        if s["doc"] in new_docs and round_of[s["id"]] < 4:
            sys.exit(f"{s['doc']} of round {round_of[s['id']]} has no frozen split")
    split_of.update(_hashed_split(new_docs))
    for s in statements:
        s["split"] = split_of[s["doc"]]

    # Held-out statements of rounds 1-3 are compared with the training statements of rounds
    # 1-3 only, and held-out statements of later rounds with all training statements: a
    # near-repeat is dropped from its held-out split. A later round's training statement that
    # nearly repeats a held-out statement of rounds 1-3 is dropped instead, so that the
    # evaluation rows of dataset 1.1.0 stay exactly as they were.
    def early(s: dict) -> bool:
        return round_of[s["id"]] < 4

    train_early = [s["text"] for s in statements if s["split"] == "train" and early(s)]
    train_all = [s["text"] for s in statements if s["split"] == "train"]
    dropped = []
    for split in ("validation", "test"):
        for is_early, train in ((True, train_early), (False, train_all)):
            held = [s for s in statements if s["split"] == split and early(s) == is_early]
            repeats = {i for i, _, _ in near_duplicates([s["text"] for s in held], train)}
            dropped += [held[i] for i in sorted(repeats)]
    held_early = [s["text"] for s in statements if s["split"] != "train" and early(s)]
    later_train = [s for s in statements if s["split"] == "train" and not early(s)]
    repeats = {i for i, _, _ in near_duplicates([s["text"] for s in later_train], held_early)}
    dropped += [later_train[i] for i in sorted(repeats)]
    dropped_ids = {s["id"] for s in dropped}
    statements = [s for s in statements if s["id"] not in dropped_ids]
    statements.sort(key=lambda s: s["id"])
    assert len({s["id"] for s in statements}) == len(statements)

    with (ROOT / "data" / "extended.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for s in statements:
            fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    (HERE / "dropped_near_duplicates.jsonl").write_text(
        "".join(
            json.dumps({"id": s["id"], "split": s["split"], "text": s["text"]}, ensure_ascii=False)
            + "\n"
            for s in dropped
        ),
        encoding="utf-8",
    )
    counts = Counter((s["split"], s["stance"]) for s in statements)
    print(f"{len(statements)} statements ({len(dropped)} near-duplicates of training dropped)")
    for split in ("train", "validation", "test"):
        n = sum(v for (sp, _), v in counts.items() if sp == split)
        print(
            f"  {split:10} {n:5}  "
            + ", ".join(f"{st} {v}" for (sp, st), v in sorted(counts.items()) if sp == split)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
