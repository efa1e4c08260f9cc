#!/usr/bin/env bash
# Set up (if needed) and brief the bundled example story: Markdown on stdout, HTML in brief.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/storyscope brief examples/*.txt --format md
.venv/bin/storyscope brief examples/*.txt --format html -o brief.html
echo "wrote brief.html" >&2
