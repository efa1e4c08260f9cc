"""storyscope: group news articles into stories and write briefings that cite their sources."""

from __future__ import annotations

import os

# Model packages must never reach for a hub at run time: fail fast on a mistaken model name instead.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Model loading progress bars are noise on a command-line tool's stderr, where our errors go.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

__version__ = "0.1.0"

__all__ = ["__version__"]
