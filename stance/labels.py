"""The label scheme: stances and actor types, as ``data/CODEBOOK.md`` defines them."""

from __future__ import annotations

__all__ = [
    "ACTOR_TYPES",
    "NEUTRAL",
    "POSITIONS",
    "SHORT_NAMES",
    "STANCES",
    "check_scheme",
    "validate_labels",
]

STANCES: tuple[str, ...] = (
    "urge_accountability",
    "condemn",
    "deny",
    "allege_interference",
    "neutral",
)
"""Stance of a statement's actor, in the codebook's order of precedence for mixed statements."""

NEUTRAL = "neutral"
"""The stance of a statement in which nobody takes a position (its actor is ``none``)."""

POSITIONS: tuple[str, ...] = tuple(s for s in STANCES if s != NEUTRAL)
"""The stances that are a position of an actor."""

SHORT_NAMES: dict[str, str] = {
    "urge_accountability": "urge",
    "condemn": "condemn",
    "deny": "deny",
    "allege_interference": "interf.",
    NEUTRAL: "neutral",
}
"""Column headings for narrow tables (the summary of ``stance label``)."""

ACTOR_TYPES: tuple[str, ...] = (
    "ngo",
    "igo",
    "government",
    "legislature",
    "media",
    "public",
    "none",
)
"""Kind of actor that holds a statement's stance; ``none`` for every ``neutral`` statement."""


def validate_labels(record: dict, where: str = "record") -> None:
    """Check one annotated statement against the scheme.

    Parameters
    ----------
    record : dict
        Needs ``stance``, ``actor``, ``actor_type`` and ``country``.
    where : str
        Named in the error message, e.g. ``"data/seeds.jsonl line 4"``.

    Raises
    ------
    ValueError
        Naming ``where`` and the field at fault.

    Examples
    --------
    >>> validate_labels({"stance": "deny", "actor": "Liu Pengyu", "actor_type": "government",
    ...                  "country": "CHN"})
    >>> validate_labels({"stance": "doubt", "actor": "x", "actor_type": "ngo", "country": ""})
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: record: stance 'doubt' is not one of urge_accountability, condemn, ...
    """
    for field in ("stance", "actor", "actor_type", "country"):
        if field not in record:
            raise ValueError(f"{where}: missing field {field!r}")
    check_scheme(record["stance"], record["actor_type"], where)
    country = record["country"]
    if country and not (len(country) == 3 and country.isascii() and country.isupper()):
        raise ValueError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-3 code")
    nobody = record["actor"] == "none" and record["actor_type"] == "none" and not country
    if (record["stance"] == "neutral") != nobody:
        raise ValueError(
            f"{where}: a neutral statement has actor 'none', type 'none' and no country, and"
            " only a neutral one does"
        )


def check_scheme(stance: object, actor_type: object, where: str = "record") -> None:
    """Raise ValueError, naming ``where``, unless both labels belong to the scheme.

    Shared by the gold data (:func:`validate_labels`) and by readers of predictions, which need
    not follow the gold data's rule that only neutral statements have no actor.

    Examples
    --------
    >>> check_scheme("deny", "government")
    >>> check_scheme("deny", "army", "line 3")
    Traceback (most recent call last):
    ...
    ValueError: line 3: actor_type 'army' is not one of ngo, igo, government, legislature, media, public, none
    """  # noqa: E501
    if stance not in STANCES:
        raise ValueError(f"{where}: stance {stance!r} is not one of {', '.join(STANCES)}")
    if actor_type not in ACTOR_TYPES:
        raise ValueError(
            f"{where}: actor_type {actor_type!r} is not one of {', '.join(ACTOR_TYPES)}"
        )
