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
"""

# Defined before the imports: submodules record it in the files they write.
__version__ = "0.1.0"

from .data import DATASETS, load_dataset
from .labels import ACTOR_TYPES, STANCES
from .persistence import ModelFileError
from .segmentation import Segment, clean_inline, segment
from .training import TrainedModel, default_model, evaluate, load_model, train

__all__ = [
    "ACTOR_TYPES",
    "DATASETS",
    "STANCES",
    "ModelFileError",
    "Segment",
    "TrainedModel",
    "__version__",
    "clean_inline",
    "default_model",
    "evaluate",
    "load_dataset",
    "load_model",
    "segment",
    "train",
]
