#!/usr/bin/env bash
# Creates .venv and installs storyscope with everything it needs, offline but for PyPI.
# torch goes in first from the CPU wheel: anything that depends on torch would otherwise pull a CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[dev]"
