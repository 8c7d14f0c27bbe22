"""The ``stance`` command line: ``main(argv=None)`` so every command runs in-process in tests."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ._version import __version__
from .data import DATASETS, load_dataset
from .segmentation import segment

__all__ = ["main"]


def _table(rows: Iterable[dict], columns: Sequence[str], width: int = 70) -> str:
    rows = list(rows)

    def cell(value: object) -> str:
        text = str(value).replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    widths = {c: max([len(c)] + [len(cell(r[c])) for r in rows]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines.append("  ".join("-" * widths[c] for c in columns))
    lines += ["  ".join(cell(r[c]).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


def _cmd_dataset(args: argparse.Namespace) -> int:
    dsd = load_dataset(args.name)
    splits = [args.split] if args.split else list(dsd)
    for split in splits:
        if split not in dsd:
            print(
                f"stance: dataset {args.name!r} has no split {split!r}; it has {', '.join(dsd)}",
                file=sys.stderr,
            )
            return 2
    for split in splits:
        ds = dsd[split]
        stance_names = ds.features["stance"].names
        type_names = ds.features["actor_type"].names
        rows = []
        for row in ds.select(range(min(len(ds), args.limit or len(ds)))):
            row = dict(row)
            row["stance"] = stance_names[row["stance"]]
            row["actor_type"] = type_names[row["actor_type"]]
            rows.append(row)
        if args.format == "jsonl":
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
            continue
        counts: dict[str, int] = {}
        for label in ds["stance"]:
            counts[stance_names[label]] = counts.get(stance_names[label], 0) + 1
        sha = next(iter(ds.info.download_checksums.values()))["checksum"]
        print(
            f"== {args.name}/{split}: {len(ds)} statements, version {ds.info.version}, "
            f"sha256 {sha[:12]}"
        )
        print("   " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        print(_table(rows, ["id", "stance", "actor", "actor_type", "country", "text"]))
        print()
    return 0


def _cmd_segment(args: argparse.Namespace) -> int:
    failed = []
    for name in args.files:
        path = Path(name)
        try:
            text = sys.stdin.read() if name == "-" else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"stance: cannot read {name}: {reason}", file=sys.stderr)
            failed.append(name)
            continue
        doc = "stdin" if name == "-" else path.stem
        segments = segment(text, doc=doc)
        if args.format == "jsonl":
            for seg in segments:
                print(json.dumps(asdict(seg), ensure_ascii=False))
        else:
            print(f"== {name}: {len(segments)} statements")
            print(
                _table(
                    (asdict(s) for s in segments),
                    ["index", "start", "end", "kind", "text"],
                    width=90,
                )
            )
    if failed:
        print(
            f"stance: {len(failed)} of {len(args.files)} inputs failed: {', '.join(failed)}",
            file=sys.stderr,
        )
        return 1
    return 0


def _labels(value: str | None) -> list[str] | None:
    """``--average-labels FAVOR,AGAINST`` as a list (None when not given)."""
    if value is None:
        return None
    labels = [v.strip() for v in value.split(",") if v.strip()]
    if not labels:
        raise ValueError(f"--average-labels {value!r}: give labels separated by commas")
    return labels


def _seconds(value: str) -> float:
    """``--budget 300`` or ``--budget 300s`` (also ``5m``) in seconds."""
    text = value.strip().lower()
    scale = 60.0 if text.endswith("m") else 1.0
    try:
        seconds = float(text.rstrip("sm")) * scale
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a time such as 300s or 5m") from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"{value!r}: the budget must be positive")
    return seconds


def _cmd_train(args: argparse.Namespace) -> int:
    from .training import train

    model = train(
        args.model,
        args.data,
        text_col=args.text_col,
        label_col=args.label_col,
        target_col=args.target_col,
        context_col=args.context_col,
        group_col=args.group_col,
        average_labels=_labels(args.average_labels),
        budget=args.budget,
        seed=args.seed,
    )
    path = model.save(args.output)
    meta = model.metadata
    selection = meta.get("selection")
    if selection:
        print(
            f"auto: {selection['folds']}-fold {'grouped ' if selection['grouped'] else ''}"
            f"cross-validation, {selection['measure']}, seed {selection['seed']}, budget "
            f"{selection['budget_s']:g} s"
        )
        rows = [{**c, "params": json.dumps(c["params"])} for c in selection["candidates"]]
        print(_table(rows, ["model", "params", "cv_score", "cv_macro_f1", "seconds", "status"]))
        print(
            f"search {selection['spent_s']:.0f} s of the {selection['budget_s']:g} s budget; "
            f"refit of the best on all the data {selection['refit_s']:.0f} s"
        )
    print(
        f"trained {meta['model']} on {meta['training_data']} ({meta['n_train']} statements, "
        f"labels {', '.join(meta['labels'])}) -> {path}"
    )
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate
    from .trained import load_model
    from .training import default_model

    model = (
        default_model(announce=_say(False)) if args.model == "default" else load_model(args.model)
    )
    report = evaluate(
        model,
        args.dataset,
        args.split,
        n_resamples=args.resamples,
        data=args.data,
        label_col=args.label_col,
        average_labels=_labels(args.average_labels),
    )
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    lo, hi = report["macro_f1_ci"]
    where = args.data or f"{args.dataset}/{args.split}"
    print(
        f"{report['model']} on {where} ({report['n']} statements, data "
        f"sha256 {report['data_sha256'][:12]}): macro-F1 {report['macro_f1']:.3f} "
        f"[{lo:.3f}, {hi:.3f}], accuracy {report['accuracy']:.3f}"
    )
    if "f1_average" in report:
        print(f"mean F1 of {', '.join(report['average_labels'])}: {report['f1_average']:.4f}")
    rows = [{"label": k, **v} for k, v in report["per_class"].items()]
    print(_table(rows, ["label", "precision", "recall", "f1", "support"]))
    if "attribution" in report:
        a, e = report["attribution"], report["end_to_end"]
        print(
            f"attribution ({a['n']} statements with a position): actor type "
            f"{a['actor_type_accuracy']:.3f}, country {a['country_accuracy']:.3f}, name "
            f"{a['name_match']:.3f} ({a['n_named']} named); end to end, stance and actor "
            f"right together: {e['stance_and_actor_accuracy']:.3f}"
        )
    return 0


def _say(quiet: bool) -> Callable[[str], None] | None:
    """A printer of one-line notes on stderr, or None with --quiet."""
    if quiet:
        return None
    return lambda message: print(f"stance: {message}", file=sys.stderr, flush=True)


def _run_label(run_label: Callable[..., Any], args: argparse.Namespace, model: Any) -> Any:
    """``run_label`` with the options of ``stance label``."""
    return run_label(
        args.paths,
        out=args.output,
        fmt=args.format or ("jsonl" if args.output or not sys.stdout.isatty() else "table"),
        model=model,
        jobs=args.jobs,
        min_confidence=args.min_confidence,
        resume=args.resume,
        quiet=args.quiet,
        text_col=args.text_col,
        id_col=args.id_col,
        publisher=args.publisher,
        max_bytes=int(args.max_mb * 1_000_000),
        gazetteer=args.gazetteer,
        encoding=args.encoding,
        encoding_errors=args.encoding_errors,
        scheduler=args.scheduler,
    )


def _for_target(model: Any, args: argparse.Namespace) -> Any:
    """The model for the articles' target (--target), for a model trained with a target column."""
    if args.target is not None or model.schema.target_col:
        if not model.schema.target_col:
            raise ValueError("--target is for a model trained with a target column (--target-col)")
        if args.target is None:
            raise ValueError(
                f"{args.model}: the model was trained with a target column "
                f"({model.schema.target_col!r}); give the articles' target with --target NAME"
            )
        model = model.for_target(args.target)
    return model


def _cmd_label(args: argparse.Namespace) -> int:
    from .batch import run_label
    from .cluster import DaskMissingError
    from .trained import load_model
    from .training import default_model

    if args.output is None and args.resume:
        raise ValueError("--resume needs an output file (-o FILE) to resume from")
    # A model file is checked before any work starts: a tampered or incompatible one stops here.
    # The default model is shipped trained; only a checkout whose data changed trains it, once,
    # and then says so.
    model = load_model(args.model) if args.model else default_model(announce=_say(args.quiet))
    model = _for_target(model, args)
    try:
        summary = _run_label(run_label, args, model)
    except DaskMissingError as exc:  # --scheduler without the extra: what to install
        print(f"stance: {exc}", file=sys.stderr)
        return 2
    if not args.quiet or summary.failed or summary.interrupted:
        print(summary.text(), file=sys.stderr)
    if summary.interrupted:
        return 130
    return 1 if summary.failed else 0


_REPORT_WARNINGS = 20  # malformed lines named one by one on stderr; the page lists more


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    skipped: list[str] = []

    def warn(message: str) -> None:
        # Like `stance label` with bad input: name the line, skip it, go on.
        skipped.append(message)
        if len(skipped) <= _REPORT_WARNINGS:
            print(f"stance: warning: skipped {message}", file=sys.stderr)

    path = write_report(args.results, args.output, title=args.title, on_error=warn)
    more = len(skipped) - _REPORT_WARNINGS
    if more > 0:
        print(f"stance: warning: ... and {more:,} more malformed lines skipped", file=sys.stderr)
    note = f" ({len(skipped):,} malformed lines skipped)" if skipped else ""
    print(f"report -> {path}{note}", file=sys.stderr)
    return 0


def _add_label_command(sub: Any) -> None:
    """The ``label`` subcommand: its many options kept apart from the short ones."""
    p = sub.add_parser(
        "label",
        help="label every statement of articles with its actor and stance",
        description=(
            "Label every statement of the articles under PATH with its stance, confidence and "
            "actor. Output: one record per statement (JSONL or CSV), written article by article "
            "so an interrupted run keeps everything finished; --resume goes on from it."
        ),
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (.txt .md .html .htm .jsonl .csv .json), directories (recursively), globs, "
        "or - for standard input",
    )
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument(
        "--format",
        choices=["jsonl", "csv", "table"],
        help="jsonl (default with -o or a pipe), csv, or table (default on a terminal)",
    )
    p.add_argument("--model", help="a model file from `stance train` (default: the default model)")
    p.add_argument(
        "--target",
        default=None,
        metavar="NAME",
        help="for a model trained with a target column: the target of every statement",
    )
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="label on a Dask cluster instead: its scheduler (tcp://host:8786), or local:N for "
        "N worker processes on this machine (needs the dask extra: pip install 'stance[dask]')",
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="P",
        help="write only statements whose stance confidence is at least P",
    )
    p.add_argument("--resume", action="store_true", help="skip articles already in the output")
    p.add_argument("--quiet", action="store_true", help="no progress line and no summary")
    p.add_argument("--text-col", default="text", help="text column of .jsonl/.csv/.json input")
    p.add_argument("--id-col", default=None, help="id column of .jsonl/.csv/.json input")
    p.add_argument(
        "--publisher",
        default=None,
        help="whose own voice the articles are in (an NGO for its releases, a spokesperson, a "
        "state); a 'publisher' column or field of the input wins; without either, the voice is "
        "read from each article (its release lead, sign-off, speaker turns) and used from "
        "confidence 0.6 (the voice* and genre fields of every record say which)",
    )
    p.add_argument(
        "--max-mb", type=float, default=20.0, help="largest single article, in MB (default 20)"
    )
    p.add_argument(
        "--encoding",
        default="utf-8",
        help="encoding of text inputs (default utf-8; e.g. latin-1, cp1252, utf-16)",
    )
    p.add_argument(
        "--encoding-errors",
        choices=["strict", "replace"],
        default="strict",
        help="strict refuses a file with bytes that do not decode; replace reads it with each "
        "bad byte replaced by U+FFFD",
    )
    p.add_argument(
        "--gazetteer",
        metavar="FILE",
        default=None,
        help="a CSV of your own actors (columns of data/gazetteer.csv), read over the shipped ones",
    )
    p.set_defaults(func=_cmd_label)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``stance`` command."""
    parser = argparse.ArgumentParser(
        prog="stance",
        description="Who said what: actors and their stances on human-rights accountability.",
    )
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("dataset", help="show an annotated dataset of the project")
    p.add_argument("name", choices=[*DATASETS, "all"])
    p.add_argument("--split", help="one split only (default: all of them)")
    p.add_argument("--format", choices=["table", "jsonl"], default="table")
    p.add_argument("--limit", type=int, default=0, help="show at most N statements per split")
    p.set_defaults(func=_cmd_dataset)

    p = sub.add_parser("segment", help="cut documents into statements with character offsets")
    p.add_argument("files", nargs="+", help="UTF-8 text files, or - for standard input")
    p.add_argument("--format", choices=["table", "jsonl"], default="table")
    p.set_defaults(func=_cmd_segment)

    p = sub.add_parser("train", help="train a model and save it to a safe model file")
    p.add_argument(
        "--model",
        default="context",
        help="a registered model name, or auto (chosen by cross-validation on the data)",
    )
    p.add_argument(
        "--data", default="all", help="seeds, extended, all, or your own .csv/.jsonl file"
    )
    p.add_argument("--text-col", default="text")
    p.add_argument("--label-col", default="label")
    p.add_argument("--target-col", default=None, help="what each text takes a stance on")
    p.add_argument("--context-col", default=None, help="context text read apart from the text")
    p.add_argument(
        "--group-col", default=None, help="auto: keep each group (document, author) in one fold"
    )
    p.add_argument(
        "--average-labels",
        default=None,
        metavar="A,B",
        help="auto: choose by the mean F1 of these labels (default: macro-F1)",
    )
    p.add_argument(
        "--budget", type=_seconds, default=300.0, help="auto: time for the search (default 300s)"
    )
    p.add_argument("--seed", type=int, default=0, help="auto: seed of the folds (default 0)")
    p.add_argument("-o", "--output", default="model.stance")
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser(
        "evaluate", help="score a model file on a project dataset split or your own test table"
    )
    p.add_argument("model", help="a model file, or 'default'")
    p.add_argument("--dataset", default="seeds", choices=[*DATASETS])
    p.add_argument("--split", default="test")
    p.add_argument(
        "--data", default=None, help="your own .csv/.jsonl test table, with the model's columns"
    )
    p.add_argument(
        "--label-col", default=None, help="label column of --data (default: the model's)"
    )
    p.add_argument(
        "--average-labels",
        default=None,
        metavar="A,B",
        help="also report the mean F1 of these labels (e.g. FAVOR,AGAINST)",
    )
    p.add_argument("--resamples", type=int, default=1000)
    p.add_argument("--json", action="store_true", help="print the whole report as JSON")
    p.set_defaults(func=_cmd_evaluate)

    _add_label_command(sub)

    p = sub.add_parser("report", help="an HTML page of who said what from `stance label` output")
    p.add_argument("results", help="a .jsonl or .csv output of stance label")
    p.add_argument("-o", "--output", default="report.html")
    p.add_argument("--title", default=None)
    p.set_defaults(func=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``stance`` command; returns the exit code.

    Examples
    --------
    >>> main(["dataset", "seeds", "--split", "test", "--limit", "1", "--format", "jsonl"])
    ... # doctest: +ELLIPSIS
    {"id": "seed-001-00", ...}
    0
    """
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ValueError, FileNotFoundError) as exc:
        # Bad input (a missing column, a tampered model file ...): one clear line, no traceback.
        print(f"stance: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader left early (`stance dataset seeds | head`): not a failure of this command.
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def run() -> None:
    """The ``stance`` console script (and ``python -m stance.cli``): :func:`main`, then exit
    with its code.

    Before exiting, every object left is frozen out of the garbage collector: the process ends
    and the system takes its memory back, but the collections Python runs while shutting down
    would first walk every object once more (more than half a second after a batch run,
    a few percent of labelling the corpus). Tests call :func:`main`, which leaves the
    collector alone.
    """
    code = main()
    gc.freeze()
    raise SystemExit(code)


if __name__ == "__main__":
    run()
