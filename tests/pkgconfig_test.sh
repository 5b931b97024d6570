#!/bin/sh
# pkgconfig_test.sh: installs into a temporary PREFIX and builds a user's
# program (tests/pkgconfig_hello.c) through pkg-config only, once against
# the shared library and once statically against libnewsgraph.a with
# `pkg-config --static` (its Libs.private must name every dependency), then
# runs both. Also checks the installed header, soname links and man page.
# Run from the repository root by `make test-pkgconfig`.
set -u
MAKE=${MAKE:-make}
CC=${CC:-cc}
T=$(mktemp -d /tmp/newsgraph-pc.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { desc=$1; shift; if "$@"; then ok; else bad "$desc"; fi; }

P=$T/prefix
version=$(cat VERSION)
if ! $MAKE install PREFIX="$P" >"$T/install.log" 2>&1; then
	cat "$T/install.log" >&2
	bad "make install PREFIX=$P"
	echo "pkgconfig: $passed passed, $failed failed"
	exit 1
fi
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
check "pkg-config finds newsgraph $version" [ "$(pkg-config --modversion newsgraph)" = "$version" ]
check "installed header carries VERSION" grep -q "^#define NG_VERSION \"$version\"$" "$P/include/newsgraph.h"
check "man page installed" [ -s "$P/share/man/man1/newsgraph.1" ]
check "libnewsgraph.so -> soname -> libnewsgraph.so.$version" [ "$(readlink -f "$P/lib/libnewsgraph.so")" = "$(readlink -f "$P/lib/libnewsgraph.so.$version")" ]
check "installed command runs" [ "$("$P/bin/newsgraph" version)" = "newsgraph $version" ]

# shellcheck disable=SC2046
$CC -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags newsgraph) \
	tests/pkgconfig_hello.c -o "$T/hello-shared" $(pkg-config --libs newsgraph) 2>"$T/cc.err"
check "dynamic link through pkg-config" [ $? -eq 0 ]
[ -s "$T/cc.err" ] && cat "$T/cc.err" >&2
out=$(LD_LIBRARY_PATH="$P/lib" "$T/hello-shared")
check "dynamic program runs ($out)" [ $? -eq 0 ]
check "dynamic program uses the installed libnewsgraph" sh -c "LD_LIBRARY_PATH='$P/lib' ldd '$T/hello-shared' | grep -q '$P/lib/libnewsgraph.so'"

# The static library beside the shared one: -l:libnewsgraph.a picks it, and
# everything else comes from pkg-config --static (Libs.private).
libs=$(pkg-config --static --libs newsgraph | sed 's/-lnewsgraph\b/-l:libnewsgraph.a/')
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags newsgraph) \
	tests/pkgconfig_hello.c -o "$T/hello-static" $libs 2>"$T/cc.err"
check "static link through pkg-config --static" [ $? -eq 0 ]
[ -s "$T/cc.err" ] && cat "$T/cc.err" >&2
out=$("$T/hello-static")
check "static program runs ($out)" [ $? -eq 0 ]
check "static program needs no libnewsgraph.so" sh -c "! ldd '$T/hello-static' | grep -q libnewsgraph"

# C++ callers: the header and its initializers compile as C++11.
printf '#include <newsgraph.h>\nint main() { ng_ingest_stats s = NG_INGEST_STATS_INIT; ng_config c; ng_config_init(&c); return (int)(s.size - sizeof s) + (int)(c.size - sizeof c); }\n' >"$T/hello.cc"
check "header compiles as C++11" ${CXX:-c++} -std=c++11 -Wall -Wextra -Werror -I"$P/include" -fsyntax-only "$T/hello.cc"

echo "pkgconfig: $passed passed, $failed failed"
[ $failed -eq 0 ]
