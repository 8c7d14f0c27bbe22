"""Print the count tables of data/README.md for data/extended.jsonl (Markdown).

python data/build/describe_extended.py
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from stance.labels import ACTOR_TYPES, STANCES

ROOT = Path(__file__).resolve().parents[2]
ROLE_NAMES = {"question": "MFA questions", "answer": "MFA answers", "speech": "UN speeches"}


def table(rows: list[dict], key: Callable[[dict], str], order: list[str], column: str) -> str:
    columns = list(STANCES) if column == "stance" else list(ACTOR_TYPES)
    lines = [
        "|  | " + " | ".join(columns) + " | total |",
        "| --- |" + " ---: |" * (len(columns) + 1),
    ]
    for name in [*order, "total"]:
        part = rows if name == "total" else [r for r in rows if key(r) == name]
        counts = Counter(r[column] for r in part)
        cells = " | ".join(f"{counts[c]:,}" for c in columns)
        lines.append(f"| {ROLE_NAMES.get(name, name)} | {cells} | {len(part):,} |")
    return "\n".join(lines)


def main() -> None:
    rows = [json.loads(line) for line in (ROOT / "data" / "extended.jsonl").open(encoding="utf-8")]
    roles = ["question", "answer", "speech"]
    selections = ["topic", "random", "accountability", "accountability_or_condemnation"]
    print("#### By source and stance:\n\n" + table(rows, lambda r: r["role"], roles, "stance"))
    print("\n#### By split and stance:\n")
    print(table(rows, lambda r: r["split"], ["train", "validation", "test"], "stance"))
    print("\n#### By source and actor type:\n")
    print(table(rows, lambda r: r["role"], roles, "actor_type"))
    print("\n#### By selection and stance:\n")
    print(table(rows, lambda r: r["selected_by"], selections, "stance"))
    docs = {r["doc"]: r["split"] for r in rows}
    print(f"\nDocuments per split: {dict(Counter(docs.values()))}")
    mfa = sum(d.startswith("mfa-") for d in docs)
    states = {d.split("-")[1] for d in docs if d.startswith("ungdc-")}
    print(f"Transcripts: {mfa}  speeches: {len(docs) - mfa}  speaking states: {len(states)}")
    print(f"Distinct actors: {len({r['actor'] for r in rows if r['actor'] != 'none'})}")


if __name__ == "__main__":
    main()
