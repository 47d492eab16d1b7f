# mailsleuth: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libssl-dev libmagic-dev libunbound-dev publicsuffix dns-root-data dnsmasq strace pkg-config python3-pip

.PHONY: deps build demo test release clean fuzz fuzz-smoke sanitize bench

## Install the system packages mailsleuth and its tests need (Debian/Ubuntu).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi
	@python3 -c 'import dkim' 2>/dev/null || python3 -m pip install --quiet dkimpy pynacl dnspython 2>/dev/null || python3 -m pip install --quiet --break-system-packages dkimpy pynacl dnspython || true

build: deps
	$(SWIFT) build

## Build and analyze a sample message offline, with the samples' own DNS zone.
demo: build
	$(SWIFT) run mailsleuth analyze --dns-zone samples/samples.zone samples/spoofed-invoice.eml

## Run the whole test suite (conformance tests read ../shared/corpus or $$MAILSLEUTH_CORPUS).
test: deps
	$(SWIFT) test

## Fuzz every parser for FUZZ_SECONDS each (default 600), seeded from the corpus and samples/ (Docs/fuzzing.md).
FUZZ_SECONDS ?= 600
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

## A short fuzz run of every target, as CI does.
fuzz-smoke: deps
	Fuzz/run.sh 10

## The test suite under Address Sanitizer, then Thread Sanitizer.
sanitize: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

release: deps
	$(SWIFT) build -c release

clean:
	rm -rf .build

## Sweep throughput and memory against dkimpy and the hardware floor (Docs/performance.md).
bench: deps
	Benchmarks/run.sh
