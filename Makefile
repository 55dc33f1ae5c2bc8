# ConvLab: two commands do everything on a fresh machine (see README.md).
#   make serve  — install what is missing, fetch MNIST, build a release and serve it on http://127.0.0.1:8080
#   make test   — the same installs plus Chromium, then native tests, release build and browser tests
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: serve test tools tools-browser data e2e-deps native-test build e2e bench clean

serve: tools data
	trunk serve --release --address 127.0.0.1 --port 8080

test: tools-browser data e2e-deps native-test build e2e

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

native-test:
	cargo test --locked

build:
	trunk build --release

e2e:
	cd tests/e2e && node --test --test-concurrency=1

bench:
	cargo run --release --locked --bin convlab-cli -- bench

clean:
	cargo clean
	rm -rf dist tests/e2e/node_modules
