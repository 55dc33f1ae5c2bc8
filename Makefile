# ConvLab: two commands do everything on a fresh machine (see README.md).
#   make serve  — install what is missing, fetch MNIST, build a release and serve it on http://127.0.0.1:8080
#   make test   — the same installs plus Chromium, then native tests, release build and browser tests
#   make dist   — the release site in dist/, ready for any static host (see README: "Hosting")
SHELL := /bin/bash
# tools/node_modules/.bin first: its wasm-opt 116 (npm binaryen) must win over any other wasm-opt.
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# The browser tests also host the site under this sub-path, built with Trunk's --public-url.
SUBPATH_SITE := target/site-subpath/convlab

.PHONY: serve test dist site lint tools tools-browser data e2e-deps native-test build build-subpath e2e bench fuzz clean

serve: tools data
	trunk serve --release --address 127.0.0.1 --port 8080

test: tools-browser data e2e-deps lint native-test build build-subpath e2e

dist site: tools data build

tools:
	@scripts/install-tools.sh

tools-browser:
	@scripts/install-tools.sh --browser

data:
	@scripts/fetch-mnist.sh

# npm ci only when package-lock.json changed since the last install.
e2e-deps: tests/e2e/node_modules/.installed
tests/e2e/node_modules/.installed: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund
	touch $@

# Formatting (rustfmt.toml) and clippy, for the host (engine, CLI, tests) and for the page (wasm32).
lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --bins -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --features relaxed-simd -- -D warnings

# Every test, then the parser mutation and CLI abuse tests again with their counts shown (seconds).
native-test:
	cargo test --locked
	cargo test --locked --test parser_mutation --test cli_abuse -- --nocapture

build:
	trunk build --release

build-subpath:
	trunk build --release --public-url /convlab/ --dist $(SUBPATH_SITE)

e2e:
	cd tests/e2e && node --test --test-concurrency=1

bench:
	cargo run --release --locked --bin convlab-cli -- bench

# Coverage-guided fuzzing of the parsers and shape arithmetic (nightly + cargo-fuzz, installed when
# missing): FUZZ_SECONDS per target, default 60. See scripts/fuzz.sh.
fuzz:
	@scripts/fuzz.sh

clean:
	cargo clean
	rm -rf dist tests/e2e/node_modules
