"""Shared test data and helpers: the seed articles, small inputs, the `stance label` command."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

FRENCH = (
    "Le gouvernement a refusé de répondre aux questions des journalistes sur la situation "
    "dans la région. Les organisations de défense des droits de l'homme demandent une enquête."
)

HTML = (
    "<html><head><title>Site</title></head><body><nav>Home | World</nav><article>"
    "<h1>Rights groups urge inquiry</h1><p>Human Rights Watch urged the UN to open an "
    "inquiry into abuses in Xinjiang.</p><p>The meeting took place on Monday.</p></article>"
    "<footer>Contact us</footer></body></html>"
)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _articles_file(path: Path, texts: list[str]) -> Path:
    """A JSONL input of many articles, ids a0, a1, ..."""
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    return path


def _label_command(source: Path, out: Path, model_file: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "stance.cli", "label", str(source), "-o", str(out),
            "--model", model_file, *extra]  # fmt: skip


def _wait_until_written(out: Path, size: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < size):
        time.sleep(0.02)
