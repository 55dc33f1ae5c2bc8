#!/usr/bin/env bash
# Keras beside convlab-cli bench, in one run on this machine: prints both and the ratio.
# Usage: scripts/keras_bench.sh [STEPS]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${CONVLAB_KERAS_VENV:-$HOME/.cache/convlab-keras}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import tensorflow' 2>/dev/null || "$venv/bin/pip" install -q tensorflow-cpu==2.21.0
steps=${1:-10}
cargo build --release --locked --bin convlab-cli 2>/dev/null
ours=$(target/release/convlab-cli bench --steps "$steps")
theirs=$(KERAS_THREADS=1 "$venv/bin/python" scripts/keras_bench.py "$steps")
echo "$ours"
echo "$theirs"
python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours = {d["model"]: d for d in map(json.loads, sys.argv[1].splitlines())}
theirs = {d["model"]: d for d in map(json.loads, sys.argv[2].splitlines())}
for m in ours:
    print(f"{m}: convlab {ours[m]['train_samples_per_s']:.0f} samples/s vs keras(1 thread) {theirs[m]['train_samples_per_s']:.0f} "
          f"→ ratio {ours[m]['train_samples_per_s'] / theirs[m]['train_samples_per_s']:.2f}×")
PY
