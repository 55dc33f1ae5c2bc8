#!/usr/bin/env bash
# The engine in V8 without a browser: builds tools/wasm-bench for wasm32-wasip1 twice (plain SIMD and
# relaxed SIMD) and runs both under Node, alternating ROUNDS times (this machine's speed drifts, so
# compare neighbouring lines). Node 20 needs --experimental-wasm-relaxed-simd for the relaxed build.
# Usage: scripts/wasm-bench.sh [ROUNDS] [bench STEPS BATCH | gemm]
set -euo pipefail
cd "$(dirname "$0")/../tools/wasm-bench"
rounds=${1:-2}; shift || true
rustup target add wasm32-wasip1 >/dev/null 2>&1
export RUSTFLAGS="-C target-feature=+simd128"
cargo build -q --release --target wasm32-wasip1 --target-dir target/plain
cargo build -q --release --target wasm32-wasip1 --target-dir target/relaxed --features relaxed-simd
for r in $(seq "$rounds"); do
  for build in plain relaxed; do
    echo "### round $r: $build SIMD"
    node --no-liftoff --experimental-wasm-relaxed-simd --no-warnings run.mjs \
      "target/$build/wasm32-wasip1/release/convlab-wasm-bench.wasm" "${@:-bench}"
  done
done
