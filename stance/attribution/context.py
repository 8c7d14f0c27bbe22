"""What the attribution of one sentence reads from its document and the sentences before it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..gazetteer import Actor, Gazetteer
from .mentions import Memory
from .quotes import Spans
from .records import Attribution, Mention


@dataclass
class Context:
    """The state of a document pass, updated sentence by sentence.

    Attributes
    ----------
    gaz : Gazetteer
        Known actors.
    people : Memory
        Persons and organisations named so far (surnames, "he", "the party").
    quotes : Spans
        The document's quoted passages.
    quote_speaker : dict
        The speaker found for each quote so far, by its span.
    voice : Actor or None
        The document's voice in the current turn (``None`` in a journalist's question).
    speaker_voice : bool
        Whether that voice speaks every sentence (a person or a state as voice) rather than
        publishing others' positions (an organisation's release).
    last : Attribution or None
        The actor of the last attributed statement.
    previous : Attribution or None
        The attribution of the sentence just before.
    last_mentions : list of Mention
        The mentions of the last sentence that had any.
    """

    gaz: Gazetteer
    people: Memory
    quotes: Spans
    quote_speaker: dict[tuple[int, int], Attribution] = field(default_factory=dict)
    voice: Actor | None = None
    speaker_voice: bool = False
    last: Attribution | None = None
    previous: Attribution | None = None
    last_mentions: list[Mention] = field(default_factory=list)
