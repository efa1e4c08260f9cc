import sys
from pathlib import Path

# Test helpers (builders.py) are imported as a top-level module.
sys.path.insert(0, str(Path(__file__).resolve().parent))
