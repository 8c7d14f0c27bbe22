"""The retyper: features of a mention, the document's country, the model file."""

from __future__ import annotations

import json

import pytest

from stance.attribution.retype import (
    RETYPE_FILE,
    Retyper,
    default_retyper,
    document_countries,
    type_features,
)


def test_type_features_read_the_mention_and_its_first_naming() -> None:
    text = "Pakistan’s prime minister, Imran Khan, spoke. Later, Khan said the army lied."
    first = (27, 37)
    later = text.index("Khan said")
    f = type_features(text, later, later + 4, "public", first)
    assert f["m:khan"] == 1.0 and f["rule_type=public"] == 1.0
    assert f["b:minister"] == 1.0  # from where Khan was first named
    assert f["a:said"] == 1.0


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        ([], ("", 0.0)),
        (["", ""], ("", 0.0)),
        (["NGA", "NGA", "USA", ""], ("NGA", 2 / 3)),
    ],
)
def test_document_countries(countries: list[str], expected: tuple[str, float]) -> None:
    assert document_countries(countries) == pytest.approx(expected)


def test_predict_is_a_softmax_over_the_labels() -> None:
    r = Retyper(
        {"type": {"ngo": {"m:watch": 2.0}, "public": {}}},
        {"type": {"ngo": 0.0, "public": 0.0}},
    )
    label, p = r.predict("type", {"m:watch": 1.0})
    assert label == "ngo" and p == pytest.approx(0.8808, abs=1e-4)


def test_the_shipped_retyper_loads_and_predicts_known_labels() -> None:
    r = default_retyper()
    assert r is not None and RETYPE_FILE.exists()
    label, p = r.predict("type", type_features("the court ruled", 0, 9, "government"))
    assert label in {"government", "ngo", "igo", "legislature", "media", "public"}
    assert 0.0 < p <= 1.0
    assert set(r.weights["country"]) == {"document", "keep"}


def test_a_bad_retyper_file_is_refused_with_its_name(tmp_path) -> None:
    path = tmp_path / "retype.json"
    path.write_text(json.dumps({"weights": {}}))
    with pytest.raises(ValueError, match="not a retyper file") as err:
        Retyper.load(path)
    assert str(path) in str(err.value)
