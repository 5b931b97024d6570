# newsgraph: a plain Makefile. `make help` lists the targets.
#
# Two build trees: build/ (optimised, -O2 -g) and build-asan/ (tests under
# AddressSanitizer + UndefinedBehaviorSanitizer).
#
# Warnings are errors in the project's own builds: `make test` and CI
# (.ci/run) build with WERROR=-Werror. A plain `make` for users does not, so
# a newer compiler's new warning never stops an install; developers can
# `export WERROR=-Werror`. Objects are rebuilt when the flags change.
#
# Libraries (docs/ABI.md):
#   libnewsgraph.a, .so         the product: only the ng_* API is global
#   libnewsgraph-core.a         every library object with its internal names
#                               visible, for tests, bench and tools (not
#                               installed); without the pivot table
#   libnewsgraph-eval.a         the quality suites (src/eval/), linked into
#                               the newsgraph command and tests only

PREFIX    ?= /usr/local
LIBDIR    ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
NPROC     := $(shell nproc 2>/dev/null || echo 2)
MAKEFLAGS += --no-print-directory
CC        ?= cc
CXX       ?= c++
LD        ?= ld
OBJCOPY   ?= objcopy
NM        ?= nm
PYTHON    ?= /usr/bin/python3
BUILD     ?= build
OPT       ?= -O2 -g
SANITIZE  ?=
WERROR    ?=
# The pivot table: "freedict" (every dictionary of PIVOT_PACKAGES must be
# installed, or the build stops naming it) or "empty" (no cross-lingual
# dictionary at all: make PIVOT=empty).
PIVOT     ?= freedict

# One VERSION file: the header's NG_VERSION (checked), newsgraph.pc, the
# soname and the man page come from it. While the major version is 0, every
# minor version may break the ABI, so the soname carries it.
VERSION   := $(shell cat VERSION)
VERSION_PARTS := $(subst ., ,$(VERSION))
VERSION_MAJOR := $(word 1,$(VERSION_PARTS))
VERSION_MINOR := $(word 2,$(VERSION_PARTS))
VERSION_PATCH := $(word 3,$(VERSION_PARTS))
VERSION_NUMBER := $(shell expr $(VERSION_MAJOR) \* 1000000 + $(VERSION_MINOR) \* 1000 + $(VERSION_PATCH))
SOVERSION := $(if $(filter 0,$(VERSION_MAJOR)),0.$(VERSION_MINOR),$(VERSION_MAJOR))
SONAME    := libnewsgraph.so.$(SOVERSION)

DEB_PACKAGES = build-essential pkg-config libutf8proc-dev libcld2-dev wordnet-base \
               libstemmer-dev libsqlite3-dev libxxhash-dev sqlite3 time python3 \
               libicu-dev zlib1g-dev libxml2-dev liblinear-dev libcurl4-openssl-dev $(PIVOT_PACKAGES) $(MKPIVOT_PACKAGES) \
               python3-venv python3-pip python3-setuptools python3-wheel \
               libmicrohttpd-dev chromium nodejs wrk \
               $(FUZZ_PACKAGES) $(MPI_PACKAGES)
# The distributed ingest (src/dist/, docs/SCALE.md): Open MPI's compiler
# wrapper and headers, and mpirun. The build works without them.
MPI_PACKAGES = libopenmpi-dev openmpi-bin
# The fuzzing build (make fuzz, test-fuzz-smoke): Debian's clang and the
# libFuzzer runtime (libclang_rt.fuzzer-x86_64.a).
FUZZ_PACKAGES = clang libclang-rt-14-dev
# FreeDict dictionaries for the pivot table (docs/CROSSLINGUAL.md); the same
# list as tools/mkpivot.c's, which `make test` checks (test-mkpivot).
PIVOT_PAIRS = deu-eng fra-eng ita-eng spa-eng pol-eng ces-eng slv-eng \
              tur-eng ara-eng isl-eng hrv-eng srp-eng nld-eng por-eng \
              swe-eng dan-eng fin-eng hun-eng lit-eng ell-eng slk-eng \
              lat-eng cym-eng gle-eng afr-eng swh-eng epo-eng kur-eng \
              eng-rus eng-bul eng-fra eng-ita eng-spa eng-pol eng-ces \
              eng-tur eng-hrv eng-srp eng-nld eng-por eng-swe eng-dan \
              eng-nor eng-fin eng-hun eng-lit eng-ell eng-lat eng-cym \
              eng-gle eng-afr eng-swh eng-hin eng-ind jpn-eng eng-jpn \
              deu-rus fra-rus \
              ita-rus pol-rus nld-rus swe-rus ell-rus fra-deu deu-fra \
              spa-deu deu-spa ita-deu deu-ita pol-deu deu-pol tur-deu \
              deu-tur deu-bul fra-bul ita-bul pol-bul nld-bul swe-bul \
              ell-bul fin-bul mkd-bul nno-nob
# Apertium language pairs (the same list as mkpivot --list-apertium), read
# through lt-print (lttoolbox-dev) at build time.
PIVOT_APERTIUM_PACKAGES = apertium-isl-eng apertium-hbs-eng apertium-mkd-eng \
                          apertium-eo-en apertium-eu-en apertium-eng-cat \
                          apertium-en-gl apertium-eng-spa apertium-rus-ukr \
                          apertium-bel-rus apertium-hbs-slv apertium-es-ro \
                          apertium-oc-es apertium-br-fr apertium-urd-hin \
                          apertium-mkd-bul
PIVOT_PACKAGES = $(addprefix dict-freedict-,$(PIVOT_PAIRS)) \
                 $(PIVOT_APERTIUM_PACKAGES) lttoolbox-dev
# mkpivot reads Chinese through the Japanese dictionaries' kanji with
# OpenCC (build time only: the library does not link it).
MKPIVOT_PACKAGES = libopencc-dev
MKPIVOT_LIBS = -lopencc

WARN      = -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter -Wvla
# libxml2's headers live in their own folder (Debian: /usr/include/libxml2).
XML_CFLAGS  := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
CFLAGS_ALL   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               $(OPT) $(WARN) $(SANITIZE) -Iinclude $(XML_CFLAGS) -fPIC \
               -fvisibility=hidden -DNG_BUILDING_LIBRARY $(CFLAGS)
CXXFLAGS_ALL = -std=c++11 $(OPT) -Wall -Wextra $(WERROR) $(SANITIZE) -Iinclude \
               -fPIC -fvisibility=hidden -DNG_BUILDING_LIBRARY $(CXXFLAGS)
# What a program linking libnewsgraph.a needs too (newsgraph.pc's
# Libs.private).
LIBS      = -lutf8proc -lcld2 -lstemmer -lsqlite3 -lxxhash -lxml2 -lz -lcurl \
            -licui18n -licuuc -licudata -lpthread -lm -lstdc++
LDFLAGS_ALL = $(SANITIZE) $(LDFLAGS)
# What the command links beyond the library: the HTTP server's library.
CLI_LIBS  = -lmicrohttpd

LIB_C     = $(sort $(wildcard src/base/*.c src/read/*.c src/text/*.c \
              src/sketch/*.c src/link/*.c src/store/*.c src/report/*.c \
              src/engine/*.c src/extract/*.c src/stance/*.c))
LIB_CXX   = $(sort $(wildcard src/text/*.cc))
EVAL_C    = $(sort $(wildcard src/eval/*.c))
# The command and its clients of the public API that stay out of the
# library: the HTTP server (src/serve/, libmicrohttpd) and the web view's
# pages (src/web/).
CLI_C     = $(sort $(wildcard src/cli/*.c src/serve/*.c src/web/*.c))
# The distributed ingest (src/dist/, docs/SCALE.md), in the command: built
# with Open MPI when its compiler wrapper (or pkg-config's ompi-c) is found,
# else a stub that says how to get it. MPI=no builds without it.
MPICC     ?= mpicc
ifndef MPI
MPI := $(if $(shell $(MPICC) --showme:link 2>/dev/null || pkg-config --libs ompi-c 2>/dev/null),yes,no)
endif
ifeq ($(MPI),yes)
MPI_CFLAGS := $(shell $(MPICC) --showme:compile 2>/dev/null || pkg-config --cflags ompi-c 2>/dev/null)
MPI_LIBS  := $(shell $(MPICC) --showme:link 2>/dev/null || pkg-config --libs ompi-c 2>/dev/null)
DIST_C    = src/dist/ingest_mpi.c src/dist/output.c src/dist/pieces.c src/dist/plan.c src/dist/rows.c
else
MPI_CFLAGS :=
MPI_LIBS  :=
DIST_C    = src/dist/none.c
endif
TEST_C    = $(sort $(wildcard tests/test_*.c))
BENCH_C   = $(sort $(wildcard bench/*.c))

# The data files (word lists, models) embedded in the library: src/base/data.h.
DATA_FILES = $(sort $(wildcard data/lexicons/*.tsv data/models/*.model))
DATA_C    = $(BUILD)/gen/data_files.c
LIB_OBJ   = $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o) $(DATA_C:.c=.o)
EVAL_OBJ  = $(EVAL_C:%.c=$(BUILD)/%.o)
HELP_C    = $(BUILD)/src/cli/help_text.c
# The web view's assets (web/: style sheet, script), embedded into the
# command by tools/mkassets.py (src/web/assets.h).
ASSET_FILES = $(sort $(wildcard web/*.css web/*.js))
ASSETS_C  = $(BUILD)/gen/web_assets.c
WEB_OBJ   = $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard src/web/*.c))) $(ASSETS_C:.c=.o)
DIST_OBJ  = $(DIST_C:%.c=$(BUILD)/%.o)
CLI_OBJ   = $(CLI_C:%.c=$(BUILD)/%.o) $(HELP_C:.c=.o) $(ASSETS_C:.c=.o) $(DIST_OBJ)
TEST_BIN  = $(TEST_C:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN = $(BENCH_C:bench/%.c=$(BUILD)/bench/%)
PIVOT_DICTS ?= /usr/share/dictd
PIVOT_APERTIUM ?= /usr/share/apertium
PIVOT_OBJ = $(BUILD)/src/sketch/pivot_table.o

STATIC    = $(BUILD)/libnewsgraph.a
SHARED    = $(BUILD)/libnewsgraph.so
CORE      = $(BUILD)/libnewsgraph-core.a
EVAL_LIB  = $(BUILD)/libnewsgraph-eval.a
CLI       = $(BUILD)/newsgraph
MANPAGE   = $(BUILD)/newsgraph.1
# Tests, bench and the command link the internal names: the eval library,
# the library's objects with their names visible, and the pivot table.
INTERNAL  = $(EVAL_LIB) $(CORE) $(PIVOT_OBJ)
SYMBOLS   = abi/libnewsgraph.symbols

.PHONY: FORCE claims-measure stance-model stance-cv stance-model-check all deps test test-unit test-asan test-cli test-abi test-pkgconfig \
        test-mkpivot test-python test-browser browser-deps abi-update version-stamp demo bench bench-serve eval install \
        clean help format test-crash torture-kill torture-limits \
        fuzz fuzz-build fuzz-smoke test-fuzz-smoke torture test-mpi

all: $(STATIC) $(SHARED) $(CLI) $(MANPAGE)

help:
	@echo "make deps         install the Debian packages the build needs (apt-get)"
	@echo "make all          build libnewsgraph (static, shared), newsgraph, its man page"
	@echo "make demo         deps, build, ingest examples/articles/ into newsgraph.db, print stories"
	@echo "make test         unit + CLI + ABI + pkg-config + browser tests, then unit + CLI under ASan+UBSan,"
	@echo "                  then the smoke fuzzing (test-fuzz-smoke)"
	@echo "make test-mpi     the distributed ingest under mpirun against the single process (docs/SCALE.md)"
	@echo "make torture      every long hardening run below: fault walks, kill trials, limits (docs/RELIABILITY.md)"
	@echo "make torture-kill SIGKILL trials of ingest and watch, 20 points each (docs/RELIABILITY.md)"
	@echo "make torture-limits pathological inputs of 2.5 and 10 MiB: linear time, caps (docs/RELIABILITY.md)"
	@echo "make test-browser the web view in headless chromium (docs/WEB.md); browser-deps: its npm package"
	@echo "make torture-alloc, torture-io  every point of the allocation / I/O fault walks (docs/RELIABILITY.md)"
	@echo "make abi-update   rewrite $(SYMBOLS) from the built library (docs/ABI.md)"
	@echo "make version-stamp  write VERSION into include/newsgraph.h"
	@echo "make bench        throughput benchmark (see docs/PERFORMANCE.md)"
	@echo "make bench-serve  the HTTP server under wrk (docs/PERFORMANCE.md)"
	@echo "make eval         quality suites on ../shared/data (see docs/QUALITY.md)"
	@echo "make fuzz         every libFuzzer target for FUZZ_SECONDS (600) each, then the"
	@echo "                  table of executions, coverage, crashes (docs/RELIABILITY.md)"
	@echo "make fuzz-smoke   each target a few seconds + its corpus and past crashes replayed"
	@echo "make stance-model retrain data/models/stance.model from FNC-1 (docs/STANCE.md);"
	@echo "                  stance-cv: its 10-fold CV; stance-model-check: reproducible?"
	@echo "make install      install the library, header, command, man page, newsgraph.pc"
	@echo "make format       clang-format the sources (.clang-format)"
	@echo "variables: PREFIX=/usr/local DESTDIR= WERROR=-Werror PIVOT=empty"

# Installs only what is missing; idempotent. Needs root (or sudo).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	else echo "deps: all Debian packages present"; fi

# Rebuild what depends on the flags (say WERROR) or on PIVOT when they
# change: the stamps are checked whenever something needs them and rewritten
# only when their content differs.
FLAGS_NOW = $(CC) $(CFLAGS_ALL) | $(CXX) $(CXXFLAGS_ALL)
$(BUILD)/flags.stamp: FORCE
	@mkdir -p $(BUILD); [ "$$(cat $@ 2>/dev/null)" = '$(FLAGS_NOW)' ] || \
	  printf '%s\n' '$(FLAGS_NOW)' > $@
$(BUILD)/pivot.stamp: FORCE
	@mkdir -p $(BUILD); [ "$$(cat $@ 2>/dev/null)" = '$(PIVOT)' ] || \
	  printf '%s\n' '$(PIVOT)' > $@
FORCE:

# The header must carry the VERSION file's version (it is installed, so it
# cannot be generated only at build time); `make version-stamp` writes it.
$(BUILD)/version.ok: VERSION include/newsgraph.h
	@grep -q '^#define NG_VERSION "$(VERSION)"$$' include/newsgraph.h && \
	 grep -q '^#define NG_VERSION_NUMBER $(VERSION_NUMBER)$$' include/newsgraph.h || \
	 { echo "include/newsgraph.h: NG_VERSION or NG_VERSION_NUMBER differs from VERSION ($(VERSION)): run make version-stamp" >&2; exit 1; }
	@touch $@

version-stamp:
	sed -i -e 's/^#define NG_VERSION ".*"$$/#define NG_VERSION "$(VERSION)"/' \
	  -e 's/^#define NG_VERSION_NUMBER .*$$/#define NG_VERSION_NUMBER $(VERSION_NUMBER)/' \
	  include/newsgraph.h

$(BUILD)/%.o: %.c $(BUILD)/flags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.cc $(BUILD)/flags.stamp
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_ALL) -MMD -MP -c $< -o $@

# The static library hides its internals the way the shared one does: all
# objects are linked into one relocatable object whose hidden (ngi_*) names
# become local, so only the ng_* API is global (checked by test-abi).
$(BUILD)/libnewsgraph.o: $(LIB_OBJ) $(PIVOT_OBJ)
	$(LD) -r -o $@.tmp $^
	$(OBJCOPY) --localize-hidden $@.tmp $@
	@rm -f $@.tmp

$(STATIC): $(BUILD)/libnewsgraph.o $(BUILD)/version.ok
	@rm -f $@
	ar rcs $@ $(BUILD)/libnewsgraph.o

$(SHARED): $(LIB_OBJ) $(PIVOT_OBJ) $(BUILD)/version.ok
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined $(LDFLAGS_ALL) \
	  -o $@ $(LIB_OBJ) $(PIVOT_OBJ) $(LIBS)

$(CORE): $(LIB_OBJ) $(BUILD)/version.ok
	@rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(EVAL_LIB): $(EVAL_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The data files: data/ -> one C table (tools/mkdata.py, src/base/data.h).
$(BUILD)/data.stamp: FORCE
	@mkdir -p $(BUILD); [ "$$(cat $@ 2>/dev/null)" = '$(DATA_FILES)' ] || \
	  printf '%s\n' '$(DATA_FILES)' > $@
$(DATA_C): $(DATA_FILES) tools/mkdata.py tools/c_embed.py $(BUILD)/data.stamp
	@mkdir -p $(dir $@)
	$(PYTHON) tools/mkdata.py $@ $(DATA_FILES)

$(DATA_C:.c=.o): $(DATA_C) src/base/data.h $(BUILD)/flags.stamp
	$(CC) $(CFLAGS_ALL) -Isrc -c $< -o $@

# The help text: src/cli/help.txt -> the C table and the man page.
$(HELP_C): src/cli/help.txt tools/mkhelp.py
	@mkdir -p $(dir $@)
	$(PYTHON) tools/mkhelp.py c $< $@

$(HELP_C:.c=.o): $(HELP_C) src/cli/help.h $(BUILD)/flags.stamp
	$(CC) $(CFLAGS_ALL) -Isrc/cli -c $< -o $@

$(BUILD)/assets.stamp: FORCE
	@mkdir -p $(BUILD); [ "$$(cat $@ 2>/dev/null)" = '$(ASSET_FILES)' ] || \
	  printf '%s\n' '$(ASSET_FILES)' > $@
$(ASSETS_C): $(ASSET_FILES) tools/mkassets.py tools/c_embed.py $(BUILD)/assets.stamp
	@mkdir -p $(dir $@)
	$(PYTHON) tools/mkassets.py $@ $(ASSET_FILES)

$(ASSETS_C:.c=.o): $(ASSETS_C) src/web/assets.h $(BUILD)/flags.stamp
	$(CC) $(CFLAGS_ALL) -Isrc -c $< -o $@

$(MANPAGE): src/cli/help.txt tools/mkhelp.py VERSION
	$(PYTHON) tools/mkhelp.py man $< $@ $(VERSION)

$(CLI): $(CLI_OBJ) $(INTERNAL) $(BUILD)/mpi.stamp
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(INTERNAL) $(LIBS) $(CLI_LIBS) $(MPI_LIBS)

# Open MPI's headers for src/dist/ only; the command is built again when
# MPI changes (the stamp).
$(BUILD)/src/dist/%.o: src/dist/%.c $(BUILD)/flags.stamp $(BUILD)/mpi.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(MPI_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/mpi.stamp: FORCE
	@mkdir -p $(BUILD); [ "$$(cat $@ 2>/dev/null)" = '$(MPI) $(MPI_LIBS)' ] || \
	  printf '%s\n' '$(MPI) $(MPI_LIBS)' > $@

# The pivot dictionary (docs/CROSSLINGUAL.md): tools/mkpivot, linked with the
# library minus the table, converts the installed FreeDict files into
# $(BUILD)/pivot.bin, which pivot_table.S embeds. Remade when the converter,
# the key rules, the installed dictionaries or PIVOT change. A dictionary
# that is missing stops the build with its name and package.
MKPIVOT_SRC = tools/mkpivot.c tools/mkpivot_att.c tools/mkpivot_att.h
$(BUILD)/tools/mkpivot: $(MKPIVOT_SRC) $(CORE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $(filter %.c,$(MKPIVOT_SRC)) $(CORE) $(LDFLAGS_ALL) $(LIBS) \
	  $(MKPIVOT_LIBS)

$(BUILD)/pivot.bin: $(MKPIVOT_SRC) src/sketch/pivot_key.c src/sketch/pivot.h \
                    src/text/stem.c $(BUILD)/pivot.stamp \
                    $(wildcard $(PIVOT_DICTS)/freedict-*.index) \
                    $(wildcard $(PIVOT_APERTIUM)/apertium-*/*.bin) | $(BUILD)/tools/mkpivot
	$(BUILD)/tools/mkpivot $(if $(filter empty,$(PIVOT)),--empty,) \
	  --apertium $(PIVOT_APERTIUM) $(PIVOT_DICTS) $@.tmp && mv $@.tmp $@

$(PIVOT_OBJ): src/sketch/pivot_table.S $(BUILD)/pivot.bin
	@mkdir -p $(dir $@)
	$(CC) -c -DNGI_PIVOT_BIN='"$(BUILD)/pivot.bin"' -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/check.h $(wildcard tests/*.h) $(INTERNAL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(INTERNAL) $(LDFLAGS_ALL) $(LIBS)

# The web view's pages are in the command, not the library: their test
# links them (and the embedded assets) too.
$(BUILD)/tests/test_web: tests/test_web.c tests/check.h $(WEB_OBJ) $(INTERNAL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(WEB_OBJ) $(INTERNAL) $(LDFLAGS_ALL) $(LIBS)

# The HTTP server's pure parts (tests/test_serve.c): its checks of
# parameters and the guards, without libmicrohttpd.
SERVE_PURE_OBJ = $(addprefix $(BUILD)/src/serve/,params.o auth.o ratelimit.o)
$(BUILD)/tests/test_serve: tests/test_serve.c tests/check.h $(SERVE_PURE_OBJ) $(INTERNAL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(SERVE_PURE_OBJ) $(INTERNAL) $(LDFLAGS_ALL) $(LIBS)

# The fault walks (docs/RELIABILITY.md, "Allocation and I/O faults"):
# tests/fault_walk.c with the counting allocator (fault_alloc.c, through
# the linker's --wrap: the library's own malloc, calloc, realloc and strdup
# calls, nothing changed in it; pthread_create refused, so the analysis runs
# on the calling thread and the walk is repeatable) and the SQLite VFS shim
# (fault_vfs.c),
# linked with the server's API objects (below libmicrohttpd).
FAULT_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=pthread_create
SERVE_API_OBJ = $(patsubst %.c,$(BUILD)/%.o,$(filter-out src/serve/server.c,$(sort $(wildcard src/serve/*.c))))
FAULT_WALK = $(BUILD)/tests/fault_walk
$(FAULT_WALK): tests/fault_walk.c tests/fault_alloc.c tests/fault_alloc.h \
               tests/fault_vfs.c tests/fault_vfs.h $(SERVE_API_OBJ) $(INTERNAL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ tests/fault_walk.c tests/fault_alloc.c \
	  tests/fault_vfs.c $(SERVE_API_OBJ) $(INTERNAL) $(LDFLAGS_ALL) $(FAULT_WRAP) $(LIBS)
# The shim for the command, loaded with LD_PRELOAD by tests/faults_cli_test.sh.
FAULT_VFS_SO = $(BUILD)/tests/fault_vfs.so
$(FAULT_VFS_SO): tests/fault_preload.c tests/fault_vfs.c tests/fault_vfs.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(OPT) $(WARN) -fPIC -shared -o $@ tests/fault_preload.c \
	  tests/fault_vfs.c -lsqlite3

# The claim finder's measurements (docs/CLAIMS.md): make claims-measure.
$(BUILD)/tools/claims_measure: tools/claims_measure.c $(INTERNAL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(INTERNAL) $(LDFLAGS_ALL) $(LIBS)
claims-measure: $(BUILD)/tools/claims_measure

$(BUILD)/bench/%: bench/%.c bench/bench_util.h $(INTERNAL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(INTERNAL) $(LDFLAGS_ALL) $(LIBS)

-include $(LIB_OBJ:.o=.d) $(EVAL_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# ---- the stance model (docs/STANCE.md) ---------------------------------------
# tools/train_stance.c trains the two-stage linear model with liblinear on
# FNC-1 train and writes data/models/stance.model (committed, embedded in the
# library, which evaluates it itself and does not link liblinear).
# stance-model-check retrains into a temporary file and compares it byte for
# byte with the committed model (skipped when the data is absent).
FNC1_DIR ?= ../shared/data/fnc1
TRAIN_STANCE = $(BUILD)/tools/train_stance

$(TRAIN_STANCE): tools/train_stance.c $(INTERNAL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(INTERNAL) $(LDFLAGS_ALL) $(LIBS) -llinear

stance-model: $(TRAIN_STANCE)
	$(TRAIN_STANCE) $(FNC1_DIR)/train_bodies.csv $(FNC1_DIR)/train_stances.csv \
	  data/models/stance.model

stance-cv: $(TRAIN_STANCE)
	$(TRAIN_STANCE) --cv 10 $(FNC1_DIR)/train_bodies.csv $(FNC1_DIR)/train_stances.csv

stance-model-check: $(TRAIN_STANCE)
	@if [ -f $(FNC1_DIR)/train_stances.csv ]; then \
	  $(TRAIN_STANCE) --quiet $(FNC1_DIR)/train_bodies.csv \
	    $(FNC1_DIR)/train_stances.csv $(BUILD)/stance.model.check > /dev/null && \
	  cmp $(BUILD)/stance.model.check data/models/stance.model && \
	  echo "stance-model-check: retraining reproduces data/models/stance.model"; \
	else echo "stance-model-check: skipped ($(FNC1_DIR) absent)"; fi

# ---- the cursor example ------------------------------------------------------
# examples/cursor_example.c, built as a user would build it (the public
# header only) and run by tests/cli_test.sh on the seed database (the seed
# articles are in examples/articles/).
EXAMPLE_BIN = $(BUILD)/examples/cursor_example

$(EXAMPLE_BIN): examples/cursor_example.c include/newsgraph.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(OPT) $(WARN) $(SANITIZE) -Iinclude -o $@ $< $(STATIC) \
	  $(LDFLAGS_ALL) $(LIBS)

# ---- tests ----------------------------------------------------------------
test-unit: $(TEST_BIN) $(CLI)
	@BUILD=$(BUILD) sh tests/run_unit.sh $(TEST_BIN)

test-cli: $(CLI) $(MANPAGE) $(EXAMPLE_BIN)
	@NEWSGRAPH=$(CURDIR)/$(CLI) MANPAGE=$(CURDIR)/$(MANPAGE) \
	  EXAMPLE=$(CURDIR)/$(EXAMPLE_BIN) sh tests/cli_test.sh
	@NEWSGRAPH=$(CURDIR)/$(CLI) sh tests/resume_test.sh
	@NEWSGRAPH=$(CURDIR)/$(CLI) sh tests/watch_test.sh
	@NEWSGRAPH=$(CURDIR)/$(CLI) sh tests/serve_test.sh

# The exported API against the committed list, and nothing but ng_* global
# in the static library. An intended change: make abi-update (docs/ABI.md).
test-abi: $(SHARED) $(STATIC)
	@SHARED=$(SHARED) STATIC=$(STATIC) SYMBOLS=$(SYMBOLS) SONAME=$(SONAME) \
	  NM=$(NM) sh tests/abi_test.sh

abi-update: $(SHARED)
	@mkdir -p abi
	$(NM) -D --defined-only $(SHARED) | awk '{print $$NF}' | LC_ALL=C sort > $(SYMBOLS)
	@echo "$(SYMBOLS): $$(wc -l < $(SYMBOLS)) symbols"

# Installs into a temporary PREFIX, then builds and runs a small program
# through pkg-config, linked dynamically and statically.
test-pkgconfig: all
	@MAKE="$(MAKE)" BUILD=$(BUILD) CC="$(CC)" sh tests/pkgconfig_test.sh

# A missing dictionary stops mkpivot with its package's name; --empty; the
# Makefile's FreeDict packages are the dictionaries mkpivot reads.
test-mkpivot: $(BUILD)/tools/mkpivot
	@MKPIVOT=$(BUILD)/tools/mkpivot PIVOT_PAIRS="$(PIVOT_PAIRS)" \
	  PIVOT_APERTIUM_PACKAGES="$(PIVOT_APERTIUM_PACKAGES)" \
	  sh tests/mkpivot_test.sh

# The Python package (python/) against this build's shared library, and an
# offline pip install of it into a fresh virtual environment
# (docs/PYTHON.md). Not under ASan: the interpreter is not instrumented.
test-python: $(SHARED) $(CLI)
	@BUILD=$(BUILD) sh tests/python_test.sh

# Crash consistency, graceful stops and resource limits (docs/RELIABILITY.md,
# issue 15): ingest and watch killed with SIGKILL at 20 points, each run
# again to the one run's export; SIGINT and SIGTERM; pathological inputs in
# linear time. test-crash is the short run in `make test`; torture-kill and
# torture-limits the full ones on larger inputs.
test-crash: $(CLI)
	@NEWSGRAPH=$(CURDIR)/$(CLI) sh tests/crash_test.sh
	@NEWSGRAPH=$(CURDIR)/$(CLI) sh tests/limits_test.sh

# The distributed ingest under mpirun, 1, 2 and 4 ranks against the single
# process, and its failures (tests/mpi_test.sh, docs/SCALE.md): in make
# test when this build has Open MPI (make deps installs it) and mpirun runs.
test-mpi: $(CLI)
	@if [ "$(MPI)" = yes ] && command -v mpirun >/dev/null 2>&1; then \
	  NEWSGRAPH=$(CURDIR)/$(CLI) sh tests/mpi_test.sh; \
	else echo "mpi: skipped (this build has no Open MPI: make deps, then make)"; fi

torture-kill: $(CLI)
	@NEWSGRAPH=$(CURDIR)/$(CLI) CRASH_ARTICLES=4000 CRASH_BATCH=20 \
	  CRASH_POINTS=20 CRASH_WATCH_ITEMS=100 CRASH_WATCH_POINTS=20 \
	  nice sh tests/crash_test.sh

# Pathological inputs of 2.5 MiB and 10 MiB (tests/limits_test.sh).
torture-limits: $(CLI)
	@NEWSGRAPH=$(CURDIR)/$(CLI) LIMITS_SIZE=2621440 nice sh tests/limits_test.sh

test-asan:
	$(MAKE) -j$(NPROC) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  test-unit test-cli

# The fault walks (docs/RELIABILITY.md, "Allocation and I/O faults (issue
# 15)"), in the ASan+UBSan tree (LeakSanitizer checks every point):
# test-faults (in make test) walks every FAULT_EVERY-th point and the first
# and last FAULT_EDGE of each scenario, and runs the command under I/O faults
# (tests/faults_cli_test.sh, optimised build); torture-alloc and
# torture-io walk every point. FAULT_JOBS points run at once.
FAULT_EVERY ?= 251
FAULT_EDGE ?= 2
FAULT_JOBS ?= 2
FAULT_ASAN = BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
             SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all"
FAULT_WALK_ASAN = build-asan/tests/fault_walk
.PHONY: test-faults torture-alloc torture-io
test-faults: $(CLI) $(FAULT_VFS_SO)
	@$(MAKE) $(FAULT_ASAN) $(FAULT_WALK_ASAN)
	@$(FAULT_WALK_ASAN) alloc all --every $(FAULT_EVERY) --edge $(FAULT_EDGE) \
	  --jobs $(FAULT_JOBS)
	@$(FAULT_WALK_ASAN) io all all --every $(FAULT_EVERY) --edge $(FAULT_EDGE) \
	  --jobs $(FAULT_JOBS)
	@NEWSGRAPH=$(CURDIR)/$(CLI) FAULT_VFS_SO=$(CURDIR)/$(FAULT_VFS_SO) \
	  sh tests/faults_cli_test.sh
torture-alloc:
	@$(MAKE) $(FAULT_ASAN) $(FAULT_WALK_ASAN)
	@for s in html api ingest reopen post; do \
	  $(FAULT_WALK_ASAN) alloc $$s --jobs $(FAULT_JOBS) || exit 1; done
torture-io: $(CLI) $(FAULT_VFS_SO)
	@$(MAKE) $(FAULT_ASAN) $(FAULT_WALK_ASAN)
	@for s in ingest reopen api post; do \
	  $(FAULT_WALK_ASAN) io $$s all --jobs $(FAULT_JOBS) || exit 1; done
	@NEWSGRAPH=$(CURDIR)/$(CLI) FAULT_VFS_SO=$(CURDIR)/$(FAULT_VFS_SO) \
	  sh tests/faults_cli_test.sh

# deps first, on its own: the build needs the headers it installs. The
# project's own builds treat warnings as errors.
test:
	$(MAKE) deps
	$(MAKE) -j$(NPROC) WERROR=-Werror all test-unit test-cli test-abi \
	  test-mkpivot test-python stance-model-check test-browser \
	  test-faults
	$(MAKE) WERROR=-Werror test-crash
	$(MAKE) WERROR=-Werror test-mpi
	$(MAKE) WERROR=-Werror test-pkgconfig
	$(MAKE) WERROR=-Werror test-asan
	$(MAKE) -j$(NPROC) WERROR=-Werror test-fuzz-smoke

# The long hardening runs of issue 15 (docs/RELIABILITY.md): every point of
# the allocation and I/O fault walks, the SIGKILL trials and the
# pathological inputs at full size. Fuzzing is `make fuzz`. The trees are
# built first, NPROC jobs at once; the runs then find them made.
torture:
	$(MAKE) -j$(NPROC) WERROR=-Werror $(CLI) $(FAULT_VFS_SO)
	$(MAKE) -j$(NPROC) WERROR=-Werror $(FAULT_ASAN) $(FAULT_WALK_ASAN)
	$(MAKE) WERROR=-Werror torture-alloc torture-io torture-kill torture-limits

# The web view in a real browser (docs/WEB.md): Debian's chromium driven by
# playwright-core, the one npm package, pinned in tests/browser/package.json
# and package-lock.json and installed by npm ci from the npm registry
# (nothing else is downloaded: no browser, no install scripts).
BROWSER_DEPS = tests/browser/node_modules/.package-lock.json
browser-deps: $(BROWSER_DEPS)
$(BROWSER_DEPS): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "browser-deps: npm is missing (Debian: apt-get install npm)" >&2; exit 1; }
	cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

test-browser: $(CLI) $(BROWSER_DEPS)
	@NEWSGRAPH=$(CURDIR)/$(CLI) BUILD=$(BUILD) sh tests/browser_test.sh

# ---- fuzzing (docs/RELIABILITY.md, "Fuzzing (issue 15)") ---------------------
# One libFuzzer target per reader and parser (fuzz/fuzz_NAME.c), built with
# clang under ASan+UBSan into $(FUZZ_BUILD)/, apart from the gcc trees: the
# library's objects (and the server's and web view's) instrumented, the
# data tables and the pivot dictionary taken from $(BUILD) as they are
# (bytes, no code). Seeds in fuzz/corpus/NAME/, dictionaries in
# fuzz/dict/NAME.dict, every input that ever failed in fuzz/regress/NAME/.
# make fuzz: each target FUZZ_SECONDS, the table in $(FUZZ_BUILD)/report.md;
# test-fuzz-smoke (in make test): each FUZZ_SMOKE_SECONDS after replaying
# its corpus and past failures.
FUZZ_BUILD   ?= build-fuzz
FUZZ_CC      ?= clang
FUZZ_CXX     ?= clang++
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 2
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g \
               -fno-omit-frame-pointer $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
               -Iinclude $(XML_CFLAGS) -fvisibility=hidden -DNG_BUILDING_LIBRARY
FUZZ_CXXFLAGS = -std=c++11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra $(WERROR) \
               $(FUZZ_SAN) -fsanitize=fuzzer-no-link -Iinclude -fvisibility=hidden \
               -DNG_BUILDING_LIBRARY
FUZZ_NAMES   = $(sort $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c)))
FUZZ_BIN     = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_OBJ     = $(LIB_C:%.c=$(FUZZ_BUILD)/%.o) $(LIB_CXX:%.cc=$(FUZZ_BUILD)/%.o) \
               $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(filter-out src/serve/server.c,\
                 $(sort $(wildcard src/serve/*.c src/web/*.c))))
FUZZ_LIB     = $(FUZZ_BUILD)/libnewsgraph-fuzz.a
# Bytes only: the embedded tables as the gcc build made them.
FUZZ_DATA    = $(DATA_C:.c=.o) $(ASSETS_C:.c=.o) $(PIVOT_OBJ)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "clang $<"; $(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@
$(FUZZ_BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	@echo "clang++ $<"; $(FUZZ_CXX) $(FUZZ_CXXFLAGS) -MMD -MP -c $< -o $@
$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c $(wildcard fuzz/*.h) $(FUZZ_LIB) $(FUZZ_DATA)
	@echo "clang $<"; $(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -c $< -o $@.o
	$(FUZZ_CXX) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $@.o $(FUZZ_LIB) \
	  $(FUZZ_DATA) $(LIBS) $(CLI_LIBS)
	@rm -f $@.o
-include $(FUZZ_OBJ:.o=.d)

fuzz-build: $(FUZZ_BIN)

# The long run: every target FUZZ_SECONDS, one after the other (nice), its
# finds kept in $(FUZZ_BUILD)/corpus/NAME (seeded too with excerpts of
# $(FUZZ_SHARED) when it is there: that data stays out of the repository),
# failures in $(FUZZ_BUILD)/crashes/NAME; then the table.
FUZZ_SHARED ?= ../shared/data
fuzz: fuzz-build
	@$(PYTHON) fuzz/seeds.py --shared $(FUZZ_SHARED) $(FUZZ_BUILD)/corpus
	@FUZZ_BUILD=$(FUZZ_BUILD) sh fuzz/run.sh long $(FUZZ_SECONDS) $(FUZZ_NAMES); \
	  rc=$$?; $(PYTHON) fuzz/table.py $(FUZZ_BUILD) $(FUZZ_NAMES); exit $$rc

# The smoke run of make test: each target's kept corpus and past failures
# replayed, then FUZZ_SMOKE_SECONDS of fuzzing; any failure fails.
fuzz-smoke test-fuzz-smoke: fuzz-build
	@FUZZ_BUILD=$(FUZZ_BUILD) sh fuzz/run.sh smoke $(FUZZ_SMOKE_SECONDS) $(FUZZ_NAMES)

# ---- demo, bench, eval -------------------------------------------------------
demo: deps
	$(MAKE) -j$(NPROC) all
	rm -f newsgraph.db newsgraph.db-wal newsgraph.db-shm newsgraph.db-lock
	$(CLI) ingest examples/articles/ --db newsgraph.db
	$(CLI) stories --db newsgraph.db
	@echo
	@echo "The web page of these stories (then open http://127.0.0.1:8080/):"
	@echo "  $(CLI) serve --db newsgraph.db"

bench: $(CLI) $(BENCH_BIN)
	sh bench/run.sh

# The HTTP server under wrk on the 100,000-article bench database
# (docs/PERFORMANCE.md, "Serving (issue 13)").
bench-serve: $(CLI) $(BENCH_BIN)
	sh bench/serve_load.sh

eval: $(CLI)
	sh eval/run.sh

# ---- install ------------------------------------------------------------------
# The shared library as libnewsgraph.so.VERSION, with the soname and the
# development name as links to it.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
	  $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	  $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/newsgraph
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libnewsgraph.a
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/libnewsgraph.so.$(VERSION)
	ln -sf libnewsgraph.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libnewsgraph.so
	install -m 644 include/newsgraph.h $(DESTDIR)$(INCLUDEDIR)/newsgraph.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	  -e 's|@LIBS_PRIVATE@|$(strip $(LIBS))|' newsgraph.pc.in \
	  > $(DESTDIR)$(LIBDIR)/pkgconfig/newsgraph.pc
	install -m 644 $(MANPAGE) $(DESTDIR)$(MANDIR)/man1/newsgraph.1

format:
	clang-format -i $(LIB_C) $(LIB_CXX) $(EVAL_C) $(CLI_C) $(TEST_C) \
	  include/newsgraph.h

clean:
	rm -rf build build-asan build-fuzz
