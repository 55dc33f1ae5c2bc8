#!/usr/bin/env bash
# Regenerates tests/fixtures/keras/ with Keras 3 on tensorflow-cpu 2.21.0 from PyPI, in a venv
# outside the repo. Not part of make test: the fixtures are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${CONVLAB_KERAS_VENV:-$HOME/.cache/convlab-keras}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import tensorflow' 2>/dev/null || "$venv/bin/pip" install -q tensorflow-cpu==2.21.0
"$venv/bin/python" scripts/keras_fixtures.py
