"""The one place that finds the files stance ships: resources and project data.

Two kinds of file come with the package:

* resources, inside the package (``stance/_resources/``): the sentence splitter's parameters,
  the attribution word tables, the pre-trained default model. They are read with
  :mod:`importlib.resources`, so a wheel, an editable install or a zip all work;
* project data, kept at the top of the repository (``data/``, ``seeds/``) and copied into a
  wheel under ``stance/_data/``: the annotated datasets, the gazetteer, the seed articles. The
  wheel's copy wins; an editable install or a source checkout reads the repository's.

Examples
--------
>>> data_file("gazetteer.csv").name
'gazetteer.csv'
>>> read_table("attribution/titles.csv")[0]["title"]
'spokesperson'
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

__all__ = ["PACKAGE_DIR", "data_file", "read_table", "resource_path", "resource_text"]

PACKAGE_DIR = Path(__file__).parent


def resource_text(name: str) -> str:
    """The text of ``stance/_resources/<name>`` (``name`` may hold ``/``)."""
    return resources.files("stance").joinpath("_resources", *name.split("/")).read_text("utf-8")


def resource_path(name: str) -> Path:
    """The path of ``stance/_resources/<name>``, for files opened by path (a model file)."""
    return PACKAGE_DIR / "_resources" / name


def read_table(name: str) -> list[dict[str, str]]:
    """The rows of a CSV resource, in file order; lines opening with ``#`` document the table.

    Every cell is a string; an empty cell is ``""``.
    """
    lines = [line for line in resource_text(name).splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def data_file(name: str, *, repo_dir: str = "data", what: str = "") -> Path:
    """Where a file of project data lies: ``stance/_data/<name>`` in a wheel, else
    ``<repository>/<repo_dir>/<basename>`` in a source checkout.

    Parameters
    ----------
    name : str
        The file's path under ``stance/_data/`` (``"news.jsonl"``, ``"seeds/x.txt"``).
    repo_dir : str
        Its folder at the top of the repository (``"data"``, or ``"seeds"`` for seed articles).
    what : str
        How an error names the file (default: its name), and what to do about it.

    Raises
    ------
    FileNotFoundError
        If the file is in neither place.
    """
    wheel = PACKAGE_DIR / "_data" / name
    repo = PACKAGE_DIR.parent / repo_dir / Path(name).name
    for candidate in (wheel, repo):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        what or f"{name} is neither in {wheel.parent} nor in {repo.parent}; reinstall stance"
    )
