"""``python -m storyscope``."""

import sys

from storyscope.cli import main

sys.exit(main())
