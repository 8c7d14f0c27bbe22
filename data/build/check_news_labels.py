"""Check a ``news`` annotation file against its batch: every id once, every value valid,
every actor mention found where the annotator says it is.

    python data/build/check_news_labels.py data/build/news/batches/batch_00.txt \
        data/build/news/labels/batch_00.jsonl

Prints each problem with its line and exits 1 if there is any; prints "ok" otherwise. It never
changes a label.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
# The scheme and the country list, as the extended corpus's checker reads them (annotators run
# this file alone, so it imports nothing from the package).
from check_labels import ACTOR_TYPES, STANCES, countries

FURNITURE = "furniture"  # page furniture: dropped from the dataset, never labelled (codebook 1)
FIELDS = {"id", "stance", "actor", "actor_type", "country", "mention", "mention_in"}
LINE = re.compile(r"^(?:\(context, do not label\) )?\[(nw-\d{5}|@\d+)\] (.*)$")


def read_batch(batch: Path) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """The ids to label, in order, and (document, text) of every line a mention may point at."""
    expected: list[str] = []
    lines: dict[str, tuple[str, str]] = {}
    doc = ""
    for raw in batch.read_text("utf-8").splitlines():
        if raw.startswith("### DOCUMENT "):
            doc = raw.split()[2]
            continue
        match = LINE.match(raw)
        if not match:
            continue
        key, text = match.groups()
        if key.startswith("nw-"):
            expected.append(key)
            lines[key] = (doc, text)
        else:
            lines[f"{doc}{key}"] = (doc, text)
    return expected, lines


def check(batch: Path, labels: Path) -> list[str]:
    expected, lines = read_batch(batch)
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
        sid = rec["id"]
        if sid in seen:
            problems.append(f"line {n}: {sid} labelled twice")
        seen.add(sid)
        if sid not in lines:
            problems.append(f"line {n}: {sid} is not in the batch")
            continue
        if rec["stance"] not in STANCES | {FURNITURE}:
            problems.append(f"line {n}: stance {rec['stance']!r}")
        if rec["actor_type"] not in ACTOR_TYPES:
            problems.append(f"line {n}: actor_type {rec['actor_type']!r}")
        if rec["country"] and rec["country"] not in iso3:
            problems.append(f"line {n}: country {rec['country']!r} is not ISO3")
        stanceless = rec["stance"] in ("neutral", FURNITURE)
        nobody = rec["actor"] == "none" and rec["actor_type"] == "none" and not rec["country"]
        if stanceless != nobody:
            problems.append(
                f"line {n}: actor none/none/'' exactly when neutral or furniture ({sid})"
            )
        mention, where = rec["mention"], rec["mention_in"]
        if stanceless:
            if mention is not None or where is not None:
                problems.append(f"line {n}: a neutral or furniture line has no mention ({sid})")
            continue
        if (mention is None) != (where is None):
            problems.append(f"line {n}: mention and mention_in are both null or both set ({sid})")
            continue
        if mention is None:
            continue
        doc = lines[sid][0]
        key = where if where.startswith("nw-") else f"{doc}{where}"
        if key not in lines or lines[key][0] != doc:
            problems.append(f"line {n}: mention_in {where!r} is not a line of {sid}'s document")
        elif not mention or mention not in lines[key][1]:
            problems.append(f"line {n}: mention {mention!r} is not in the text of {where}")
    for i in expected:
        if i not in seen:
            problems.append(f"{i}: not labelled")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    problems = check(Path(args[0]), Path(args[1]))
    for p in problems:
        print(p)
    print("ok" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
