"""Fingerprints of the labelling output, to check that a change of code changes nothing.

Labels the raw corpus (``../shared/corpus``) and the real articles (``../shared/articles``)
with a fixed model file and prints the sha256 of the output file and of every attribution
(actor, type, country, cue, span, rule) of every statement, so a refactoring can be shown to
give byte-identical output. The model is trained once, deterministically, on the ``extended``
training split (which no later annotation changes) and kept in ``--model``.

    python benchmarks/fingerprint.py [--limit 600]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

import stance
from stance.batch import run_label

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from throughput import corpus_documents  # noqa: E402


def article_documents(articles: Path) -> list[dict]:
    docs = []
    for name in ("news_hrd_2019_2022.jsonl", "hrw_releases_2024.jsonl",
                 "ukraine_war_statements_2021_2022.jsonl"):  # fmt: skip
        for line in (articles / name).open(encoding="utf-8"):
            r = json.loads(line)
            docs.append({"id": r["id"], "text": r["text"], "publisher": r.get("publisher", "")})
    return docs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--model", type=Path, default=Path(tempfile.gettempdir()) / "fp.stance")
    parser.add_argument("--limit", type=int, default=0, help="documents of each source (0: all)")
    args = parser.parse_args(argv)
    if not args.model.is_file():
        stance.train("logreg", "extended", metric_resamples=0).save(args.model)
    model = stance.load_model(args.model)
    corpus = corpus_documents(args.shared / "corpus")
    articles = article_documents(args.shared / "articles")
    if args.limit:
        corpus, articles = corpus[: args.limit], articles[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for d in corpus + articles:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        # Run from the temporary folder with a relative path: each record's `source` names
        # the input as given, and a random folder name would change the hash on every run.
        here = os.getcwd()
        os.chdir(tmp)
        try:
            run_label(["in.jsonl"], out=str(out), model=model, quiet=True, stderr=io.StringIO())
        finally:
            os.chdir(here)
        raw = out.read_bytes()
    attributions = hashlib.sha256()
    n = 0
    for line in raw.decode("utf-8").splitlines():
        r = json.loads(line)
        keys = ("doc", "index", "actor", "actor_type", "country", "cue", "actor_start",
                "actor_end", "rule")  # fmt: skip
        attributions.update(json.dumps([r.get(k) for k in keys]).encode() + b"\n")
        n += 1
    print(f"documents {len(corpus) + len(articles)}  records {n}")
    print(f"output sha256        {hashlib.sha256(raw).hexdigest()}")
    print(f"attributions sha256  {attributions.hexdigest()}")


if __name__ == "__main__":
    main()
