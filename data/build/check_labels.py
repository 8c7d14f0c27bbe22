"""Check an annotation file against its batch: every id labelled once, every value valid.

    python data/build/check_labels.py data/build/batches/batch_00.txt \
        data/build/labels/batch_00.jsonl

Prints each problem with its line and exits 1 if there is any. It never changes a label.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

STANCES = {"urge_accountability", "condemn", "deny", "allege_interference", "neutral"}
ACTOR_TYPES = {"ngo", "igo", "government", "legislature", "media", "public", "none"}
FIELDS = {"id", "stance", "actor", "actor_type", "country"}


def countries() -> set[str]:
    with (Path(__file__).parent.parent / "countries.csv").open(encoding="utf-8") as fh:
        return {row["iso3"] for row in csv.DictReader(fh)}


def check(batch: Path, labels: Path) -> list[str]:
    expected = re.findall(r"^\[(ext-\d{5}|seed-[\w-]+)\]", batch.read_text("utf-8"), re.MULTILINE)
    iso3 = countries()
    problems, seen = [], set()
    for n, line in enumerate(labels.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        missing = FIELDS - rec.keys()
        if missing:
            problems.append(f"line {n}: missing {sorted(missing)}")
            continue
        if rec["id"] in seen:
            problems.append(f"line {n}: {rec['id']} labelled twice")
        seen.add(rec["id"])
        if rec["stance"] not in STANCES:
            problems.append(f"line {n}: stance {rec['stance']!r}")
        if rec["actor_type"] not in ACTOR_TYPES:
            problems.append(f"line {n}: actor_type {rec['actor_type']!r}")
        if rec["country"] and rec["country"] not in iso3:
            problems.append(f"line {n}: country {rec['country']!r} is not ISO3")
        neutral = rec["stance"] == "neutral"
        nobody = rec["actor"] == "none" and rec["actor_type"] == "none" and not rec["country"]
        if neutral != nobody:
            problems.append(f"line {n}: neutral iff actor none/none/'' ({rec['id']})")
    for i in expected:
        if i not in seen:
            problems.append(f"{i}: not labelled")
    extra = seen - set(expected)
    if extra:
        problems.append(f"ids not in the batch: {sorted(extra)[:5]}")
    return problems


if __name__ == "__main__":
    found = check(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(found) or "ok")
    sys.exit(1 if found else 0)
