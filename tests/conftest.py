"""Shared test set-up: the hub is never reachable, so make any attempt fail loudly."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
