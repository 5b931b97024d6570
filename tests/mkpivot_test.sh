#!/bin/sh
# mkpivot_test.sh: the pivot table never silently depends on the build
# machine. tools/mkpivot stops, naming every missing dictionary and its
# Debian package, when FreeDict files are absent; --empty builds a table
# with no entries on purpose (make PIVOT=empty); its dictionary list is the
# Makefile's PIVOT_PAIRS (so `make deps` installs what it reads).
# Run by `make test-mkpivot` with MKPIVOT and PIVOT_PAIRS set.
set -u
T=$(mktemp -d /tmp/newsgraph-mkpivot.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { desc=$1; shift; if "$@"; then ok; else bad "$desc"; fi; }

check "mkpivot --list is the Makefile's PIVOT_PAIRS" [ "$("$MKPIVOT" --list)" = "$PIVOT_PAIRS" ]

mkdir "$T/dicts"
"$MKPIVOT" "$T/dicts" "$T/out.bin" 2>"$T/err"
check "no dictionaries: mkpivot fails" [ $? -ne 0 ]
check "no dictionaries: no table written" [ ! -e "$T/out.bin" ]
for pair in $PIVOT_PAIRS; do
	grep -q "freedict-$pair.dict.dz.*dict-freedict-$pair" "$T/err" || { bad "missing $pair not named with its package"; break; }
done
ok
check "the message says how to build without them" grep -q "PIVOT=empty" "$T/err"

"$MKPIVOT" --empty "$T/dicts" "$T/empty.bin" 2>"$T/err"
check "--empty builds a table" [ $? -eq 0 ] && [ -s "$T/empty.bin" ]
check "--empty table has no keys" grep -q ": 0 keys, 0 targets" "$T/err"

echo "mkpivot: $passed passed, $failed failed"
[ $failed -eq 0 ]
