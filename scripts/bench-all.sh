#!/usr/bin/env bash
# Every speed number docs/benchmarks.md reports, in one run on this machine (the machine's speed
# drifts, so compare within one run): the CLI with its per-layer breakdown, the CLI beside Keras on
# one thread, TF.js in Chromium, the MNIST lab's team of workers (the lab's own choice, then one
# plain-SIMD worker), and the /bench page's per-layer breakdown in Chromium.
# Usage: scripts/bench-all.sh   (after `make build`: it benchmarks dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "### $(date -u) convlab-cli bench --layers"
cargo build --release --locked --bin convlab-cli 2>/dev/null
target/release/convlab-cli bench --steps 20 --layers
echo "### $(date -u) Keras, one thread"
scripts/keras_bench.sh 20 2>&1 | grep -v -e absl -e oneDNN
echo "### $(date -u) TF.js in Chromium"
../shared/bench/tfjs-peer/run 3 cpu:seed cpu:lenet 2>&1 | grep '^{'
echo "### $(date -u) the lab: the team it chooses"
node tests/e2e/bench-lab.mjs 2>&1 | grep '^{'
echo "### $(date -u) the lab: one worker, plain SIMD"
node tests/e2e/bench-lab.mjs 'workers=1&simd=plain' 2>&1 | grep '^{'
echo "### $(date -u) /bench page (main thread, plain SIMD) with its per-layer breakdown"
node tests/e2e/bench.mjs 10 2>&1 | grep -v deprecated
