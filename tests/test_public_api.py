"""The public API is controlled: every name in ``__all__`` imports and is documented."""

from __future__ import annotations

import importlib
import inspect

import pytest

import stance

MODULES = [
    "stance",
    "stance.segmentation",
    "stance.data",
    "stance.labels",
    "stance.similarity",
    "stance.cli",
    "stance.models",
    "stance.evaluation",
    "stance.training",
    "stance.persistence",
    "stance.gazetteer",
    "stance.attribution",
    "stance.readers",
    "stance.language",
    "stance.labelling",
    "stance.batch",
    "stance.report",
    "stance.report_svg",
]


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_name_imports_and_has_a_docstring(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__all__, module_name
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__, f"{module_name}.{name} has no docstring"


def test_top_level_api() -> None:
    assert set(stance.__all__) == {
        "ACTOR_TYPES",
        "DATASETS",
        "STANCES",
        "Actor",
        "Attribution",
        "Gazetteer",
        "LabelledDocument",
        "ModelFileError",
        "Segment",
        "Statement",
        "TrainedModel",
        "__version__",
        "attribute",
        "clean_inline",
        "default_model",
        "evaluate",
        "evaluate_attribution",
        "label",
        "label_many",
        "load_dataset",
        "load_model",
        "segment",
        "to_dataframe",
        "to_dataset",
        "train",
    }
    assert stance.STANCES == (
        "urge_accountability",
        "condemn",
        "deny",
        "allege_interference",
        "neutral",
    )
    assert stance.ACTOR_TYPES == (
        "ngo",
        "igo",
        "government",
        "legislature",
        "media",
        "public",
        "none",
    )


def test_package_is_typed() -> None:
    from importlib import resources

    assert resources.files("stance").joinpath("py.typed").is_file()
