"""stance: who said what in human-rights advocacy texts.

Label every statement of an article with its actor (name, type, country) and its stance:
``urge_accountability``, ``condemn``, ``deny``, ``allege_interference`` or ``neutral``, as
``data/CODEBOOK.md`` defines them.

Examples
--------
>>> import stance
>>> [s.text for s in stance.segment("Beijing's response\\nWang said no. He left.")]
["Beijing's response", 'Wang said no.', 'He left.']
>>> sorted(stance.load_dataset("seeds"))
['test', 'train']

Label an article (the default model is trained at first use and cached):

>>> s = stance.label("Human Rights Watch urged the UN to investigate abuses in Xinjiang.")[0]
>>> s.stance, s.actor, s.actor_type, s.cue
('urge_accountability', 'Human Rights Watch', 'ngo', 'urged')
"""

from ._version import __version__
from .attribution import Attribution, attribute
from .data import DATASETS, load_dataset
from .evaluation import evaluate, evaluate_attribution
from .gazetteer import Actor, Gazetteer
from .labelling import (
    LabelledDocument,
    Statement,
    label,
    label_many,
    to_dataframe,
    to_dataset,
)
from .labels import ACTOR_TYPES, STANCES
from .persistence import ModelFileError
from .segmentation import Segment, clean_inline, segment
from .trained import TrainedModel, load_model
from .training import default_model, train

__all__ = [
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
]
