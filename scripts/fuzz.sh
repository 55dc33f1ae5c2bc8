#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing (libFuzzer via cargo-fuzz, nightly) of every reader of
# untrusted bytes, each target for FUZZ_SECONDS (default 60), starting from real files. Installs
# nightly and cargo-fuzz 0.12.0 when missing. Prints each target's runs and the verdict; a crash
# leaves its input in fuzz/artifacts/<target>/ and fails the run. Not part of `make test` (which
# runs the deterministic mutation test, tests/parser_mutation.rs, on stable in seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets=(idx safetensors gzip design ppm shapes lab_link lesson_link)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo fuzz --version 2>/dev/null | grep -q '0.12.0' || cargo +stable install cargo-fuzz --locked --version 0.12.0

# Seed corpora: the real files each reader is made for.
for t in "${targets[@]}"; do mkdir -p "fuzz/corpus/$t"; done
cp assets/samples/t10k-images-100.idx assets/samples/t10k-labels-100.idx fuzz/corpus/idx/
cp assets/models/lenet5.safetensors fuzz/corpus/safetensors/
gzip -c assets/samples/t10k-labels-100.idx > fuzz/corpus/gzip/labels.gz
cp assets/photos/astronaut-128.ppm fuzz/corpus/ppm/
printf '%s' '{"name":"tiny","input":[1,28,28],"layers":[{"type":"conv2d","filters":4,"kernel":3,"padding":"valid","activation":"relu"},{"type":"max_pool","size":2,"stride":2,"padding":"valid"},{"type":"flatten"},{"type":"dense","units":10,"activation":"softmax"}]}' > fuzz/corpus/design/tiny.json
printf '%s' 'model=lenet5&opt=adam&lr=0.001&batch=128&epochs=2&images=10000&test=7' > fuzz/corpus/lab_link/teacher.txt
printf '%s' 'f=1,2,3&g=0.5,0.5&step=4&cells=1,3,2,4,5,6,7,8,3,2,1,0,1,2,3,10' > fuzz/corpus/lesson_link/teacher.txt
printf '\x01\0\0\0\x1c\0\0\0\x1c\0\0\0\x05\0\0\0\0\0\0\0\x06\0\0\0\0\0\0\0\x0a\0\0\0' > fuzz/corpus/shapes/dense.bin

cd fuzz
cargo +nightly fuzz build -O --strip-dead-code
status=0
for t in "${targets[@]}"; do
  log="$(mktemp)"
  if cargo +nightly fuzz run -O --strip-dead-code "$t" "corpus/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=512 -print_final_stats=1 >"$log" 2>&1; then
    verdict="no crash"
  else
    verdict="CRASH (see fuzz/artifacts/$t/)"; status=1
  fi
  runs="$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  printf 'fuzz %-12s %8s inputs in %ss, %s\n' "$t" "$runs" "$seconds" "$verdict"
  [ "$status" = 0 ] || tail -30 "$log"
  rm -f "$log"
done
exit "$status"
