"""Actor attribution: who holds the position of each statement.

The rules read each sentence for a cue (a reporting verb or a verb of position such as "urged",
"condemned", "denied", "according to") and the actor mention that goes with it, then carry the
answer through the document: a quote that runs over several sentences keeps its speaker, "he",
"she", "the group" or "the spokesperson" resolve to the last fitting actor, and a sentence with
no cue of its own falls to the document's own voice (the publisher of a release, the
spokesperson answering, the state giving a speech) when one is known, else to the actor of the
sentences before it. Known actors come from the gazetteer; a name it does not know is typed
from its title ("Congressman", "spokesperson"), its apposition ("president of the World Uyghur
Congress"), a demonym ("French Ambassador ...") or an organisation suffix.

Everything is regular expressions over one sentence at a time plus a little state carried from
sentence to sentence, so the cost is linear in the length of the document and nothing beyond
the standard library is needed (no parser, no neural model).

The package reads in one direction: :mod:`.lexicon` (word tables, data files in
``stance/_resources/attribution/``) -> :mod:`.patterns` (regular expressions built from them)
-> :mod:`.mentions` (actors named in a sentence) and :mod:`.quotes` (quoted passages) ->
:mod:`.cues` (the actor each cue links to) -> :mod:`.document` (the pass over a document,
carrying a :class:`~.context.Context` from sentence to sentence). :mod:`.voice` reads whose own
voice a document is in from its lead, sign-off or speaker turns (:func:`infer_voice`).

Every :class:`Attribution` keeps its evidence: the cue, the character span of the actor mention
in the document (``None`` when the actor comes from metadata or was not named in the text) and
the rule that decided.

Examples
--------
>>> from stance.segmentation import segment
>>> text = ('"We will not stop," said Dolkun Isa, president of the World Uyghur Congress. '
...         'He added that the camps must close.')
>>> for a in attribute(text, segment(text)):
...     print(a.actor, a.actor_type, a.country or "-", a.cue, a.rule)
Dolkun Isa ngo - said quote
Dolkun Isa ngo - added pronoun
"""

from .document import attribute
from .mentions import is_group_phrase, resolve_actor
from .records import NO_ACTOR, Attribution
from .voice import InferredVoice, infer_voice

__all__ = [
    "NO_ACTOR",
    "Attribution",
    "InferredVoice",
    "attribute",
    "infer_voice",
    "is_group_phrase",
    "resolve_actor",
]
