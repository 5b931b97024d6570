#!/bin/sh
# mkpivot_test.sh: the pivot table never silently depends on the build
# machine. tools/mkpivot stops, naming every missing dictionary and its
# Debian package, when FreeDict files are absent; --empty builds a table
# with no entries on purpose (make PIVOT=empty); its dictionary lists are
# the Makefile's PIVOT_PAIRS and PIVOT_APERTIUM_PACKAGES (so `make deps`
# installs what it reads); an Apertium file lt-print cannot read stops it,
# naming the file.
# Run by `make test-mkpivot` with MKPIVOT, PIVOT_PAIRS and
# PIVOT_APERTIUM_PACKAGES set.
set -u
T=$(mktemp -d /tmp/newsgraph-mkpivot.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { desc=$1; shift; if "$@"; then ok; else bad "$desc"; fi; }

check "mkpivot --list is the Makefile's PIVOT_PAIRS" [ "$("$MKPIVOT" --list)" = "$PIVOT_PAIRS" ]
check "mkpivot --list-apertium is the Makefile's PIVOT_APERTIUM_PACKAGES" \
	[ "$("$MKPIVOT" --list-apertium)" = "$PIVOT_APERTIUM_PACKAGES" ]

mkdir "$T/dicts" "$T/apertium"
"$MKPIVOT" --apertium "$T/apertium" "$T/dicts" "$T/out.bin" 2>"$T/err"
check "no dictionaries: mkpivot fails" [ $? -ne 0 ]
check "no dictionaries: no table written" [ ! -e "$T/out.bin" ]
for pair in $PIVOT_PAIRS; do
	grep -q "freedict-$pair.dict.dz.*dict-freedict-$pair" "$T/err" || { bad "missing $pair not named with its package"; break; }
done
ok
for pkg in $PIVOT_APERTIUM_PACKAGES; do
	grep -q "$T/apertium/$pkg/.*install the Debian package $pkg " "$T/err" || { bad "missing $pkg not named"; break; }
done
ok
check "the message says how to build without them" grep -q "PIVOT=empty" "$T/err"

# Apertium files that are not transducers: the build stops, naming one
# (the FreeDict files are the installed ones, as make deps leaves them)
if [ -d /usr/share/dictd ] && [ -n "$PIVOT_APERTIUM_PACKAGES" ]; then
	"$MKPIVOT" --list-apertium >/dev/null
	for pkg in $PIVOT_APERTIUM_PACKAGES; do
		mkdir -p "$T/apertium/$pkg"
		for f in $(grep -o "$T/apertium/$pkg/[^:]*" "$T/err"); do
			echo "not a transducer" > "$f"
		done
	done
	"$MKPIVOT" --apertium "$T/apertium" /usr/share/dictd "$T/bad.bin" 2>"$T/err2"
	check "an unreadable Apertium file: mkpivot fails" [ $? -ne 0 ]
	check "an unreadable Apertium file: no table written" [ ! -e "$T/bad.bin" ]
	check "an unreadable Apertium file is named" grep -q "$T/apertium/.*lt-print" "$T/err2"
fi

"$MKPIVOT" --empty "$T/dicts" "$T/empty.bin" 2>"$T/err"
check "--empty builds a table" [ $? -eq 0 ] && [ -s "$T/empty.bin" ]
check "--empty table has no keys" grep -q ": 0 keys, 0 targets" "$T/err"

echo "mkpivot: $passed passed, $failed failed"
[ $failed -eq 0 ]
