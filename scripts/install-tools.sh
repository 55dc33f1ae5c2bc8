#!/usr/bin/env bash
# Installs the build tools ConvLab needs, each only when it is missing or at the wrong version,
# so a warm machine installs nothing. Versions follow ../shared/notes/toolchain.md (tried here).
# Usage: install-tools.sh [--browser]   (--browser also installs Debian's chromium + chromedriver)
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly, or the build fails.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

say() { printf '[install] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

# The build tools only orchestrate (the heavy lifting is rustc's and wasm-opt's), so they are built
# without their release profiles' fat LTO and single codegen unit: measured cold on 2 cores,
# trunk takes 11 minutes this way instead of about 14.
tool_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install "$@"
}

if ! has_version trunk "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 11 minutes cold)"
  tool_install trunk --version "$TRUNK_VERSION" --locked
fi
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes cold)"
  # No --locked: the registry here lacks one of its pinned transitive versions.
  tool_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
# wasm-opt 116 from the npm package binaryen@116.0.0 (pinned in tools/package-lock.json): a ready
# program, installed in seconds, whose output is byte-identical to the crates.io wasm-opt 0.116.1 that
# compiles binaryen's C++ for ~15 minutes. Debian's binaryen (wasm-opt 108) breaks the page; the
# Makefile puts tools/node_modules/.bin first on PATH so Trunk finds this one.
if ! [ -x tools/node_modules/.bin/wasm-opt ] || ! tools/node_modules/.bin/wasm-opt --version | grep -q 'version 116'; then
  say "installing wasm-opt 116 (npm package binaryen@116.0.0)"
  (cd tools && npm ci --no-audit --no-fund)
fi

if [ "${1:-}" = "--browser" ]; then
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ] || ! [ -d /usr/share/fonts/opentype/noto ]; then
    say "installing Debian's chromium, chromium-driver and CJK fonts (for readable Chinese screenshots)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  fi
fi
say "tools ready"
