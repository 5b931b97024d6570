# newsgraph: a plain Makefile. `make help` lists the targets.
#
# Two build trees: build/ (optimised, -O2 -g) and build-asan/ (tests under
# AddressSanitizer + UndefinedBehaviorSanitizer). Warnings are errors.

PREFIX    ?= /usr/local
NPROC     := $(shell nproc 2>/dev/null || echo 2)
MAKEFLAGS += --no-print-directory
CC        ?= cc
CXX       ?= c++
BUILD     ?= build
OPT       ?= -O2 -g
SANITIZE  ?=

DEB_PACKAGES = build-essential pkg-config libutf8proc-dev libcld2-dev wordnet-base \
               libstemmer-dev libsqlite3-dev libxxhash-dev sqlite3 time python3 \
               libicu-dev zlib1g-dev $(PIVOT_PACKAGES)
# FreeDict dictionaries for the pivot table (docs/CROSSLINGUAL.md)
PIVOT_PACKAGES = $(addprefix dict-freedict-,deu-eng fra-eng ita-eng spa-eng \
               pol-eng ces-eng slv-eng tur-eng ara-eng eng-rus eng-bul \
               eng-fra eng-ita eng-spa eng-pol eng-ces eng-tur)

WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter -Wvla
CFLAGS_ALL   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               $(OPT) $(WARN) $(SANITIZE) -Iinclude -fPIC \
               -fvisibility=hidden -DNG_BUILDING_LIBRARY $(CFLAGS)
CXXFLAGS_ALL = -std=c++11 $(OPT) -Wall -Wextra -Werror $(SANITIZE) -Iinclude \
               -fPIC -fvisibility=hidden -DNG_BUILDING_LIBRARY $(CXXFLAGS)
LIBS      = -lutf8proc -lcld2 -lstemmer -lsqlite3 -lxxhash -licui18n -licuuc \
            -licudata -lpthread -lm -lstdc++
LDFLAGS_ALL = $(SANITIZE) $(LDFLAGS)

LIB_C     = $(sort $(wildcard src/base/*.c src/read/*.c src/text/*.c \
              src/sketch/*.c src/link/*.c src/store/*.c src/report/*.c \
              src/eval/*.c src/engine/*.c src/extract/*.c))
LIB_CXX   = $(sort $(wildcard src/text/*.cc))
CLI_C     = $(sort $(wildcard src/cli/*.c))
TEST_C    = $(sort $(wildcard tests/test_*.c))
BENCH_C   = $(sort $(wildcard bench/*.c))

LIB_OBJ   = $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
CLI_OBJ   = $(CLI_C:%.c=$(BUILD)/%.o)
TEST_BIN  = $(TEST_C:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN = $(BENCH_C:bench/%.c=$(BUILD)/bench/%)
PIVOT_DICTS ?= /usr/share/dictd
PIVOT_OBJ = $(BUILD)/src/text/pivot_table.o

STATIC    = $(BUILD)/libnewsgraph.a
SHARED    = $(BUILD)/libnewsgraph.so
CLI       = $(BUILD)/newsgraph

.PHONY: all deps test test-unit test-asan test-cli demo bench eval install \
        clean help format

all: $(STATIC) $(SHARED) $(CLI)

help:
	@echo "make deps     install the Debian packages the build needs (apt-get)"
	@echo "make all      build libnewsgraph (static, shared) and newsgraph"
	@echo "make demo     deps, build, ingest examples/ into newsgraph.db, print stories"
	@echo "make test     unit + CLI tests, then the same under ASan+UBSan"
	@echo "make bench    throughput benchmark (see docs/PERFORMANCE.md)"
	@echo "make eval     quality suites on ../shared/data (see docs/QUALITY.md)"
	@echo "make install  install the library, header, command and pkg-config file"

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

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_ALL) -MMD -MP -c $< -o $@

$(STATIC): $(LIB_OBJ) $(PIVOT_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ) $(PIVOT_OBJ)
	$(CC) -shared -Wl,-soname,libnewsgraph.so.0 $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(CLI): $(CLI_OBJ) $(STATIC)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(STATIC) $(LIBS)

# The pivot dictionary (docs/CROSSLINGUAL.md): tools/mkpivot, linked with the
# library minus the table, converts the installed FreeDict files into
# $(BUILD)/pivot.bin, which pivot_table.S embeds. Remade when the converter,
# the key rules or the installed dictionaries change.
$(BUILD)/libnewsgraph-core.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tools/mkpivot: tools/mkpivot.c $(BUILD)/libnewsgraph-core.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(BUILD)/libnewsgraph-core.a $(LDFLAGS_ALL) $(LIBS) -lz

$(BUILD)/pivot.bin: tools/mkpivot.c src/text/pivot_key.c src/text/pivot.h \
                    $(wildcard $(PIVOT_DICTS)/freedict-*.index) | $(BUILD)/tools/mkpivot
	$(BUILD)/tools/mkpivot $(PIVOT_DICTS) $@.tmp && mv $@.tmp $@

$(PIVOT_OBJ): src/text/pivot_table.S $(BUILD)/pivot.bin
	@mkdir -p $(dir $@)
	$(CC) -c -DNGI_PIVOT_BIN='"$(BUILD)/pivot.bin"' -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/check.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(STATIC) $(LDFLAGS_ALL) $(LIBS)

$(BUILD)/bench/%: bench/%.c bench/bench_util.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(STATIC) $(LDFLAGS_ALL) $(LIBS)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# ---- tests ----------------------------------------------------------------
test-unit: $(TEST_BIN) $(CLI)
	@BUILD=$(BUILD) sh tests/run_unit.sh $(TEST_BIN)

test-cli: $(CLI)
	@NEWSGRAPH=$(CURDIR)/$(CLI) sh tests/cli_test.sh
	@NEWSGRAPH=$(CURDIR)/$(CLI) sh tests/resume_test.sh

test-asan:
	$(MAKE) -j$(NPROC) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  test-unit test-cli

# deps first, on its own: the build needs the headers it installs
test:
	$(MAKE) deps
	$(MAKE) -j$(NPROC) test-unit test-cli
	$(MAKE) test-asan

# ---- demo, bench, eval -------------------------------------------------------
demo: deps
	$(MAKE) -j$(NPROC) all
	rm -f newsgraph.db newsgraph.db-wal newsgraph.db-shm
	$(CLI) ingest examples/ --db newsgraph.db
	$(CLI) stories --db newsgraph.db

bench: $(CLI) $(BENCH_BIN)
	sh bench/run.sh

eval: $(CLI)
	sh eval/run.sh

# ---- install ------------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
	  $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/newsgraph
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/libnewsgraph.a
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/libnewsgraph.so.0
	ln -sf libnewsgraph.so.0 $(DESTDIR)$(PREFIX)/lib/libnewsgraph.so
	install -m 644 include/newsgraph.h $(DESTDIR)$(PREFIX)/include/newsgraph.h
	sed -e 's|@PREFIX@|$(PREFIX)|' newsgraph.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/newsgraph.pc

format:
	clang-format -i $(LIB_C) $(CLI_C) $(TEST_C) include/newsgraph.h

clean:
	rm -rf build build-asan
