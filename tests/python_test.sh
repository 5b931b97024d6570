#!/bin/sh
# tests/python_test.sh: the Python binding's tests (python/tests/) under
# /usr/bin/python3 against build/libnewsgraph.so, then an offline
# `pip install ./python` into a fresh virtual environment and one query
# through the installed package. Prints "python: N passed, N failed".
# Environment: BUILD (default build).
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
PY=/usr/bin/python3
export NEWSGRAPH_LIBRARY="$PWD/$BUILD/libnewsgraph.so"
export NEWSGRAPH="$PWD/$BUILD/newsgraph"
passed=0; failed=0

log=$(mktemp); T=$(mktemp -d)
trap 'rm -rf "$log" "$T"' EXIT
if $PY -m unittest discover -s python/tests >"$log" 2>&1; then
	ok=1
else
	ok=0; tail -n 60 "$log"
fi
ran=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\}.*/\1/p' "$log")
fails=$(grep -cE '^(FAIL|ERROR):' "$log")
ran=${ran:-0}
passed=$((passed + ran - fails)); failed=$((failed + fails))
[ $ok = 1 ] || [ "$fails" -gt 0 ] || failed=$((failed + 1))

# Installs offline, as a user would, and uses the installed copy. From a
# copy of python/, so the build leaves nothing in the source tree.
cp -r python "$T/src"
rm -rf "$T/src/build" "$T/src"/*.egg-info
if $PY -m venv --system-site-packages "$T/venv" >"$log" 2>&1 &&
   "$T/venv/bin/pip" install -q --no-index --no-build-isolation "$T/src" \
	>>"$log" 2>&1 &&
   (cd "$T" && "$T/venv/bin/python" -c '
import newsgraph, sys
assert newsgraph.__file__.startswith(sys.prefix), newsgraph.__file__
with newsgraph.open(":memory:", threads=1) as db:
    n = db.ingest_records([{"id": "x", "text": "Ministers met in Rome on Friday."}])
    assert n["added"] == 1 and db.article("x")["id"] == "x"
print("installed", newsgraph.libversion())') >>"$log" 2>&1; then
	passed=$((passed + 1))
else
	failed=$((failed + 1)); echo "pip install ./python failed:"; tail -n 30 "$log"
fi
echo "python: $passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ]
