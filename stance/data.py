"""The project's annotated datasets, as Hugging Face ``datasets`` objects, offline.

The data are JSON Lines files written by ``data/build/`` and checked into ``data/``; a wheel
carries them inside the package (``stance/_data/``). Loading never touches the Hugging Face hub:
the ``DatasetDict`` is built in memory from the local file, so it works with
``HF_DATASETS_OFFLINE=1``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .labels import ACTOR_TYPES, STANCES, validate_labels
from .resources import PACKAGE_DIR, data_file
from .segmentation import Segment

if TYPE_CHECKING:  # pragma: no cover
    import datasets

__all__ = [
    "DATASETS",
    "GENRES",
    "AnnotatedDocument",
    "DatasetSpec",
    "annotated_documents",
    "dataset_path",
    "genre_of",
    "load_dataset",
    "read_records",
]


@dataclass(frozen=True)
class DatasetSpec:
    """A named dataset: its file, version, description and fixed splits."""

    file: str
    version: str
    description: str
    splits: tuple[str, ...]


DATASETS: dict[str, DatasetSpec] = {
    "seeds": DatasetSpec(
        file="seeds.jsonl",
        version="1.1.0",
        description=(
            "Every statement of the five seed articles, annotated with stance and actor. "
            "'test' is the fixed, document-disjoint evaluation split."
        ),
        splits=("train", "test"),
    ),
    "extended": DatasetSpec(
        file="extended.jsonl",
        version="1.2.0",
        description=(
            "Real statements from Chinese Foreign Ministry press conferences (2018-2020) and UN "
            "General Debate speeches (2019-2022), annotated with the same codebook."
        ),
        splits=("train", "validation", "test"),
    ),
    "news": DatasetSpec(
        file="news.jsonl",
        version="1.0.0",
        description=(
            "Real statements from news reports on attacks on human-rights defenders (2019-2022), "
            "Human Rights Watch releases (2024) and statements of the presidents of Russia and "
            "Ukraine (2021-2022), annotated with the same codebook, with the span of the "
            "mention that identifies each actor."
        ),
        splits=("train", "validation", "test"),
    ),
}
_COMBINED = "all"

GENRES: tuple[str, ...] = (
    "news_report",
    "ngo_release",
    "government_statement",
    "transcript_question",
    "transcript_answer",
    "speech",
)
"""Genre of a statement's document, from its source's metadata (``data/README.md``)."""


def genre_of(record: dict) -> str:
    """The genre of a dataset record: its ``genre`` field, else derived from its metadata.

    Examples
    --------
    >>> genre_of({"role": "answer"}), genre_of({"voice": "Human Rights Watch"}), genre_of({})
    ('transcript_answer', 'ngo_release', 'news_report')
    """
    if record.get("genre"):
        return record["genre"]
    role = record.get("role")
    if role in ("question", "answer"):
        return f"transcript_{role}"
    if role == "speech":
        return "speech"
    # A seed article: an advocacy release when it has a publisher's voice, else a news report.
    return "ngo_release" if record.get("voice") else "news_report"


@lru_cache(maxsize=1)
def _features() -> datasets.Features:
    # datasets (and what it imports: pyarrow, and torch where installed) loads only when a
    # dataset is asked for, so labelling and the workers of a batch start light.
    import datasets

    return datasets.Features(
        {
            "id": datasets.Value("string"),
            "doc": datasets.Value("string"),
            "source": datasets.Value("string"),
            "index": datasets.Value("int32"),
            "start": datasets.Value("int32"),
            "end": datasets.Value("int32"),
            "text": datasets.Value("string"),
            "stance": datasets.ClassLabel(names=list(STANCES)),
            "actor": datasets.Value("string"),
            "actor_type": datasets.ClassLabel(names=list(ACTOR_TYPES)),
            "country": datasets.Value("string"),
            "split": datasets.Value("string"),
            # the document's own voice, from its metadata (data/README.md); "" for news
            "voice": datasets.Value("string"),
            "genre": datasets.ClassLabel(names=list(GENRES)),
            # offsets into the source text of the mention that identifies the actor (news);
            # None where the actor is implicit or the dataset records no span
            "actor_start": datasets.Value("int32"),
            "actor_end": datasets.Value("int32"),
            "actor_mention": datasets.Value("string"),  # the words at that span
        }
    )


def _column(rows: list[dict], key: str) -> list:
    if key == "genre":
        return [genre_of(r) for r in rows]
    if key in ("actor_start", "actor_end", "actor_mention"):
        return [r.get(key) for r in rows]
    return [r.get(key, "") for r in rows]


def _available() -> str:
    return ", ".join([*DATASETS, _COMBINED])


def dataset_path(name: str) -> Path:
    """Where the data file of a named dataset lies.

    The copy inside an installed wheel wins; an editable install or a source checkout reads
    ``data/`` at the top of the repository.

    Raises
    ------
    ValueError
        If ``name`` is not a known dataset (the message lists the known ones).
    FileNotFoundError
        If the file is in neither place.
    """
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; available datasets: {_available()}")
    file = DATASETS[name].file
    return data_file(
        file,
        what=f"dataset {name!r}: its file {file} is neither in {PACKAGE_DIR / '_data'} nor in "
        f"{PACKAGE_DIR.parent / 'data'}; reinstall stance or build it with data/build/",
    )


@lru_cache(maxsize=8)
def _read(path: Path, mtime: float) -> tuple[tuple[dict, ...], str]:
    raw = path.read_bytes()
    records = []
    for n, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path} line {n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON ({exc.msg})") from None
        validate_labels(record, where)
        records.append(record)
    return tuple(records), hashlib.sha256(raw).hexdigest()


def read_records(name: str) -> tuple[list[dict], str]:
    """The raw records of a named dataset and the sha256 of its file.

    Examples
    --------
    >>> records, sha = read_records("seeds")
    >>> records[0]["doc"], len(sha)
    ('000_74ea40e54fce102b', 64)
    """
    path = dataset_path(name)
    records, sha = _read(path, path.stat().st_mtime)
    return [dict(r) for r in records], sha


def _build(name: str) -> datasets.DatasetDict:
    import datasets

    spec = DATASETS[name]
    records, sha = read_records(name)
    out = {}
    for split in spec.splits:
        rows = [r for r in records if r["split"] == split]
        info = datasets.DatasetInfo(
            description=spec.description,
            version=spec.version,
            config_name=name,
            features=_features(),
            # The file's sha256 travels with every split, so a report can name the exact data.
            download_checksums={spec.file: {"num_bytes": None, "checksum": sha}},
        )
        columns = {key: _column(rows, key) for key in _features()}
        out[split] = datasets.Dataset.from_dict(columns, features=_features(), info=info)
    return datasets.DatasetDict(out)


def load_dataset(name: str) -> datasets.DatasetDict:
    """Load a named dataset of the project, offline.

    Parameters
    ----------
    name : {"seeds", "extended", "news", "all"}
        ``"seeds"``: splits ``train`` and ``test`` (the fixed evaluation split).
        ``"extended"`` and ``"news"``: ``train``, ``validation``, ``test``.
        ``"all"``: ``train`` joins the three training splits; ``validation`` is the extended
        one (as before ``news`` existed) and ``validation_news`` the news one; the test splits
        stay apart as ``test_seeds``, ``test_extended`` and ``test_news``, so no model is ever
        trained on a test statement.

    Returns
    -------
    datasets.DatasetDict
        ``stance`` and ``actor_type`` are ``ClassLabel`` features. Each split's ``info`` holds the
        dataset version and, in ``download_checksums``, the sha256 of the data file.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the available datasets.

    Examples
    --------
    >>> seeds = load_dataset("seeds")
    >>> sorted(seeds)
    ['test', 'train']
    >>> seeds["test"].features["stance"].names[:2]
    ['urge_accountability', 'condemn']
    >>> str(seeds["test"].info.version)
    '1.1.0'
    """
    import datasets

    if name == _COMBINED:
        seeds, extended, news = _build("seeds"), _build("extended"), _build("news")
        train = [seeds["train"], extended["train"], news["train"]]
        return datasets.DatasetDict(
            {
                "train": datasets.concatenate_datasets(train),
                "validation": extended["validation"],
                "validation_news": news["validation"],
                "test_seeds": seeds["test"],
                "test_extended": extended["test"],
                "test_news": news["test"],
            }
        )
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; available datasets: {_available()}")
    return _build(name)


@dataclass(frozen=True)
class AnnotatedDocument:
    """A document of a project dataset with its gold statements, for evaluating attribution.

    ``text`` is the document the statements' offsets point into: the seed article itself, or,
    for the extended corpus (whose sources are not shipped), its annotated passages put back
    together, each statement at its place, passages separated by a blank line. ``voice`` is
    the document's own voice from its metadata ("" for news and for a journalist's question).
    """

    doc: str
    text: str
    voice: str
    records: tuple[dict, ...]
    segments: tuple[Segment, ...]

    def gold_span(self, record: Mapping[str, Any]) -> tuple[int, int] | None:
        """The gold actor mention of ``record`` as offsets into :attr:`text`.

        ``None`` when the record has no span (an implicit actor) or its span lies in a part of
        the source the dataset does not hold (a passage that was not annotated).

        Examples
        --------
        >>> d = annotated_documents("news", "train")[0]
        >>> r = next(r for r in d.records if r["actor_start"] is not None)
        >>> s, e = d.gold_span(r)
        >>> d.text[s:e] == r["actor_mention"]
        True
        """
        start, end = record.get("actor_start"), record.get("actor_end")
        if start is None or end is None:
            return None
        for r, seg in zip(self.records, self.segments, strict=True):
            if r["start"] <= start and end <= r["end"]:
                shift = seg.start - r["start"]
                return start + shift, end + shift
        return None


def _seed_text(source: str) -> str:
    name = Path(source).name
    what = f"seed article {source} is not installed; reinstall stance"
    return data_file(f"seeds/{name}", repo_dir="seeds", what=what).read_text(encoding="utf-8")


def annotated_documents(name: str, split: str) -> list[AnnotatedDocument]:
    """The documents of one split of a project dataset, with their gold statements in order.

    A unit is what a reader sees as one text with one voice: a seed article, a transcript
    paragraph (a question or an answer), or the annotated passages of one speech.

    Examples
    --------
    >>> docs = annotated_documents("seeds", "test")
    >>> [(d.doc[:3], len(d.records), d.voice) for d in docs]
    [('001', 38, ''), ('003', 19, '')]
    >>> d = docs[0]; s = d.segments[3]
    >>> d.text[s.start:s.end] == d.records[3]["text"]
    True
    """
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; available datasets: {', '.join(DATASETS)}")
    records = [r for r in read_records(name)[0] if r["split"] == split]
    if not records:
        raise ValueError(f"dataset {name!r} has no split {split!r}")
    units: dict[str, list[dict]] = {}
    for r in records:
        units.setdefault(r["source"], []).append(r)
    out = []
    for source, rows in units.items():
        rows.sort(key=lambda r: r["start"])
        if name == "seeds":
            text = _seed_text(source)
            segments = [
                Segment(r["doc"], r["index"], r["start"], r["end"], r["text"]) for r in rows
            ]
        else:
            text, segments = _rebuild(rows)
        out.append(
            AnnotatedDocument(
                rows[0]["doc"], text, rows[0].get("voice", ""), tuple(rows), tuple(segments)
            )
        )
    return out


def _rebuild(rows: list[dict]) -> tuple[str, list[Segment]]:
    """Put annotated statements back into one text: adjacent ones as the source had them (a
    space, or a blank line between paragraphs, which the sources write as two characters), a
    longer gap as a paragraph break (the text went on between two annotated passages)."""
    parts: list[str] = []
    segments = []
    pos = 0
    for i, r in enumerate(rows):
        if i:
            sep = ("", " ", "\n\n")[min(r["start"] - rows[i - 1]["end"], 2)]
            parts.append(sep)
            pos += len(sep)
        parts.append(r["text"])
        segments.append(Segment(r["doc"], i, pos, pos + len(r["text"]), r["text"]))
        pos += len(r["text"])
    return "".join(parts), segments
