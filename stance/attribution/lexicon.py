"""The words attribution reads, loaded once from the tables in ``stance/_resources/attribution/``.

Each table is one concept (cue verbs, titles, organisation words, group nouns and their
modifiers, state bodies, run openers, words that are no names), lists each word once and says
why in its ``comment`` column; a word that serves several concepts ("delegation": a title, an
organisation word, a state body) sits in each table whose concept it belongs to. The algorithms
(:mod:`.patterns`, :mod:`.mentions`, :mod:`.cues`) hold no word lists of their own but for
short closed grammatical sets written into their patterns (prepositions, pronouns).

Examples
--------
>>> TITLES["spokesperson"], TITLES["president"], ORG_TYPES["watch"]
('government', None, 'ngo')
>>> "the" in RUN_OPENERS and "the" in LEADING_STOP, "dr" in RUN_OPENERS, "dr" in LEADING_STOP
(True, True, False)
"""

from __future__ import annotations

from ..resources import read_table

__all__ = [
    "BODY_OF_NOUNS",
    "BODY_TYPES",
    "DESCRIPTION_TYPES",
    "GROUP_MODIFIERS",
    "GROUP_NOUNS",
    "GROUP_TYPES",
    "LEADING_STOP",
    "NOT_NAMES",
    "ORG_TYPES",
    "POSITION_CUES",
    "RUN_OPENERS",
    "SPEECH_CUES",
    "STATE_BODY_NOUNS",
    "TITLES",
]


def _table(name: str) -> list[dict[str, str]]:
    return read_table(f"attribution/{name}.csv")


_cues = _table("cue_verbs")
# Verbs that report speech or writing. With a known voice (a spokesperson's answer, a state's
# speech) only these move the statement to someone else: "the US has accused China" in an
# answer is still the spokesperson's position about the US.
SPEECH_CUES: tuple[str, ...] = tuple(r["cue"] for r in _cues if r["kind"] == "speech")
# Verbs (and phrases) of position and action: the actor takes a stance by doing them.
POSITION_CUES: tuple[str, ...] = tuple(r["cue"] for r in _cues if r["kind"] == "position")

# Title word -> the actor type it implies (None: the organisation named with it decides).
TITLES: dict[str, str | None] = {r["title"]: r["actor_type"] or None for r in _table("titles")}
# Last word of an organisation's name -> the actor type it implies.
ORG_TYPES: dict[str, str] = {r["word"]: r["actor_type"] for r in _table("organisation_words")}

# Heads of common-noun phrases that may hold a position ("the authorities"): the ranker's
# candidates beyond names, with a first guess of their type.
DESCRIPTION_TYPES: dict[str, str] = {
    r["noun"]: r["actor_type"] for r in _table("description_nouns")
}

_groups = _table("group_nouns")
# Heads of a phrase naming a group ("43 countries"), as written, and their types (casefolded).
GROUP_NOUNS: tuple[str, ...] = tuple(r["noun"] for r in _groups)
GROUP_TYPES: dict[str, str] = {r["noun"].casefold(): r["actor_type"] for r in _groups}
# Words that may stand before a group noun, matched in any case.
GROUP_MODIFIERS: tuple[str, ...] = tuple(r["modifier"] for r in _table("group_modifiers"))

_bodies = _table("state_bodies")
# "Chinese delegation", "French Ambassador", "US officials": a state's body or official.
STATE_BODY_NOUNS: tuple[str, ...] = tuple(r["noun"] for r in _bodies)
BODY_TYPES: dict[str, str] = {r["noun"]: r["actor_type"] for r in _bodies}
# "the governments of Australia and New Zealand": the state named after "of".
BODY_OF_NOUNS: tuple[str, ...] = tuple(r["noun"] for r in _table("body_of_nouns"))

_openers = _table("run_openers")
# Dropped from the front of a run of capitalised words ("But", "On Monday", "Mr").
RUN_OPENERS: frozenset[str] = frozenset(r["word"] for r in _openers)
# The run openers that are never a surname either.
LEADING_STOP: frozenset[str] = frozenset(r["word"] for r in _openers if r["not_a_surname"] == "yes")
# Capitalised words that do not occur in a person's name (policy areas, documents, places).
NOT_NAMES: frozenset[str] = frozenset(r["word"] for r in _table("not_names"))

del _cues, _groups, _bodies, _openers
