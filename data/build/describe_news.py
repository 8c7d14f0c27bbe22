"""Print the count tables of data/README.md for data/news.jsonl (Markdown).

python data/build/describe_news.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from describe_extended import table

ROOT = Path(__file__).resolve().parents[2]


def source(r: dict) -> str:
    if r["genre"] == "government_statement":
        return r["voice"]
    return {"news_report": "news reports", "ngo_release": "HRW releases"}[r["genre"]]


def main() -> None:
    rows = [json.loads(line) for line in (ROOT / "data" / "news.jsonl").open(encoding="utf-8")]
    sources = ["news reports", "HRW releases", "President of Russia", "President of Ukraine"]
    print("#### By source and stance:\n\n" + table(rows, source, sources, "stance"))
    print("\n#### By split and stance:\n")
    print(table(rows, lambda r: r["split"], ["train", "validation", "test"], "stance"))
    print("\n#### By source and actor type:\n")
    print(table(rows, source, sources, "actor_type"))
    selections = sorted({r["selected_by"] for r in rows})
    print("\n#### By selection and stance:\n")
    print(table(rows, lambda r: r["selected_by"], selections, "stance"))
    docs = {r["doc"]: r["split"] for r in rows}
    n = len(rows)
    print(f"\nStatements: {n:,}; documents: {len(docs)}; per split: {dict(Counter(docs.values()))}")
    print("Shares: " + ", ".join(f"{k} {v / n:.1%}" for k, v in Counter(map(source, rows)).items()))
    stance_rows = [r for r in rows if r["stance"] != "neutral"]
    spans = sum(r["actor_start"] is not None for r in stance_rows)
    inside = sum(
        r["actor_start"] is not None and r["start"] <= r["actor_start"] < r["end"]
        for r in stance_rows
    )
    print(
        f"Statements with a stance: {len(stance_rows):,}; with an evidence span: {spans:,} "
        f"({spans / len(stance_rows):.1%}; inside the statement itself: {inside:,}); "
        f"implicit actor (null span): {len(stance_rows) - spans:,}"
    )
    print(f"Distinct actors: {len({r['actor'] for r in rows if r['actor'] != 'none'})}")


if __name__ == "__main__":
    main()
