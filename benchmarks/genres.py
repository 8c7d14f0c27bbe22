"""Stance macro-F1 of the shipped default model by genre, on each evaluation split.

What a user should expect depends on what they label: a transcript's answers, a speech, a news
report and an NGO release are written differently, and the model does not do equally well on
each. This splits the figures of ``stance evaluate`` by the genre of each statement
(:func:`stance.data.genre_of`: the ``genre`` field of the news data; a transcript's question or
answer, a speech, for the extended corpus; news report or release for the seed articles).

The news test split is sealed: these per-genre macro-F1 figures are aggregates, the only thing
ever read from it.

    python benchmarks/genres.py

Prints one table and writes ``results/genres/summary.json`` and ``results/genres/summary.md``.
Macro-F1 over the stances present in the gold of each row (a genre without, say, any denial
would otherwise count a zero for it), with 95% bootstrap intervals; small cells are noisy.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from stance import default_model
from stance.data import genre_of, read_records
from stance.evaluation import score
from stance.labels import STANCES
from stance.tables import project_split

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results" / "genres"
SPLITS = [("seeds", "test"), ("extended", "test"), ("news", "validation"), ("news", "test")]


def genres_of_split(dataset: str, split: str, texts: list[str]) -> list[str]:
    """The genre of every statement of a split, in the order of :func:`project_split`."""
    records = [r for r in read_records(dataset)[0] if r["split"] == split]
    if [r["text"] for r in records] != texts:
        raise RuntimeError(f"{dataset}/{split}: the records are not in the table's order")
    return [genre_of(r) for r in records]


def main() -> int:
    model = default_model()
    rows = []
    for dataset, split in SPLITS:
        table = project_split(dataset, split)
        predicted = list(model.predict_inputs(table.inputs()))
        genres = genres_of_split(dataset, split, table.texts)
        groups = {"all": list(range(len(genres)))}
        for g in sorted(set(genres)):
            groups[g] = [i for i, x in enumerate(genres) if x == g]
        for genre, idx in groups.items():
            gold = [table.labels[i] for i in idx]
            present = [s for s in STANCES if s in gold]
            report = score(gold, [predicted[i] for i in idx], present)
            rows.append(
                {
                    "dataset": dataset,
                    "split": split,
                    "genre": genre,
                    "n": len(idx),
                    "non_neutral": sum(y != "neutral" for y in gold),
                    "gold_stances": dict(Counter(gold)),
                    "macro_f1": report["macro_f1"],
                    "macro_f1_ci": report["macro_f1_ci"],
                    "per_class_f1": {k: v["f1"] for k, v in report["per_class"].items()},
                }
            )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary.json").write_text(json.dumps(rows, indent=1) + "\n")
    lines = [
        "| dataset/split | genre | n | with a stance | macro-F1 [95%] | "
        + " | ".join(STANCES)
        + " |",
        "|---|---|---|---|---|" + "---|" * len(STANCES),
    ]
    for r in rows:
        lo, hi = r["macro_f1_ci"]
        per = " | ".join(
            f"{r['per_class_f1'][s]:.2f}" if s in r["per_class_f1"] else "-" for s in STANCES
        )
        lines.append(
            f"| {r['dataset']}/{r['split']} | {r['genre']} | {r['n']} | {r['non_neutral']} | "
            f"{r['macro_f1']:.3f} [{lo:.2f}, {hi:.2f}] | {per} |"
        )
    md = "\n".join(
        [
            "# Stance macro-F1 of the default model by genre",
            "",
            "Per-class columns are F1. The news test split is sealed (aggregate figures only).",
            "",
            *lines,
            "",
        ]
    )
    (RESULTS / "summary.md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
