"""Document voice, inferred: how often ``stance.attribution.infer_voice`` finds a document's voice.

Every document of a split is read as a user would give it, without its metadata, and the
inferred voice is compared with the voice its source's metadata gives (``voice`` in the data;
``data/README.md``):

* ``actor``: the inferred actor is the expected one: its name, or the holder the codebook gives
  the office (section 6: a statement on the Kremlin's site is Vladimir Putin's, on the Ukrainian
  president's Volodymyr Zelenskyy's); for news reports and journalists' questions, no actor;
* ``type+country``: the inferred actor's type and country are the expected one's (no actor for
  no actor);
* ``genre``: the inferred genre fits the source's (a president's statement may be read as a
  ``government_statement``, a ``transcript`` or a ``speech``; a General Debate speech as a
  ``speech`` or a ``government_statement``; a press-conference paragraph as a ``transcript``);
* ``used``: the share of documents whose voice is confident enough for the labeller to use it
  (``VOICE_THRESHOLD``), and ``used right``: of those, the share whose type and country are right
  (a wrong voice that is used misattributes every sentence without a cue).

News documents are read in full from ``../shared/articles`` when that folder is there (as a user
would label them); else, and for the extended corpus (whose sources are not shipped), from the
annotated passages put back together (``stance.data.annotated_documents``). The attribution rows
score the rules on the annotated passages with no voice, with the inferred voice (used from the
threshold) and with the metadata voice (what the attribution benchmark passes today).

Rules were developed on the ``news`` training and validation documents only. Test splits are
sealed: ``--test`` adds their aggregate figures, nothing else is looked at.

    python benchmarks/voice.py [--test]

Prints a table and writes ``results/voice/summary.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from stance.attribution import attribute, resolve_actor
from stance.attribution.voice import VOICE_THRESHOLD, infer_voice
from stance.data import annotated_documents
from stance.evaluation import evaluate_attribution
from stance.gazetteer import Actor, default_gazetteer
from stance.segmentation import segment

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results" / "voice"
ARTICLES = ROOT.parent / "shared" / "articles"
# Codebook section 6: whose the narration of a president's site is.
HOLDERS = {"President of Russia": "Vladimir Putin", "President of Ukraine": "Volodymyr Zelenskyy"}
GENRE_FITS = {
    "news_report": {"news_report"},
    "ngo_release": {"ngo_release"},
    "government_statement": {"government_statement", "transcript", "speech"},
    "transcript_question": {"transcript"},
    "transcript_answer": {"transcript"},
    "speech": {"speech", "government_statement"},
}


def _full_texts() -> dict[str, str]:
    """The news documents' texts by ``<file>#<id>`` (the records' ``source``), if at hand."""
    texts: dict[str, str] = {}
    if not ARTICLES.is_dir():
        return texts
    for path in sorted(ARTICLES.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                texts[f"{path.name}#{record['id']}"] = record["text"]
    return texts


def _genre(record: dict) -> str:
    if record.get("genre"):
        return record["genre"]
    role = record.get("role")
    return f"transcript_{role}" if role in ("question", "answer") else "speech"


def _expected(voice: str, gaz) -> Actor | None:
    return resolve_actor(voice, gaz) if voice else None


def _judge(inferred, voice: str, genre: str, gaz) -> dict[str, bool]:
    want = _expected(voice, gaz)
    got = inferred.actor
    if want is None:
        actor_ok = type_ok = got is None
    else:
        names = {want.name, HOLDERS.get(voice, want.name)}
        actor_ok = got is not None and got.name in names
        type_ok = got is not None and (got.type, got.country) == (want.type, want.country)
    used = inferred.actor is not None and inferred.confidence >= VOICE_THRESHOLD
    return {
        "actor": actor_ok,
        "type_country": type_ok,
        "genre": inferred.genre in GENRE_FITS[genre],
        "used": used,
        "used_right": used and type_ok,
    }


def score_split(dataset: str, split: str, texts: dict[str, str], gaz) -> tuple[list[dict], str]:
    """One row per genre (and one for all) of a split; and where the texts came from."""
    by_genre: dict[str, list[dict[str, bool]]] = defaultdict(list)
    full = dataset == "news" and bool(texts)
    seconds = 0.0
    for doc in annotated_documents(dataset, split):
        first = doc.records[0]
        text = texts.get(first["source"], doc.text) if full else doc.text
        segments = segment(text, doc.doc) if full else list(doc.segments)
        start = time.perf_counter()
        inferred = infer_voice(text, segments, gaz)
        seconds += time.perf_counter() - start
        by_genre[_genre(first)].append(_judge(inferred, doc.voice, _genre(first), gaz))
    rows = []
    everything = [j for judged in by_genre.values() for j in judged]
    for genre, judged in [*sorted(by_genre.items()), ("all", everything)]:
        n = len(judged)
        used = sum(j["used"] for j in judged)
        row = {"dataset": dataset, "split": split, "genre": genre, "n": n}
        for key in ("actor", "type_country"):
            row[key] = round(sum(j[key] for j in judged) / n, 3)
        row["genre_ok"] = round(sum(j["genre"] for j in judged) / n, 3)
        row["used"] = round(used / n, 3)
        row["used_right"] = round(sum(j["used_right"] for j in judged) / used, 3) if used else None
        if genre == "all":
            row["ms_per_document"] = round(1000 * seconds / n, 3)
        rows.append(row)
    return rows, "full documents" if full else "annotated passages"


_FULL: dict[str, str] = {}  # document id -> its full text, when the articles are at hand


def _inferred_attributor(text, segments, *, voice=None, gazetteer=None):
    # The voice is read from the whole document, as a user labelling it would give it; the
    # annotated passages are attributed with it.
    doc = segments[0].doc if segments else ""
    full = _FULL.get(doc)
    found = (
        infer_voice(full, segment(full, doc), gazetteer)
        if full
        else infer_voice(text, segments, gazetteer)
    )
    use = found.actor if found.confidence >= VOICE_THRESHOLD else None
    return attribute(text, segments, voice=use, gazetteer=gazetteer)


def _no_voice(text, segments, *, voice=None, gazetteer=None):
    return attribute(text, segments, voice=None, gazetteer=gazetteer)


def attribution_rows(splits: list[tuple[str, str]], gaz) -> list[dict]:
    """Attribution (statements with a stance) with no voice, the inferred one, the metadata's."""
    rows = []
    for dataset, split in splits:
        for name, run in (
            ("none", _no_voice),
            ("inferred", _inferred_attributor),
            ("metadata", None),
        ):
            r = evaluate_attribution(dataset, split, gazetteer=gaz, attributor=run)
            rows.append(
                {
                    "dataset": dataset,
                    "split": split,
                    "voice": name,
                    "n": r["n"],
                    "actor_type": round(r["actor_type_accuracy"], 3),
                    "country": round(r["country_accuracy"], 3),
                    "name": round(r["name_match"], 3),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--test", action="store_true", help="add the sealed test splits' aggregates"
    )
    args = parser.parse_args(argv)
    gaz = default_gazetteer()
    texts = _full_texts()
    _FULL.update((source.split("#", 1)[1], text) for source, text in texts.items())
    splits = [("news", "train"), ("news", "validation"), ("extended", "validation")]
    if args.test:
        splits += [("news", "test"), ("extended", "test")]
    rows: list[dict] = []
    sources = {}
    for dataset, split in splits:
        split_rows, source = score_split(dataset, split, texts, gaz)
        rows.extend(split_rows)  # per-genre rates: aggregates, also for a sealed split
        sources[f"{dataset}/{split}"] = source
    attr = attribution_rows(splits, gaz)
    print(f"voice threshold {VOICE_THRESHOLD}; texts: {sources}")
    print(
        f"{'dataset/split':<22}{'genre':<22}{'n':>5}{'actor':>8}{'type+c':>8}{'genre':>8}"
        f"{'used':>7}{'used right':>12}"
    )
    for r in rows:
        right = "-" if r["used_right"] is None else f"{r['used_right']:.3f}"
        print(
            f"{r['dataset'] + '/' + r['split']:<22}{r['genre']:<22}{r['n']:>5}{r['actor']:>8.3f}"
            f"{r['type_country']:>8.3f}{r['genre_ok']:>8.3f}"
            f"{r['used']:>7.3f}{right:>12}"
        )
    print("\nattribution, statements with a stance (annotated passages):")
    print(f"{'dataset/split':<22}{'voice':<10}{'n':>6}{'type':>8}{'country':>9}{'name':>8}")
    for r in attr:
        print(
            f"{r['dataset'] + '/' + r['split']:<22}{r['voice']:<10}{r['n']:>6}"
            f"{r['actor_type']:>8.3f}{r['country']:>9.3f}{r['name']:>8.3f}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = {
        "threshold": VOICE_THRESHOLD,
        "texts": sources,
        "voice": rows,
        "attribution": attr,
        "command": "python benchmarks/voice.py" + (" --test" if args.test else ""),
    }
    (RESULTS / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
