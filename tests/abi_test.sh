#!/bin/sh
# abi_test.sh: the ABI as shipped (docs/ABI.md). The shared library exports
# exactly the names in abi/libnewsgraph.symbols, each declared in
# include/newsgraph.h; the static library's global names are all ng_* (its
# internals were made local); the soname comes from VERSION. An intended
# change of the API is recorded with `make abi-update`.
# Run by `make test-abi` with SHARED, STATIC, SYMBOLS, SONAME and NM set.
set -u
NM=${NM:-nm}
T=$(mktemp -d /tmp/newsgraph-abi.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }

"$NM" -D --defined-only "$SHARED" | awk '{print $NF}' | LC_ALL=C sort >"$T/exported"
if cmp -s "$SYMBOLS" "$T/exported"; then ok; else
	bad "$SHARED exports other names than $SYMBOLS (an intended API change: make abi-update, and see docs/ABI.md for the soname):"
	diff -u "$SYMBOLS" "$T/exported" | sed -n '3,$p' >&2
fi

undeclared=""
for s in $(cat "$SYMBOLS"); do
	grep -q "[^a-z_]$s(" include/newsgraph.h || undeclared="$undeclared $s"
done
if [ -z "$undeclared" ]; then ok; else bad "exported but not declared in include/newsgraph.h:$undeclared"; fi

"$NM" -g --defined-only "$STATIC" | awk 'NF == 3 {print $3}' | grep -v '^ng_' | LC_ALL=C sort -u >"$T/internal"
if [ ! -s "$T/internal" ]; then ok; else
	bad "$STATIC has global names outside ng_*: $(head -n 5 "$T/internal" | tr '\n' ' ')"
fi
"$NM" -g --defined-only "$STATIC" | awk 'NF == 3 {print $3}' | LC_ALL=C sort -u >"$T/static"
if cmp -s "$T/static" "$T/exported"; then ok; else bad "$STATIC and $SHARED define different ng_* names"; fi

got=$(readelf -d "$SHARED" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
if [ "$got" = "$SONAME" ]; then ok; else bad "soname is $got, VERSION makes it $SONAME"; fi

echo "abi: $passed passed, $failed failed"
[ $failed -eq 0 ]
