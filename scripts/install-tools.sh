#!/usr/bin/env bash
# Installs the build tools ConvLab needs, each only when it is missing or at the wrong version,
# so a warm machine installs nothing. Versions follow ../shared/notes/toolchain.md (tried here).
# Usage: install-tools.sh [--browser]   (--browser also installs Debian's chromium + chromedriver)
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_OPT_VERSION=0.116.1
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly, or the build fails.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

say() { printf '[install] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

if ! has_version trunk "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 14 minutes cold)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes cold)"
  # No --locked: the registry here lacks one of its pinned transitive versions.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
# Debian's binaryen (wasm-opt 108) breaks the page; only the crates.io build (binaryen 116) is used,
# and it must come first on PATH.
if ! [ -x "$HOME/.cargo/bin/wasm-opt" ] || ! "$HOME/.cargo/bin/wasm-opt" --version | grep -q 'version 116'; then
  say "installing wasm-opt $WASM_OPT_VERSION (builds binaryen 116 from C++, about 14 minutes cold)"
  cargo install wasm-opt --version "$WASM_OPT_VERSION" --locked
fi

if [ "${1:-}" = "--browser" ]; then
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ] || ! [ -d /usr/share/fonts/opentype/noto ]; then
    say "installing Debian's chromium, chromium-driver and CJK fonts (for readable Chinese screenshots)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  fi
fi
say "tools ready"
