# The two commands of the README:
#   make study   set up, build what the study runs (pavp, the firmware), run it
#   make test    set up, build everything, run every test with ctest
# Both install missing Debian packages first (scripts/install-deps.sh).
# make fresh-check runs both in a bare Debian 12 root (scripts/fresh-machine-check.sh).

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
PAVP := $(BUILD_DIR)/bin/pavp
# Profile-guided optimisation (scripts/pgo-profile.sh): the instrumented
# build and its training in PGO_DIR, the counts copied into BUILD_DIR.
# PGO=0 builds without (a quicker first build; slower simulation).
PGO ?= 1
PGO_DIR ?= build-pgo
ifeq ($(PGO),1)
PGO_MODE := use
else
PGO_MODE :=
endif

.PHONY: all deps configure build build-study test test-sanitize study bench fresh-check format clean

all: build

deps:
	@./scripts/install-deps.sh

# PAVP_REQUIRE_TOOLS: a missing cross compiler, hppa glibc, QEMU or python3
# stops here with the package to install, instead of leaving tests out.
configure: deps
ifeq ($(PGO),1)
	@./scripts/pgo-profile.sh $(BUILD_DIR) $(PGO_DIR) $(JOBS)
endif
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPAVP_REQUIRE_TOOLS=ON \
		-DPAVP_PGO=$(PGO_MODE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Only what `pavp study` runs: the command and the firmware kernel.
build-study: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target pavp pavp_firmware

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The whole suite and a small study under AddressSanitizer and
# UndefinedBehaviorSanitizer, in a build folder of their own (about 40
# minutes on 2 cores: not part of `make test`, see BENCHMARKS.md).
SANITIZE_DIR ?= build-sanitize
SANITIZE_ENV := ASAN_OPTIONS=detect_leaks=0:handle_segv=0:detect_stack_use_after_return=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-sanitize: deps
	@cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPAVP_REQUIRE_TOOLS=ON \
		-DPAVP_SANITIZE=ON -DPAVP_PGO= >/dev/null
	@cmake --build $(SANITIZE_DIR) -j $(JOBS)
	@cd $(SANITIZE_DIR) && $(SANITIZE_ENV) ctest --output-on-failure -j $(JOBS)
	@$(SANITIZE_ENV) $(SANITIZE_DIR)/bin/pavp study --schedules 5 --out $(SANITIZE_DIR)/study

study: build-study
	@$(PAVP) study
	@./scripts/plot_study.py out/study.json

bench: build
	@./bench/run.sh $(BUILD_DIR) $(BASE)

fresh-check:
	@./scripts/fresh-machine-check.sh $(FRESH_CHECK_ARGS)

format:
	@git ls-files '*.h' '*.cpp' | xargs clang-format -i

clean:
	@rm -rf $(BUILD_DIR) $(PGO_DIR)
