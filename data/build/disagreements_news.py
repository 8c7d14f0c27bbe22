"""List the disagreements of the double annotation of ``news`` for adjudication by reading.

For each doubly annotated statement whose stance, actor type or country differ between the
first and the second annotation, writes the batch, the document, both labels and, where the
genre review changed it, the reviewed first label. The adjudicator reads the statement in its
document and records the decision, with its reason, in ``news/adjudication.jsonl``.

    python data/build/disagreements_news.py > /tmp/disagreements.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
NEWS = HERE / "news"


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main() -> None:
    first, batch_of = {}, {}
    for path in sorted((NEWS / "labels").glob("*batch_*.jsonl")):
        for r in _jsonl(path):
            first[r["id"]], batch_of[r["id"]] = r, path.stem
    reviewed = {r["id"]: r for r in _jsonl(NEWS / "adjudication_genre.jsonl")}
    done = {r["id"] for r in _jsonl(NEWS / "adjudication.jsonl")}
    docs = {r["id"]: r["doc"] for r in _jsonl(HERE / "news_candidates.jsonl")}
    keys = ("stance", "actor", "actor_type", "country", "mention", "mention_in")
    for path in sorted((NEWS / "labels").glob("*second_*.jsonl")):
        for second in _jsonl(path):
            i = second["id"]
            a = first[i]
            if i in done or all(a[k] == second[k] for k in ("stance", "actor_type", "country")):
                continue
            row = {
                "id": i,
                "doc": docs[i],
                "batch": batch_of[i],
                "first": {k: a[k] for k in keys},
                "second": {k: second[k] for k in keys},
            }
            if i in reviewed:
                row["first_after_genre_review"] = {k: reviewed[i][k] for k in keys}
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
