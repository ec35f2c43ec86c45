# The two commands: `make run` and `make test`. Both install what is missing first.
PRESET ?= release
JOBS ?= $(shell nproc)
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps configure build run test bench clean eval-extract fuzz

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET) -j$(JOBS)
	@echo "built: build/orientir"

run: build
	@bash scripts/run-demo.sh $(LISTEN)

test: build
	@bash scripts/test.sh $(PRESET)

bench: build
	@bash bench/run.sh

# libFuzzer harnesses with ASan+UBSan, each for FUZZ_SECONDS (default 60): scripts/fuzz.sh.
fuzz: deps
	@bash scripts/fuzz.sh $(FUZZ_SECONDS)

eval-extract: build
	@bash scripts/eval/eval_extract.sh build

# The Debian package: build/packages/orientir_VERSION-1_ARCH.deb (docs/operations.md §0).
.PHONY: deb
deb: build
	@cd build && cpack -G DEB >/dev/null && ls -l packages/*.deb

clean:
	rm -rf build build-debug build-asan build-fuzz
